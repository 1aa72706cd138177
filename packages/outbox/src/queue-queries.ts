// The deliverer's reads and writes of an outbox table: queue, claim, record a try, next due time.
// Functions take the db (or a transaction) first, then the table's name. These statements are the hot
// path: their count and shape are what bench:hotline measured, and test/stale-statistics.test.ts shows
// each stays cheap however stale the planner's statistics are.
import { sql, type Kysely } from 'kysely';
import type { DeadReason } from './outbox-table.js';
import { named } from './table-name.js';

/** Any Kysely: the outbox's table name is the service's, so its queries are not typed by a schema. */
export type OutboxDb = Kysely<any>;

export interface NewOutboxMessage {
  readonly idempotencyKey: string;
  readonly eventType: string;
  readonly orderingKey: string;
  readonly destination: string;
  readonly kind: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly payload: string;
  readonly createdAt: Date;
}

/**
 * Queues messages, inside the reactor's transaction; one already queued (same idempotency key) is left
 * as it is, so a replay adds nothing. One statement of fixed text whatever the batch's size (the rows
 * travel as arrays and are unnested), so PostgreSQL plans it once per connection and every batch reuses
 * the plan. A message is `held` from the start when its key has a dead letter (or messages held behind
 * one): one probe of the index by key per message, said by what the states are not, so that stale
 * statistics cannot make it a walk of the dead letters' index; and with LIMIT 1 rather than EXISTS, which
 * PostgreSQL may turn into a hashed subplan that reads every row of the table once per batch
 * (test/stale-statistics.test.ts saw 23,000 rows visited to queue 1,000).
 */
export async function enqueueMessages(db: OutboxDb, table: string, messages: readonly NewOutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const column = <T>(pick: (m: NewOutboxMessage) => T): T[] => messages.map(pick);
  await sql`
    INSERT INTO ${named(table)} AS o
           (status, idempotency_key, event_type, ordering_key, destination, kind, attributes, payload,
            next_attempt_at, budget_started_at, created_at, claim_token)
    SELECT CASE WHEN (SELECT true FROM ${named(table)} d
                        WHERE d.ordering_key = m.ordering_key
                          AND d.status <> 'pending' AND d.status <> 'delivered' AND d.status <> 'discarded'
                        LIMIT 1)
                THEN 'held' ELSE 'pending' END,
           m.idempotency_key, m.event_type, m.ordering_key, m.destination, m.kind, m.attributes::jsonb, m.payload,
           m.created_at, m.created_at, m.created_at, NULL
      FROM unnest(${column((m) => m.idempotencyKey)}::text[], ${column((m) => m.eventType)}::text[],
                  ${column((m) => m.orderingKey)}::text[], ${column((m) => m.destination)}::text[],
                  ${column((m) => m.kind)}::text[], ${column((m) => JSON.stringify(m.attributes))}::text[],
                  ${column((m) => m.payload)}::text[], ${column((m) => m.createdAt)}::timestamptz[])
           WITH ORDINALITY AS m(idempotency_key, event_type, ordering_key, destination, kind, attributes, payload, created_at, n)
     ORDER BY m.n
    ON CONFLICT (idempotency_key) DO NOTHING`.execute(db);
}

/** A message claimed for one try: what the transport sends, and what recording its outcome needs. */
export interface ClaimedMessage {
  readonly idempotencyKey: string;
  readonly claimToken: string;
  readonly eventType: string;
  readonly orderingKey: string;
  readonly destination: string;
  readonly kind: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly payload: string;
  /** This try's number since the budget started (1 = first). */
  readonly attempt: number;
  readonly budgetStartedAt: Date;
}

/**
 * Per-key FIFO and the hold: an earlier message of the same key not yet settled (c is the candidate).
 * Pending ones wait their turn; a dead one holds its key's later messages until staff retry it (it goes
 * first) or discard it (those later messages are also marked `held`, out of the due index, but this check
 * alone would keep them back: a message queued while its dead letter was being recorded, or claimed by a
 * process of the code before the hold, is still pending). It names the states it waits on by what they are not, so that only the index of
 * every message by key can serve it: `status IN ('pending', 'dead')` would let stale statistics (taken
 * when nothing was pending) pick a partial index and walk the whole backlog for each candidate.
 */
const earlierUnsettled = (table: string) => sql`
            SELECT 1 FROM ${named(table)} e
             WHERE e.ordering_key = c.ordering_key AND e.seq < c.seq AND e.status <> 'delivered' AND e.status <> 'discarded'`;

type ClaimedRow = {
  idempotency_key: string;
  claim_token: string;
  event_type: string;
  ordering_key: string;
  destination: string;
  kind: string;
  attributes: Record<string, string>;
  payload: string;
  attempts: number;
  budget_started_at: Date;
};

/**
 * Claims up to `limit` due messages for one try each. A claim is a lease: the row's due time moves to
 * `leaseUntil`, so if this process dies mid-try the message becomes due again by itself. SKIP LOCKED lets
 * several deliverers claim side by side; the FIFO rule keeps one key's messages in the order they arose.
 */
export async function claimDueMessages(db: OutboxDb, table: string, input: { now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedMessage[]> {
  const { rows } = await sql<ClaimedRow>`
    UPDATE ${named(table)} o
       SET attempts = o.attempts + 1, claim_token = gen_random_uuid(), next_attempt_at = ${input.leaseUntil}, last_attempt_at = ${input.now}
     WHERE o.idempotency_key IN (
       SELECT c.idempotency_key FROM ${named(table)} c
        WHERE c.status = 'pending' AND c.next_attempt_at <= ${input.now}
          AND NOT EXISTS (${earlierUnsettled(table)})
        ORDER BY c.next_attempt_at, c.seq
        LIMIT ${input.limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING o.idempotency_key, o.claim_token, o.event_type, o.ordering_key, o.destination, o.kind, o.attributes, o.payload, o.attempts, o.budget_started_at`.execute(db);
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    claimToken: r.claim_token,
    eventType: r.event_type,
    orderingKey: r.ordering_key,
    destination: r.destination,
    kind: r.kind,
    attributes: r.attributes,
    payload: r.payload,
    attempt: r.attempts,
    budgetStartedAt: r.budget_started_at,
  }));
}

/**
 * The row a claim holds, by key and claim token alone: only a pending message holds a claim (the table's
 * rule `${table}_claimed_is_pending`), and a `status = 'pending'` here could be planned, on stale
 * statistics, as a walk of the due index instead of one primary-key probe.
 */
const claimed = (db: OutboxDb, table: string, message: Pick<ClaimedMessage, 'idempotencyKey' | 'claimToken'>) =>
  db.updateTable(table).where('idempotency_key', '=', message.idempotencyKey).where('claim_token', '=', message.claimToken);

/** The outcome of one try, recorded only by the claim that made it (a lapsed claim's news is dropped). */
export type TryOutcome =
  | { readonly kind: 'delivered'; readonly at: Date; readonly status: number }
  | { readonly kind: 'retry'; readonly at: Date; readonly status: number | null; readonly error: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'dead'; readonly at: Date; readonly status: number | null; readonly error: string; readonly reason: DeadReason; readonly problem: unknown }
  /** The try was abandoned (shutdown): due again at once, and the try does not count. */
  | { readonly kind: 'released'; readonly at: Date };

export async function recordTry(db: OutboxDb, table: string, message: Pick<ClaimedMessage, 'idempotencyKey' | 'claimToken'>, outcome: TryOutcome): Promise<boolean> {
  const update = claimed(db, table, message);
  let result;
  switch (outcome.kind) {
    case 'delivered':
      result = await update
        .set({ status: 'delivered', delivered_at: outcome.at, last_status: outcome.status, last_error: null, last_problem: null, claim_token: null })
        .executeTakeFirst();
      break;
    case 'retry':
      result = await update
        .set({ next_attempt_at: outcome.nextAttemptAt, last_status: outcome.status, last_error: outcome.error, claim_token: null })
        .executeTakeFirst();
      break;
    case 'dead': {
      const dead = await update
        .set({
          status: 'dead',
          dead_at: outcome.at,
          dead_reason: outcome.reason,
          last_status: outcome.status,
          last_error: outcome.error,
          last_problem: outcome.problem === undefined ? null : JSON.stringify(outcome.problem),
          claim_token: null,
        })
        .returning(['ordering_key', 'seq'])
        .executeTakeFirst();
      if (dead) await holdBehind(db, table, { orderingKey: String(dead.ordering_key), seq: String(dead.seq) });
      return dead !== undefined;
    }
    case 'released':
      result = await update
        .set((eb: any) => ({ next_attempt_at: outcome.at, attempts: eb('attempts', '-', 1), claim_token: null }))
        .executeTakeFirst();
      break;
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
  return result.numUpdatedRows === 1n;
}

/**
 * A message of the key just died: its later messages are held (out of the due index) until staff retry
 * or discard it. Rare (the dead path only); the FIFO check would keep them back regardless.
 */
async function holdBehind(db: OutboxDb, table: string, dead: { orderingKey: string; seq: string }): Promise<void> {
  await sql`
    UPDATE ${named(table)} h SET status = 'held'
     WHERE h.ordering_key = ${dead.orderingKey} AND h.seq > ${dead.seq}
       AND h.status <> 'held' AND h.status <> 'delivered' AND h.status <> 'dead' AND h.status <> 'discarded' AND h.claim_token IS NULL`.execute(db);
}

/** One delivered try, as recordDelivered takes it. */
export interface DeliveredTry {
  readonly message: Pick<ClaimedMessage, 'idempotencyKey' | 'claimToken'>;
  readonly at: Date;
  readonly status: number;
}

/**
 * recordTry's `delivered` for many tries in one statement (the deliverer gathers the answers that arrive
 * while one such write is in flight). Returns the keys whose claim still held: only those were recorded.
 * A held claim means the message is pending (see `claimed`).
 */
export async function recordDelivered(db: OutboxDb, table: string, tries: readonly DeliveredTry[]): Promise<Set<string>> {
  if (tries.length === 0) return new Set();
  const { rows } = await sql<{ idempotency_key: string }>`
    UPDATE ${named(table)} o
       SET status = 'delivered', delivered_at = t.at, last_status = t.status, last_error = NULL, last_problem = NULL, claim_token = NULL
      FROM unnest(${tries.map((d) => d.message.idempotencyKey)}::text[], ${tries.map((d) => d.message.claimToken)}::uuid[],
                  ${tries.map((d) => d.at.toISOString())}::timestamptz[], ${tries.map((d) => d.status)}::integer[]) AS t(key, token, at, status)
     WHERE o.idempotency_key = t.key AND o.claim_token = t.token
    RETURNING o.idempotency_key`.execute(db);
  return new Set(rows.map((r) => r.idempotency_key));
}

/**
 * When the next try may start: the earliest due time among the messages at the head of their key's
 * queue (a claimed one counts with the end of its claim). Undefined when nothing is pending.
 */
export async function nextDueAt(db: OutboxDb, table: string): Promise<Date | undefined> {
  // ORDER BY … LIMIT 1, not min(): the due-time index is walked from the earliest and stops at the first
  // message at the head of its key's queue, where min() would look at every pending message (a backlog
  // of thousands made this 4 ms a call in the bench's reply phase).
  const { rows } = await sql<{ due: Date | null }>`
    SELECT c.next_attempt_at AS due FROM ${named(table)} c
     WHERE c.status = 'pending'
       AND NOT EXISTS (${earlierUnsettled(table)})
     ORDER BY c.next_attempt_at
     LIMIT 1`.execute(db);
  return rows[0]?.due ?? undefined;
}
