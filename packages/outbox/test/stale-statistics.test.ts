// The deliverer's statements must stay cheap when the planner's statistics are stale. The bench found
// them dear: the table was analysed right after a backlog drained (every row delivered), so the planner
// took the partial "pending" indexes for empty and walked the whole due index, for every candidate of a
// claim and for every key of a recorded delivery (a claim took 40 ms with 7,000 messages pending). Here
// that state is made on purpose (analysed with nothing pending, then a backlog, autovacuum off), every
// statement the outbox runs is captured and run again under EXPLAIN ANALYZE, and the rows its scans
// visited are counted: a bound that grows with the batch, not with the backlog.
// The library's outbox stands in for any service's (the hotline's bench found the trap).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { migrateOutbox } from '../src/migrate.js';
import { claimDueMessages as claimDue, enqueueMessages as enqueue, nextDueAt as nextDue, recordDelivered as recordDone, recordTry as recordOne, type OutboxDb } from '../src/queue-queries.js';
import { discardDeadLetter, retryDeadLetter as retryDead } from '../src/staff-queries.js';
import { LOANS_OUTBOX, loanNotice, loansDatabase } from './support/loans.js';
import { rowsVisitedBy, statementCapture, statementName } from '@bureau/testing';

const T = LOANS_OUTBOX;
const outbox = sql.table(T);
const claimDueMessages = (db: OutboxDb, input: Parameters<typeof claimDue>[2]) => claimDue(db, T, input);
const nextDueAt = (db: OutboxDb) => nextDue(db, T);
const recordDelivered = (db: OutboxDb, tries: Parameters<typeof recordDone>[2]) => recordDone(db, T, tries);
const recordTry = (db: OutboxDb, message: Parameters<typeof recordOne>[2], outcome: Parameters<typeof recordOne>[3]) => recordOne(db, T, message, outcome);
const retryDeadLetter = (db: OutboxDb, key: string, now: Date) => retryDead(db, T, key, now);

const DELIVERED = 20_000;
const PENDING_ORDERS = 2_500; // two messages each: 5,000 pending

/**
 * A fresh outbox whose history is DELIVERED messages, all delivered an hour ago, analysed then (autovacuum
 * off, so the statistics stay those of a table with nothing pending or dead); every statement captured.
 */
async function analysedWhenAllDelivered(t: Parameters<typeof loansDatabase>[0]) {
  const { statements, log } = statementCapture();
  const { pool, db } = await loansDatabase(t, { max: 2, log });
  await migrateOutbox(db, T);
  await sql`ALTER TABLE ${outbox} SET (autovacuum_enabled = false)`.execute(db);
  await sql`
    INSERT INTO ${outbox} (idempotency_key, event_type, ordering_key, destination, kind, payload, status,
                           next_attempt_at, budget_started_at, created_at, delivered_at)
    SELECT 'delivered-' || i, 'LoanNotice', 'loan-' || i, 'city-library', 'loan-opened', '{}', 'delivered',
           now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour', now() - interval '59 minutes'
      FROM generate_series(1, ${DELIVERED}) i`.execute(db);
  await sql`ANALYZE ${outbox}`.execute(db);
  return { statements, pool, db };
}

/** `count` dead letters, keyed dead-1 ... (a day's outage). */
const deadLetters = (db: OutboxDb, count: number) => sql`
    INSERT INTO ${outbox} (idempotency_key, event_type, ordering_key, destination, kind, payload, status,
                           next_attempt_at, budget_started_at, created_at, dead_at, dead_reason)
    SELECT 'dead-' || i, 'LoanNotice', 'dead-' || i, 'city-library', 'loan-returned', '{}', 'dead', now(), now(), now(), now(), 'rejected'
      FROM generate_series(1, ${count}) i`.execute(db);

t.test('with statistics taken when nothing was pending, the outbox statements visit rows in proportion to their batch', async (t) => {
  const { statements: captured, pool, db } = await analysedWhenAllDelivered(t);
  // The backlog: per loan an opening notice, then a return notice that must wait for it (per-key FIFO).
  await sql`
    INSERT INTO ${outbox} (idempotency_key, event_type, ordering_key, destination, kind, payload,
                           next_attempt_at, budget_started_at, created_at)
    SELECT 'pending-' || i || '-' || m, 'LoanNotice', 'backlog-' || i, 'city-library',
           CASE m WHEN 1 THEN 'loan-opened' ELSE 'loan-returned' END, '{}',
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
  const { statements, pool, db } = await analysedWhenAllDelivered(t);
  // A day's outage later: thousands of dead letters.
  await deadLetters(db, 5_000);
  statements.length = 0;
  const revived = await retryDeadLetter(db, 'dead-17', new Date());
  t.equal(revived?.status, 'pending', 'the letter is due again');
  const update = statements.find((q) => /^\s*update/i.test(q.sql));
  if (!update) throw new Error('no update captured');
  const visited = await rowsVisitedBy(pool, update);
  t.ok(visited <= 2, `${statementName(update)}: ${visited} rows visited`);
});

t.test('with statistics taken when nothing was dead, a staff discard of one dead letter looks at that letter only', async (t) => {
  const { statements, pool, db } = await analysedWhenAllDelivered(t);
  await deadLetters(db, 5_000);
  statements.length = 0;
  const discarded = await discardDeadLetter(db, T, 'dead-17', { by: 'librarian-wu', reason: 'the loan was closed by hand', at: new Date() });
  t.equal(discarded?.status, 'discarded', 'the letter is discarded');
  const update = statements.find((q) => /^\s*update/i.test(q.sql));
  if (!update) throw new Error('no update captured');
  const visited = await rowsVisitedBy(pool, update);
  t.ok(visited <= 2, `${statementName(update)}: ${visited} rows visited`);
});

t.test('with a thousand messages held behind dead letters, a claim and the next due time do not walk them', async (t) => {
  const { statements, pool, db } = await analysedWhenAllDelivered(t);
  // A thousand loans whose opening notice was refused, each with its return notice queued behind it
  // (through the outbox's own functions: the return is held on arrival), then an ordinary backlog.
  const past = new Date(Date.now() - 3_600_000);
  await db.transaction().execute((trx) => enqueue(trx, T, Array.from({ length: 1_000 }, (_, i) => loanNotice(`held-${i}`, 'loan-opened', past, `opened-${i}`))));
  const claimedOpenings = await claimDueMessages(db, { now: new Date(), leaseUntil: new Date(Date.now() + 60_000), limit: 1_000 });
  for (const m of claimedOpenings) await recordTry(db, m, { kind: 'dead', at: new Date(), status: 422, error: 'http 422', reason: 'rejected', problem: undefined });
  statements.length = 0;
  await db.transaction().execute((trx) => enqueue(trx, T, Array.from({ length: 1_000 }, (_, i) => loanNotice(`held-${i}`, 'loan-returned', past, `returned-${i}`))));
  const insert = statements.find((q) => /^\s*insert/i.test(q.sql));
  if (!insert) throw new Error('no insert captured');
  // Each message's held-or-pending probe reads its key's few rows through the index by key.
  const inserted = await rowsVisitedBy(pool, insert);
  t.ok(inserted <= 3 * 1_000, `queueing 1,000 behind dead letters: ${inserted} rows visited`);
  await sql`
    INSERT INTO ${outbox} (idempotency_key, event_type, ordering_key, destination, kind, payload, next_attempt_at, budget_started_at, created_at)
    SELECT 'pending-' || i, 'LoanNotice', 'backlog-' || i, 'city-library', 'loan-opened', '{}', now() - interval '10 minutes' + i * interval '1 ms', now(), now()
      FROM generate_series(1, 5000) i`.execute(db);
  const { rows } = await sql<{ status: string; n: string }>`SELECT status, count(*) AS n FROM ${outbox} WHERE ordering_key LIKE 'held-%' GROUP BY status ORDER BY status`.execute(db);
  t.same(rows.map((r) => [r.status, Number(r.n)]), [['dead', 1_000], ['held', 1_000]], 'every return is held behind its dead opening');
  statements.length = 0;
  const now = new Date();
  const claimed = await claimDueMessages(db, { now, leaseUntil: new Date(now.getTime() + 60_000), limit: 16 });
  t.ok(claimed.length === 16 && claimed.every((m) => m.orderingKey.startsWith('backlog-')), 'a full claim, of the backlog only');
  t.ok(await nextDueAt(db), 'something is due');
  t.equal(statements.length, 2);
  for (const query of statements) {
    const visited = await rowsVisitedBy(pool, query);
    t.ok(visited < 400, `${statementName(query)}: ${visited} rows visited`);
  }
});

t.test('a message claimed is always pending: the table refuses a claim token on a delivered or dead row', async (t) => {
  const { db } = await loansDatabase(t, { max: 1 });
  await migrateOutbox(db, T);
  const insert = (status: string) =>
    sql`INSERT INTO ${outbox} (idempotency_key, event_type, ordering_key, destination, kind, payload, status,
                               next_attempt_at, budget_started_at, created_at, claim_token)
        VALUES (${randomUUID()}, 'LoanNotice', 'o', 'city-library', 'loan-returned', '{}', ${status}, now(), now(), now(), gen_random_uuid())`.execute(db);
  await t.resolves(insert('pending'));
  // recordDelivered and recordTry find their row by key and claim token alone, trusting this rule.
  await t.rejects(insert('delivered'), { code: '23514' });
  await t.rejects(insert('dead'), { code: '23514' });
});
