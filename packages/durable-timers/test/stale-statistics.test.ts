// The projection's statements for pauses, resumptions, cancels and fires of timers set in earlier
// batches find their rows by key whatever the planner's statistics say: taken when no timer was
// pending, they make the partial index of pending timers look empty. Each statement is captured, run
// again under EXPLAIN ANALYZE, and the rows it looked at are counted.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@bureau/event-store';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { timersProjection } from '../src/index.js';
import { rowsVisitedBy, statementCapture, statementName } from '@bureau/testing';
import { reviewRules } from './support/reviews.js';
import { local } from './support/time.js';

const CLOSED = 20_000;
const PENDING = 5_000;
const DUE = local('2025-11-13 00:00').toISOString();
const FROM = local('2025-11-03 10:00').toISOString();

function recorded(n: number, review: string, type: string, data: object): RecordedEvent {
  return {
    id: randomUUID(),
    streamName: `review-${review}`,
    revision: 1n,
    position: { commit: BigInt(n), prepare: BigInt(n) },
    type,
    data: data as RecordedEvent['data'],
    metadata: {},
    recordedAt: new Date(),
    hash: '',
  };
}

t.test('with statistics taken when no timer was pending, pausing, resuming, cancelling and firing look at those timers only', async (t) => {
  const pool = new pg.Pool({ connectionString: await freshDatabase(t, 'dtimers'), max: 2 });
  const capture = statementCapture();
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: capture.log });
  t.teardown(() => db.destroy());
  const calendar = createOfficialWorkingCalendar();
  const projection = timersProjection({ name: 'review_timers', version: 1, table: 'review_timers', rules: reviewRules('review'), calendar: () => calendar });
  const tables = { review_timers: 'public.review_timers' };
  await db.transaction().execute((trx) => projection.migrate(trx, tables));
  await sql`ALTER TABLE review_timers SET (autovacuum_enabled = false)`.execute(db);
  const insert = (ids: string[], state: string) => sql`
    INSERT INTO review_timers (timer_id, subject_id, kind, due_at, due_at_iso, fire_at, state, basis, amount, counted_from, calendar_version)
    SELECT s || '/review', s, 'review', ${DUE}::timestamptz, ${DUE}, ${DUE}::timestamptz, ${state}, 'working_days', 7, ${FROM}::timestamptz, ${calendar.version}
      FROM unnest(${ids}::text[]) s`.execute(db);
  await insert(Array.from({ length: CLOSED }, (_, i) => `closed${i}`), 'cancelled');
  await sql`ANALYZE review_timers`.execute(db);
  const open = Array.from({ length: PENDING }, (_, i) => `r${i}`);
  await insert(open, 'pending');

  const at = (s: string) => local(s).toISOString();
  const pauses = open.slice(0, 8).map((r, i) => recorded(i + 1, r, 'MaterialsRequested', { at: at('2025-11-06 15:00') }));
  const others = [
    ...open.slice(100, 108).map((r, i) => recorded(i + 9, r, 'ReviewDecided', {})),
    ...open.slice(200, 208).map((r, i) => recorded(i + 17, r, 'ReviewOverdue', { dueAt: DUE })),
  ];
  const resumptions = open.slice(0, 8).map((r, i) => recorded(i + 25, r, 'MaterialsReceived', { at: at('2025-11-10 09:30') }));
  capture.statements.length = 0;
  await db.transaction().execute((trx) => projection.handle(trx, [...pauses, ...others], tables));
  await db.transaction().execute((trx) => projection.handle(trx, resumptions, tables));
  const statements = capture.statements.filter((q) => /^\s*(update|select|insert)/i.test(q.sql));

  const { rows } = await sql<{ state: string; n: number }>`
    SELECT state, count(*)::int AS n FROM review_timers WHERE subject_id = ANY(${open.slice(0, 300)}) GROUP BY state ORDER BY state`.execute(db);
  t.same(rows.map((r) => [r.state, r.n]), [['cancelled', 8], ['fired', 8], ['pending', 284]], 'each statement changed its timers and no other');
  const { rows: resumed } = await sql<{ due_at_iso: string }>`SELECT DISTINCT due_at_iso FROM review_timers WHERE subject_id = ANY(${open.slice(0, 8)})`.execute(db);
  t.same(resumed, [{ due_at_iso: local('2025-11-15 00:00').toISOString() }], 'paused with 4 working days left, resumed Monday: due at the end of Friday');

  t.ok(statements.length >= 5, `${statements.length} statements: rows read for the pauses and resumptions, their upserts, the cancel, the fire`);
  for (const query of statements) {
    const visited = await rowsVisitedBy(pool, query);
    // A few rows per timer changed; a walk of the pending index would visit all 5,000.
    t.ok(visited <= 40, `${statementName(query)}: ${visited} rows visited`);
  }
});
