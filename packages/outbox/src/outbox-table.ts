// An outbox table as Kysely sees it (see migrations/ for the DDL). Its name is the service's, so the
// queries take it as an argument and reach the table through `sql.id`.
import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * pending → delivered; pending → dead (staff: → pending again, or → discarded). While a message of a key
 * is dead, the key's later messages are `held` (owed, not due); a retry or discard makes them pending.
 */
export type OutboxStatus = 'pending' | 'held' | 'delivered' | 'dead' | 'discarded';

/**
 * Why staff see a message among the dead letters: the destination refused it, the retry budget ran out,
 * or a reason the service's transport names (the hotline's `unknown_platform`).
 */
export type DeadReason = 'rejected' | 'retry_budget_spent' | (string & {});

type Instant = ColumnType<Date, Date, Date>;

// Type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible shape.
export type OutboxTable = {
  seq: Generated<string>;
  /** The id of the event the message comes from (by default): the destination dedupes on it. */
  idempotency_key: string;
  event_type: string;
  /** Messages of one key are delivered in the order they were queued (a work order, an application). */
  ordering_key: string;
  /** Where the transport sends it (the hotline: the platform's id). */
  destination: string;
  /** What the message is, in the service's words (the hotline: the protocol's action). */
  kind: string;
  /** Whatever else the transport needs to address it (the hotline: the platform's order number). */
  attributes: ColumnType<Record<string, string>, string, string>;
  /** The exact bytes sent, every time. */
  payload: string;
  status: Generated<OutboxStatus>;
  /** Tries since the budget started (first try, or the last staff retry). */
  attempts: Generated<number>;
  /** When the next try is due; while a try is in flight, when its claim lapses. */
  next_attempt_at: Instant;
  budget_started_at: Instant;
  /** Set by each claim; only the claim holding it may record the outcome. Only a pending row holds one. */
  claim_token: string | null;
  created_at: Instant;
  last_attempt_at: Date | null;
  /** The destination's status code on the last try; null when it did not answer. */
  last_status: number | null;
  last_error: string | null;
  /** The destination's problem when it refused the message. */
  last_problem: ColumnType<unknown, string | null, string | null> | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  dead_reason: DeadReason | null;
  staff_retries: Generated<number>;
  discarded_at: Date | null;
  /** The staff member who discarded it, and why. */
  discarded_by: string | null;
  discard_reason: string | null;
};

export type OutboxRow = Selectable<OutboxTable>;
