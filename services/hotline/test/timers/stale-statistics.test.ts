// The timers' statements that change one timer (or a batch's) must find it by its key, whatever the
// planner's statistics say: taken when no timer was pending, they make the partial "pending" index look
// empty, and a statement saying `state = 'pending'` could then be planned as a walk of every pending
// timer (the same trap as the outbox's, test/outbox/stale-statistics.test.ts). Here that state is made
// on purpose, each statement is captured and run again under EXPLAIN ANALYZE, and the rows it looked at
// are counted.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@bureau/event-store';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { workOrderStreamName } from '../../src/domain/index.js';
import { timerIdOf } from '../../src/timers/timer-changes.js';
import { deferTimer, markFired, type TimersDb } from '../../src/timers/timer-queries.js';
import { timersProjection } from '../../src/timers/timers-projection.js';
import { rowsVisitedBy, statementCapture, statementName } from '@bureau/testing';

const CANCELLED = 20_000;
const PENDING = 5_000;
const DUE = '2026-12-08T09:00:00.000Z';

const backlogOrder = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function recorded(n: number, workOrderId: string, type: string, data: object): RecordedEvent {
  return {
    id: randomUUID(),
    streamName: workOrderStreamName(workOrderId),
    revision: 3n,
    position: { commit: BigInt(n), prepare: BigInt(n) },
    type,
    data: data as RecordedEvent['data'],
    metadata: {},
    recordedAt: new Date(),
    hash: '',
  };
}

t.test('with statistics taken when no timer was pending, cancelling and firing timers looks at those timers only', async (t) => {
  const pool = new pg.Pool({ connectionString: await freshDatabase(t), max: 2 });
  const capture = statementCapture();
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: capture.log });
  t.teardown(() => db.destroy());
  const projection = timersProjection({ onScheduled: () => undefined });
  // The physical table under the name the firing loop's queries use for the view.
  const tables = { hotline_timers: 'public.hotline_timers' };
  await db.transaction().execute((trx) => projection.migrate(trx, tables));
  await sql`ALTER TABLE hotline_timers SET (autovacuum_enabled = false)`.execute(db);
  await sql`
    INSERT INTO hotline_timers (timer_id, work_order_id, kind, due_at, due_at_iso, fire_at, state)
    SELECT 'closed-' || i, 'closed-' || i, 'reply', ${DUE}::timestamptz, ${DUE}, ${DUE}::timestamptz, 'cancelled'
      FROM generate_series(1, ${CANCELLED}) i`.execute(db);
  await sql`ANALYZE hotline_timers`.execute(db);
  const orders = Array.from({ length: PENDING }, (_, i) => backlogOrder(i));
  await sql`
    INSERT INTO hotline_timers (timer_id, work_order_id, kind, due_at, due_at_iso, fire_at, state)
    SELECT o || '/reply', o, 'reply', ${DUE}::timestamptz, ${DUE}, ${DUE}::timestamptz, 'pending'
      FROM unnest(${orders}::text[]) o`.execute(db);
  t.equal(timerIdOf(orders[0] as string, 'reply'), `${orders[0]}/reply`, 'the rows carry the ids the projection computes');

  // A batch of the projection: eight replies (their reply timers cancelled) and eight overdue events
  // (their timers shown fired), all for timers set in earlier batches.
  const events = [
    ...orders.slice(100, 108).map((o, i) => recorded(i + 1, o, 'WorkOrderReplied', {})),
    ...orders.slice(200, 208).map((o, i) => recorded(i + 9, o, 'ReplyOverdue', { dueAt: DUE })),
  ];
  capture.statements.length = 0;
  await db.transaction().execute((trx) => projection.handle(trx, events, tables));
  const timers = db as TimersDb;
  const loopTimer = (i: number) => ({ timer_id: timerIdOf(orders[i] as string, 'reply'), work_order_id: orders[i] as string, kind: 'reply' as const, due_at_iso: DUE, attempts: 1 });
  await markFired(timers, loopTimer(300), 'recorded', new Date(), null);
  await deferTimer(timers, loopTimer(301), new Date(), 'calendar not loaded');

  const { rows } = await sql<{ state: string; n: string }>`
    SELECT state, count(*) AS n FROM hotline_timers WHERE work_order_id = ANY(${orders.slice(100, 302)}) GROUP BY state ORDER BY state`.execute(db);
  t.same(rows.map((r) => [r.state, Number(r.n)]), [['cancelled', 8], ['fired', 9], ['pending', 185]], 'each statement changed its timers and no other');

  const changes = capture.statements.filter((q) => /^\s*update/i.test(q.sql));
  t.equal(changes.length, 4, 'cancel, fired, the loop marking one fired, the loop deferring one');
  for (const query of changes) {
    const visited = await rowsVisitedBy(pool, query);
    // At most a few rows per timer changed; a walk of the pending index would visit all 5,000.
    t.ok(visited <= 32, `${statementName(query)}: ${visited} rows visited`);
  }
});
