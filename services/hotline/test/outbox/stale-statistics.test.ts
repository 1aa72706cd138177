// The deliverer's statements must stay cheap when the planner's statistics are stale. The bench found
// them dear: the table was analysed right after a backlog drained (every row delivered), so the planner
// took the partial "pending" indexes for empty and walked the whole due index, for every candidate of a
// claim and for every key of a recorded delivery (a claim took 40 ms with 7,000 messages pending). Here
// that state is made on purpose (analysed with nothing pending, then a backlog, autovacuum off), every
// statement the outbox runs is captured and run again under EXPLAIN ANALYZE, and the rows its scans
// visited are counted: a bound that grows with the batch, not with the backlog.
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { migrateOutbox } from '../../src/outbox/migrate.js';
import { claimDueMessages, nextDueAt, recordDelivered, recordTry, retryDeadLetter, type OutboxDb } from '../../src/outbox/outbox-queries.js';
import type { OutboxDatabase } from '../../src/outbox/outbox-table.js';
import { rowsVisitedBy, statementCapture, statementName } from '../support/plan-cost.js';

const DELIVERED = 20_000;
const PENDING_ORDERS = 2_500; // two messages each: 5,000 pending

t.test('with statistics taken when nothing was pending, the outbox statements visit rows in proportion to their batch', async (t) => {
  const url = await freshDatabase(t);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const { statements: captured, log } = statementCapture();
  const db: OutboxDb = new Kysely<OutboxDatabase>({ dialect: new PostgresDialect({ pool }), log });
  t.teardown(() => db.destroy());
  await migrateOutbox(db);
  await sql`ALTER TABLE hotline_outbox SET (autovacuum_enabled = false)`.execute(db);
  await sql`
    INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body, status,
                                next_attempt_at, budget_started_at, created_at, delivered_at)
    SELECT 'delivered-' || i, 'WorkOrderSignedFor', 'order-' || i, 'gz12345', 'D' || i, 'sign-for', '{}', 'delivered',
           now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour', now() - interval '59 minutes'
      FROM generate_series(1, ${DELIVERED}) i`.execute(db);
  await sql`ANALYZE hotline_outbox`.execute(db);
  // The backlog: per order a sign-for, then a reply that must wait for it (per-order FIFO).
  await sql`
    INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body,
                                next_attempt_at, budget_started_at, created_at)
    SELECT 'pending-' || i || '-' || m, 'WorkOrderReplied', 'backlog-' || i, 'gz12345', 'P' || i,
           CASE m WHEN 1 THEN 'sign-for' ELSE 'replies' END, '{}',
           now() - interval '10 minutes' + i * interval '1 ms', now(), now()
      FROM generate_series(1, ${PENDING_ORDERS}) i, generate_series(1, 2) m
     ORDER BY i, m`.execute(db);

  const now = new Date();
  captured.length = 0;
  const claimed = await claimDueMessages(db, { now, leaseUntil: new Date(now.getTime() + 60_000), limit: 16 });
  t.equal(claimed.length, 16, 'a full claim');
  t.ok(claimed.every((m) => m.idempotencyKey.endsWith('-1')), 'only the head of each order is claimed (per-order FIFO holds)');
  const [first, ...rest] = claimed;
  const recorded = await recordDelivered(db, rest.map((message) => ({ message, at: now, status: 200 })));
  t.equal(recorded.size, 15, 'the deliveries are recorded');
  t.equal(await recordTry(db, first!, { kind: 'retry', at: now, status: 503, error: 'busy', nextAttemptAt: now }), true, 'a retry is recorded');
  t.ok(await nextDueAt(db), 'something is due');
  t.equal(captured.length, 4, 'four statements captured');

  for (const query of captured) {
    const visited = await rowsVisitedBy(pool, query);
    // A batch of 16 looks at a few rows per message; walking the backlog looks at thousands (the
    // statements before this test's fix: about 5,000 for a recorded delivery, 170,000 for a claim).
    t.ok(visited < 400, `${statementName(query)}: ${visited} rows visited`);
  }
});

t.test('with statistics taken when nothing was dead, a staff retry of one dead letter looks at that letter only', async (t) => {
  const pool = new pg.Pool({ connectionString: await freshDatabase(t), max: 2 });
  const { statements, log } = statementCapture();
  const db: OutboxDb = new Kysely<OutboxDatabase>({ dialect: new PostgresDialect({ pool }), log });
  t.teardown(() => db.destroy());
  await migrateOutbox(db);
  await sql`ALTER TABLE hotline_outbox SET (autovacuum_enabled = false)`.execute(db);
  const rows = (status: string, count: number) => sql`
    INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body, status,
                                next_attempt_at, budget_started_at, created_at, dead_at, dead_reason)
    SELECT ${status} || '-' || i, 'WorkOrderReplied', ${status} || '-' || i, 'gz12345', 'D' || i, 'replies', '{}', ${status},
           now(), now(), now(), CASE ${status} WHEN 'dead' THEN now() END, CASE ${status} WHEN 'dead' THEN 'retry_budget_spent' END
      FROM generate_series(1, ${count}) i`.execute(db);
  await rows('delivered', DELIVERED);
  await sql`ANALYZE hotline_outbox`.execute(db);
  // A day's outage later: thousands of dead letters.
  await rows('dead', 5_000);
  statements.length = 0;
  const revived = await retryDeadLetter(db, 'dead-17', new Date());
  t.equal(revived?.status, 'pending', 'the letter is due again');
  const update = statements.find((q) => /^\s*update/i.test(q.sql));
  if (!update) throw new Error('no update captured');
  const visited = await rowsVisitedBy(pool, update);
  t.ok(visited <= 2, `${statementName(update)}: ${visited} rows visited`);
});

t.test('a message claimed is always pending: the table refuses a claim token on a delivered or dead row', async (t) => {
  const pool = new pg.Pool({ connectionString: await freshDatabase(t), max: 1 });
  const db: OutboxDb = new Kysely<OutboxDatabase>({ dialect: new PostgresDialect({ pool }) });
  t.teardown(() => db.destroy());
  await migrateOutbox(db);
  const insert = (status: string) =>
    sql`INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body, status,
                                    next_attempt_at, budget_started_at, created_at, claim_token)
        VALUES (${randomUUID()}, 'WorkOrderReplied', 'o', 'gz12345', 'C1', 'replies', '{}', ${status}, now(), now(), now(), gen_random_uuid())`.execute(db);
  await t.resolves(insert('pending'));
  // recordDelivered and recordTry find their row by key and claim token alone, trusting this rule.
  await t.rejects(insert('delivered'), { code: '23514' });
  await t.rejects(insert('dead'), { code: '23514' });
});
