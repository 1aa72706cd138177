// Keyset paging over a list in memory: every page in turn yields every item once, in the order asked,
// forward and back; a pinyin key orders Chinese names; an item removed meanwhile moves no boundary.
import t from 'tap';
import { decodeCursor, numerically, pageOfList, type ListKey } from '../src/paging/index.js';

interface Person { id: string; name: string; rank: number }
const people: Person[] = [
  { id: 'p1', name: '王五', rank: 2 }, { id: 'p2', name: '陈一', rank: 1 }, { id: 'p3', name: '李四', rank: 2 },
  { id: 'p4', name: '张三', rank: 3 }, { id: 'p5', name: '白二', rank: 1 },
];
const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
const byName: ListKey<Person>[] = [{ of: (p) => p.name, compare: (a, b) => pinyin.compare(a, b), direction: 'asc' }, { of: (p) => p.id, direction: 'asc' }];
const byRankDesc: ListKey<Person>[] = [{ of: (p) => String(p.rank), compare: numerically, direction: 'desc' }, { of: (p) => p.id, direction: 'desc' }];

const walk = (items: Person[], keys: ListKey<Person>[], sort: string) => {
  const seen: string[][] = [];
  let page = pageOfList(items, keys, { sort, cursor: undefined, limit: 2 });
  seen.push(page.rows.map((p) => p.id));
  while (page.nextCursor !== null) {
    page = pageOfList(items, keys, { sort, cursor: decodeCursor(page.nextCursor), limit: 2 });
    seen.push(page.rows.map((p) => p.id));
  }
  const back: string[][] = [];
  while (page.previousCursor !== null) {
    page = pageOfList(items, keys, { sort, cursor: decodeCursor(page.previousCursor), limit: 2 });
    back.push(page.rows.map((p) => p.id));
  }
  return { seen, back, last: page };
};

t.test('pages through every item once, in order, forward and back', async (t) => {
  const names = walk(people, byName, 'name');
  t.strictSame(names.seen, [['p5', 'p2'], ['p3', 'p1'], ['p4']], '白, 陈, 李, 王, 张 by pinyin');
  t.strictSame(names.back, [['p3', 'p1'], ['p5', 'p2']], 'and back to the first page');
  t.equal(names.last.previousCursor, null, 'the first page has no previous');
  const ranks = walk(people, byRankDesc, '-rank');
  t.strictSame(ranks.seen.flat(), ['p4', 'p3', 'p1', 'p5', 'p2'], 'numbers as numbers, descending, ties by id');
  t.equal(pageOfList(people, byName, { sort: 'name', cursor: undefined, limit: 10 }).total, 5);
  t.strictSame(pageOfList([], byName, { sort: 'name', cursor: undefined, limit: 2 }), { rows: [], total: 0, nextCursor: null, previousCursor: null });
});

t.test('an item removed after a page was shown moves no boundary', async (t) => {
  const first = pageOfList(people, byName, { sort: 'name', cursor: undefined, limit: 2 });
  const without = people.filter((p) => p.id !== 'p5');
  const second = pageOfList(without, byName, { sort: 'name', cursor: decodeCursor(first.nextCursor ?? ''), limit: 2 });
  t.strictSame(second.rows.map((p) => p.id), ['p3', 'p1'], 'the next page starts after 陈 still');
  t.throws(() => pageOfList(people, byName, { sort: 'name', cursor: { sort: 'name', towards: 'next', key: ['x'] }, limit: 2 }), /another order/);
});
