// Every read and write of the outbox table. Functions take the db (or a transaction) first.
import type { OutboundAction } from '@bureau/hotline-protocol/messages';
import type { ReadModelTransaction } from '@bureau/projections';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DeadReason, OutboxDatabase, OutboxStatus, OutboxTable } from './outbox-table.js';

export type OutboxDb = Kysely<OutboxDatabase>;
export type OutboxRow = Selectable<OutboxTable>;

export interface NewOutboxMessage {
  readonly idempotencyKey: string;
  readonly eventType: string;
  readonly workOrderId: string;
  readonly platformId: string;
  readonly orderNo: string;
  readonly action: OutboundAction;
  readonly body: string;
  readonly createdAt: Date;
}

/**
 * Queues messages, inside the reactor's transaction (hence its untyped db); one already queued (same
 * event id) is left as it is, so a replay adds nothing.
 */
export async function enqueueMessages(db: ReadModelTransaction, messages: readonly NewOutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto('hotline_outbox')
    .values(
      messages.map((m) => ({
        idempotency_key: m.idempotencyKey,
        event_type: m.eventType,
        work_order_id: m.workOrderId,
        platform_id: m.platformId,
        order_no: m.orderNo,
        action: m.action,
        body: m.body,
        next_attempt_at: m.createdAt,
        budget_started_at: m.createdAt,
        created_at: m.createdAt,
        claim_token: null,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

export interface ClaimedMessage {
  readonly idempotencyKey: string;
  readonly claimToken: string;
  readonly platformId: string;
  readonly orderNo: string;
  readonly action: OutboundAction;
  readonly body: string;
  /** This try's number since the budget started (1 = first). */
  readonly attempt: number;
  readonly budgetStartedAt: Date;
}

/**
 * Per-order FIFO: an earlier message of the same order still waiting (c is the candidate). It names the
 * states it waits on by what they are not, so that only the index of every message by order can serve it:
 * `status = 'pending'` would let stale statistics (taken when nothing was pending) pick a partial index
 * and walk the whole backlog for each candidate (migration 20261206, test/outbox/stale-statistics).
 */
const earlierUndelivered = sql`
            SELECT 1 FROM hotline_outbox e
             WHERE e.work_order_id = c.work_order_id AND e.seq < c.seq AND e.status <> 'delivered' AND e.status <> 'dead'`;

/**
 * Claims up to `limit` due messages for one try each. A claim is a lease: the row's due time moves to
 * `leaseUntil`, so if this process dies mid-try the message becomes due again by itself. SKIP LOCKED lets
 * several deliverers claim side by side; the FIFO rule keeps one order's messages in the order they arose.
 */
export async function claimDueMessages(db: OutboxDb, input: { now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedMessage[]> {
  const { rows } = await sql<{
    idempotency_key: string;
    claim_token: string;
    platform_id: string;
    order_no: string;
    action: OutboundAction;
    body: string;
    attempts: number;
    budget_started_at: Date;
  }>`
    UPDATE hotline_outbox o
       SET attempts = o.attempts + 1, claim_token = gen_random_uuid(), next_attempt_at = ${input.leaseUntil}, last_attempt_at = ${input.now}
     WHERE o.idempotency_key IN (
       SELECT c.idempotency_key FROM hotline_outbox c
        WHERE c.status = 'pending' AND c.next_attempt_at <= ${input.now}
          AND NOT EXISTS (${earlierUndelivered})
        ORDER BY c.next_attempt_at, c.seq
        LIMIT ${input.limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING o.idempotency_key, o.claim_token, o.platform_id, o.order_no, o.action, o.body, o.attempts, o.budget_started_at`.execute(db);
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    claimToken: r.claim_token,
    platformId: r.platform_id,
    orderNo: r.order_no,
    action: r.action,
    body: r.body,
    attempt: r.attempts,
    budgetStartedAt: r.budget_started_at,
  }));
}

/**
 * The row a claim holds, by key and claim token alone: only a pending message holds a claim (the table's
 * rule hotline_outbox_claimed_is_pending), and a `status = 'pending'` here could be planned, on stale
 * statistics, as a walk of the due index instead of one primary-key probe.
 */
const claimed = (db: OutboxDb, message: Pick<ClaimedMessage, 'idempotencyKey' | 'claimToken'>) =>
  db.updateTable('hotline_outbox').where('idempotency_key', '=', message.idempotencyKey).where('claim_token', '=', message.claimToken);

/** The outcome of one try, recorded only by the claim that made it (a lapsed claim's news is dropped). */
export type TryOutcome =
  | { readonly kind: 'delivered'; readonly at: Date; readonly status: number }
  | { readonly kind: 'retry'; readonly at: Date; readonly status: number | null; readonly error: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'dead'; readonly at: Date; readonly status: number | null; readonly error: string; readonly reason: DeadReason; readonly problem: unknown }
  /** The try was abandoned (shutdown): due again at once, and the try does not count. */
  | { readonly kind: 'released'; readonly at: Date };

export async function recordTry(db: OutboxDb, message: Pick<ClaimedMessage, 'idempotencyKey' | 'claimToken'>, outcome: TryOutcome): Promise<boolean> {
  const update = claimed(db, message);
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
    case 'dead':
      result = await update
        .set({
          status: 'dead',
          dead_at: outcome.at,
          dead_reason: outcome.reason,
          last_status: outcome.status,
          last_error: outcome.error,
          last_problem: outcome.problem === undefined ? null : JSON.stringify(outcome.problem),
          claim_token: null,
        })
        .executeTakeFirst();
      break;
    case 'released':
      result = await update
        .set((eb) => ({ next_attempt_at: outcome.at, attempts: eb('attempts', '-', 1), claim_token: null }))
        .executeTakeFirst();
      break;
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
  return result.numUpdatedRows === 1n;
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
export async function recordDelivered(db: OutboxDb, tries: readonly DeliveredTry[]): Promise<Set<string>> {
  if (tries.length === 0) return new Set();
  const { rows } = await sql<{ idempotency_key: string }>`
    UPDATE hotline_outbox o
       SET status = 'delivered', delivered_at = t.at, last_status = t.status, last_error = NULL, last_problem = NULL, claim_token = NULL
      FROM unnest(${tries.map((d) => d.message.idempotencyKey)}::text[], ${tries.map((d) => d.message.claimToken)}::uuid[],
                  ${tries.map((d) => d.at.toISOString())}::timestamptz[], ${tries.map((d) => d.status)}::integer[]) AS t(key, token, at, status)
     WHERE o.idempotency_key = t.key AND o.claim_token = t.token
    RETURNING o.idempotency_key`.execute(db);
  return new Set(rows.map((r) => r.idempotency_key));
}

/**
 * When the next try may start: the earliest due time among the messages at the head of their order's
 * queue (a claimed one counts with the end of its claim). Undefined when nothing is pending.
 */
export async function nextDueAt(db: OutboxDb): Promise<Date | undefined> {
  // ORDER BY … LIMIT 1, not min(): the due-time index is walked from the earliest and stops at the first
  // message at the head of its order's queue, where min() would look at every pending message (a backlog
  // of thousands made this 4 ms a call in the bench's reply phase).
  const { rows } = await sql<{ due: Date | null }>`
    SELECT c.next_attempt_at AS due FROM hotline_outbox c
     WHERE c.status = 'pending'
       AND NOT EXISTS (${earlierUndelivered})
     ORDER BY c.next_attempt_at
     LIMIT 1`.execute(db);
  return rows[0]?.due ?? undefined;
}

export async function findMessage(db: OutboxDb, idempotencyKey: string): Promise<OutboxRow | undefined> {
  return await db.selectFrom('hotline_outbox').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

/** Dead letters, latest first; `before` pages by dead_at. */
export async function listDeadLetters(db: OutboxDb, input: { limit: number; before?: Date }): Promise<OutboxRow[]> {
  let query = db.selectFrom('hotline_outbox').selectAll().where('status', '=', 'dead');
  if (input.before) query = query.where('dead_at', '<', input.before);
  return await query.orderBy('dead_at', 'desc').orderBy('seq', 'desc').limit(input.limit).execute();
}

/**
 * Staff retry: a dead letter becomes due now with a fresh budget. Idempotent: a message already pending
 * or delivered is left alone. Returns the row as it stands, or undefined when there is no such message.
 */
export async function retryDeadLetter(db: OutboxDb, idempotencyKey: string, now: Date): Promise<OutboxRow | undefined> {
  const revived = await db
    .updateTable('hotline_outbox')
    .set((eb) => ({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      budget_started_at: now,
      dead_at: null,
      dead_reason: null,
      claim_token: null,
      staff_retries: eb('staff_retries', '+', 1),
    }))
    .where('idempotency_key', '=', idempotencyKey)
    // "Dead", said as neither pending nor delivered: `status = 'dead'` could be planned, on statistics
    // taken when nothing was dead, as a walk of every dead letter instead of one primary-key probe.
    .where('status', '<>', 'pending')
    .where('status', '<>', 'delivered')
    .returningAll()
    .executeTakeFirst();
  return revived ?? (await findMessage(db, idempotencyKey));
}

export interface OutboxStats {
  readonly pending: number;
  readonly delivered: number;
  readonly dead: number;
  /** Pending messages that have failed at least once (the platform is likely having trouble). */
  readonly retrying: number;
  readonly oldestPendingAt: Date | null;
  readonly nextAttemptAt: Date | null;
  readonly lastDeliveredAt: Date | null;
}

export async function outboxStats(db: OutboxDb): Promise<OutboxStats> {
  const { rows } = await sql<{
    pending: string;
    delivered: string;
    dead: string;
    retrying: string;
    oldest_pending_at: Date | null;
    next_attempt_at: Date | null;
    last_delivered_at: Date | null;
  }>`
    SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
           count(*) FILTER (WHERE status = 'delivered') AS delivered,
           count(*) FILTER (WHERE status = 'dead') AS dead,
           count(*) FILTER (WHERE status = 'pending' AND last_error IS NOT NULL) AS retrying,
           min(created_at) FILTER (WHERE status = 'pending') AS oldest_pending_at,
           min(next_attempt_at) FILTER (WHERE status = 'pending') AS next_attempt_at,
           max(delivered_at) AS last_delivered_at
      FROM hotline_outbox`.execute(db);
  const row = rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    delivered: Number(row?.delivered ?? 0),
    dead: Number(row?.dead ?? 0),
    retrying: Number(row?.retrying ?? 0),
    oldestPendingAt: row?.oldest_pending_at ?? null,
    nextAttemptAt: row?.next_attempt_at ?? null,
    lastDeliveredAt: row?.last_delivered_at ?? null,
  };
}

export type { OutboxStatus };
