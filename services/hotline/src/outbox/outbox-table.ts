// The outbox table as Kysely sees it (see migrations/ for the DDL).
import type { ColumnType, Generated } from 'kysely';
import type { OutboundAction } from '@bureau/hotline-protocol/messages';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** Why staff see a message among the dead letters. */
export type DeadReason = 'rejected' | 'retry_budget_spent' | 'unknown_platform';

type Instant = ColumnType<Date, Date, Date>;

// Type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible shape.
export type OutboxTable = {
  seq: Generated<string>;
  /** The id of the event the message comes from: the platform dedupes on it. */
  idempotency_key: string;
  event_type: string;
  work_order_id: string;
  platform_id: string;
  order_no: string;
  action: OutboundAction;
  /** The exact JSON sent, every time. */
  body: string;
  status: Generated<OutboxStatus>;
  /** Tries since the budget started (first try, or the last staff retry). */
  attempts: Generated<number>;
  /** When the next try is due; while a try is in flight, when its claim lapses. */
  next_attempt_at: Instant;
  budget_started_at: Instant;
  /** Set by each claim; only the claim holding it may record the outcome. */
  claim_token: string | null;
  created_at: Instant;
  last_attempt_at: Date | null;
  /** The platform's HTTP status of the last try; null when it did not answer. */
  last_status: number | null;
  last_error: string | null;
  /** The platform's problem+json when it refused the message. */
  last_problem: ColumnType<unknown, string | null, string | null> | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  dead_reason: DeadReason | null;
  staff_retries: Generated<number>;
};

export type OutboxDatabase = {
  hotline_outbox: OutboxTable;
};
