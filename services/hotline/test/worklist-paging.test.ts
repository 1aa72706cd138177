// The worklist pages and sorts on the server: every page in turn yields every open order once, in the
// order asked, and back again; a sort not on the whitelist is a 400 naming it; the count is of the
// caller's reach only (another district's auditor counts none of this centre's orders).
import t from 'tap';
import { hotlineFixture } from './support/app.js';

interface Listed { entries: { workOrderId: string; externalNumber: string; dueAt: string; dispatchedAt: string }[]; total: number; nextCursor: string | null; previousCursor: string | null; next: string | null }

t.test('the worklist, a page at a time', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 09:00', env: { READ_YOUR_WRITES_WAIT_MS: '3000', DEADLINE_TIMERS_FIRE: 'false' } });
  let last = '';
  // Seven orders over three days, of two categories (their deadlines differ), three signed for.
  const numbers = ['K05', 'K01', 'K07', 'K03', 'K02', 'K06', 'K04'];
  for (const [i, no] of numbers.entries()) {
    f.clock.set(`2026-03-0${2 + (i % 3)} ${10 + i}:00`);
    const res = await f.dispatch(no, { category: i % 2 === 0 ? 'complaint' : 'consultation' });
    t.equal(res.statusCode, 200, res.body);
    if (i % 3 === 0) {
      const signed = await f.staffPost(f.idOf(no), 'sign-for');
      t.equal(signed.statusCode, 200, signed.body);
      last = signed.json().position ?? last;
    }
  }
  f.clock.set('2026-03-05 09:00');
  const list = async (url: string, token = f.tokens.staff) => {
    const res = await f.get(`${url}${url.includes('?') ? '&' : '?'}after=${encodeURIComponent(last)}`, token);
    t.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as Listed;
  };

  for (const [sort, field] of [['dueAt', 'dueAt'], ['-dispatchedAt', 'dispatchedAt'], ['externalNumber', 'externalNumber']] as const) {
    t.test(`sorted by ${sort}: every order once, in order, and back`, async (t) => {
      const whole = await list(`/worklist?sort=${sort}&limit=500`);
      t.equal(whole.total, 7);
      const keys = whole.entries.map((e) => e[field]);
      const sorted = [...keys].sort();
      t.same(keys, sort.startsWith('-') ? sorted.reverse() : sorted, 'in the order asked');
      const pages: string[][] = [];
      let page = await list(`/worklist?sort=${sort}&limit=3`);
      pages.push(page.entries.map((e) => e.externalNumber));
      t.equal(page.previousCursor, null, 'the first page has no previous');
      while (page.next !== null && pages.length < 10) {
        page = await list(page.next);
        pages.push(page.entries.map((e) => e.externalNumber));
        t.equal(page.total, 7, 'every page counts them all');
      }
      t.same(pages.flat(), whole.entries.map((e) => e.externalNumber), 'the pages in turn: each order once');
      t.same(pages.map((p) => p.length), [3, 3, 1]);
      const back = await list(`/worklist?sort=${sort}&limit=3&cursor=${page.previousCursor}`);
      t.same(back.entries.map((e) => e.externalNumber), pages[1], 'previous: the page before');
    });
  }

  t.test('filters page too', async (t) => {
    const overdue = await list('/worklist?overdue=false&limit=2');
    t.equal(overdue.total, (await list('/worklist?overdue=false&limit=500')).entries.length);
  });

  t.test('a sort not on the list, or a cursor not ours, is a 400 naming the field', async (t) => {
    const bad = await f.get('/worklist?sort=citizenName');
    t.equal(bad.statusCode, 400);
    t.match(bad.json(), { errors: [{ field: 'querystring.sort' }] });
    const forged = await f.get('/worklist?cursor=bm90LWEtY3Vyc29y');
    t.equal(forged.statusCode, 400);
    t.match(forged.json(), { errors: [{ field: 'querystring.cursor', rule: 'cursor' }] });
  });

  t.test('the count is of the caller\'s reach', async (t) => {
    t.equal((await list('/worklist?limit=1', f.tokens.auditor)).total, 7, '花都\'s auditor counts the centre\'s seven');
    const baiyun = await list('/worklist?limit=1', f.token('auditor', 'user-baiyun-auditor', 'baiyun-bureau'));
    t.same([baiyun.total, baiyun.entries.length], [0, 0], '白云\'s auditor counts none of them');
  });
});
