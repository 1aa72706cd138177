// The outbox as it began in the hotline (one row per message the centre owed the 12345 platform), kept
// as it ran: a table made by it holds messages today, and a migration that has run is never edited.
// A new service runs it too, then 20261207 makes the table generic (empty, that costs nothing). A plain
// table, not a projection generation: a rebuild must never forget what was already delivered.
import { sql, type Migration } from 'kysely';
import { named } from '../table-name.js';

export const createOutbox = (table: string): Migration => ({
  async up(db) {
    await sql`
      CREATE TABLE ${named(table)} (
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
    await sql`CREATE INDEX ${named(table, 'due')} ON ${named(table)} (next_attempt_at) WHERE status = 'pending'`.execute(db);
    // Per-order FIFO: a message waits while an earlier one of the same order is still pending.
    await sql`CREATE INDEX ${named(table, 'order_pending')} ON ${named(table)} (work_order_id, seq) WHERE status = 'pending'`.execute(db);
    await sql`CREATE INDEX ${named(table, 'dead')} ON ${named(table)} (dead_at DESC) WHERE status = 'dead'`.execute(db);
  },
  async down(db) {
    await sql`DROP TABLE ${named(table)}`.execute(db);
  },
});
