// Keyset paging on a real table: every page in turn yields every row once, in the order asked, both
// ways (next, then previous back to the start), with ties and mixed directions; a cursor of another
// sort or not ours is a 400 naming querystring.cursor.
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { cursorOf, encodeCursor, pageLink, readPage, type SortKey } from '../src/paging/index.js';
import { HttpProblem } from '../src/http/problem.js';

interface Db { files: { id: string; green: boolean; due: Date | null; number: string | null } }

t.test('pages through all rows once, in order, forward and back', async (t) => {
  const db = new Kysely<Db>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await freshDatabase(t), max: 1 }) }) });
  t.teardown(() => db.destroy());
  await sql`CREATE TABLE files (id text PRIMARY KEY, green boolean NOT NULL, due timestamptz, number text)`.execute(db);
  const rows = Array.from({ length: 23 }, (_, i) => ({
    id: `f${String(i).padStart(2, '0')}`,
    green: i % 5 === 0,
    // ties on purpose (three files per day), microseconds kept, some without a deadline
    due: i % 7 === 3 ? null : new Date(Date.UTC(2026, 11, 1 + Math.floor(i / 3), 8, 0, 0, 0)),
    number: i % 4 === 0 ? null : `N${(i * 7) % 23}`,
  }));
  await db.insertInto('files').values(rows).execute();
  await sql`UPDATE files SET due = due + interval '0.000123 seconds' WHERE id = 'f01'`.execute(db);

  const orders: Record<string, readonly SortKey[]> = {
    'green first, due asc nulls last': [
      { value: sql`green`, type: 'boolean', direction: 'desc' },
      { value: sql`COALESCE(due, 'infinity'::timestamptz)`, type: 'timestamptz', direction: 'asc' },
      { value: sql`id`, type: 'text', direction: 'asc' },
    ],
    'number desc (nulls last), id': [
      { value: sql`(number IS NULL)`, type: 'boolean', direction: 'asc' },
      { value: sql`COALESCE(number, '')`, type: 'text', direction: 'desc' },
      { value: sql`id`, type: 'text', direction: 'asc' },
    ],
  };
  for (const [name, keys] of Object.entries(orders)) {
    const orderBy = keys.map((k) => sql`${k.value} ${sql.raw(k.direction)}`);
    const expected = (await sql<{ id: string }>`SELECT id FROM files ORDER BY ${sql.join(orderBy)}`.execute(db)).rows.map((r) => r.id);
    const seen: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof readPage<Db, 'files', { id: string }>>> = await readPage(db.selectFrom('files').select(['id']), keys, { sort: name, cursor: cursor === null ? undefined : cursorOf({ cursor, sort: name }), limit: 5 });
      seen.push(page.rows.map((r) => r.id));
      if (seen.length > 1) t.not(page.previousCursor, null, `${name}: a later page links back`);
      else t.equal(page.previousCursor, null, `${name}: the first page has no previous`);
      cursor = page.nextCursor;
      if (seen.length === 5) {
        t.equal(cursor, null, `${name}: the last page has no next`);
        // and back again from the last page to the first, page by page
        let back = page.previousCursor;
        const backwards: string[][] = [];
        while (back !== null) {
          const previous = await readPage(db.selectFrom('files').select(['id']), keys, { sort: name, cursor: cursorOf({ cursor: back, sort: name }), limit: 5 });
          backwards.unshift(previous.rows.map((r) => r.id));
          back = previous.previousCursor;
        }
        t.same(backwards, seen.slice(0, 4), `${name}: previous pages are the same pages`);
      }
    } while (cursor !== null && seen.length < 10);
    t.same(seen.flat(), expected, `${name}: every row once, in order`);
    t.same(seen.map((p) => p.length), [5, 5, 5, 5, 3]);
  }
});

t.test('a cursor not ours, or of another sort, is a 400 naming querystring.cursor', async (t) => {
  const check = (cursor: string, sort: string) => {
    try {
      cursorOf({ cursor, sort });
      return 'accepted';
    } catch (error) {
      return error instanceof HttpProblem ? `${error.status} ${JSON.stringify(error.extensions?.errors)}` : 'other';
    }
  };
  t.match(check('not-a-cursor', 'dueAt'), /^400 .*"field":"querystring.cursor","rule":"cursor"/);
  t.match(check(encodeCursor({ sort: '-dueAt', towards: 'next', key: ['x'] }), 'dueAt'), /^400 .*"rule":"cursor_sort"/);
  t.equal(check(encodeCursor({ sort: 'dueAt', towards: 'next', key: ['x'] }), 'dueAt'), 'accepted');
  t.equal(pageLink('/worklist', { sort: 'dueAt', after: '1/1', overdue: true, assignee: undefined, cursor: 'old' }, 'new'), '/worklist?sort=dueAt&overdue=true&cursor=new');
  t.equal(pageLink('/worklist', { sort: 'dueAt' }, null), null);
});
