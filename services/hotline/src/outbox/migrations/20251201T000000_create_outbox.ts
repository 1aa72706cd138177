// The outbox (发件箱): one row per message the centre owes the 12345 platform. A plain table, not a
// projection generation: a rebuild must never forget what was already delivered.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE hotline_outbox (
      seq bigserial NOT NULL UNIQUE,
      idempotency_key text PRIMARY KEY,
      event_type text NOT NULL,
      work_order_id text NOT NULL,
      platform_id text NOT NULL,
      order_no text NOT NULL,
      action text NOT NULL CHECK (action IN ('sign-for', 'return-requests', 'extension-requests', 'replies')),
      body text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      budget_started_at timestamptz NOT NULL,
      claim_token uuid,
      created_at timestamptz NOT NULL,
      last_attempt_at timestamptz,
      last_status integer,
      last_error text,
      last_problem jsonb,
      delivered_at timestamptz,
      dead_at timestamptz,
      dead_reason text,
      staff_retries integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX hotline_outbox_due ON hotline_outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
  // Per-order FIFO: a message waits while an earlier one of the same order is still pending.
  await sql`CREATE INDEX hotline_outbox_order_pending ON hotline_outbox (work_order_id, seq) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX hotline_outbox_dead ON hotline_outbox (dead_at DESC) WHERE status = 'dead'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE hotline_outbox`.execute(db);
}
