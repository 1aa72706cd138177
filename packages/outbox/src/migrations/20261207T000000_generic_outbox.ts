// The outbox made generic (it left the hotline for @bureau/outbox), in place and with every row kept:
// - the hotline's columns take the generic names: work order → ordering key, platform → destination,
//   action → kind, body → payload; the platform's order number joins the message's attributes
//   (`{"orderNo": …}`), which the service's transport reads; the action's list of values goes (each
//   service has its own kinds);
// - a dead letter can be discarded by staff (who, when, why), a state that, like delivered, no longer
//   holds its key's later messages;
// - a message behind a dead letter of its key is `held`: owed, but out of the due index, so claims do not
//   walk over it (the FIFO check alone would keep it back, at the cost of a probe per held message in
//   every claim). Messages already waiting behind a dead letter are held now; one in flight (a claim of
//   a process still running the old code) stays pending and is kept back by the FIFO check.
// Renaming a column keeps its indexes (by key, by due time, the dead letters), their names and the
// rule that only a pending message holds a claim; no row is rewritten but to fill `attributes`.
import { sql, type Migration } from 'kysely';
import { named } from '../table-name.js';

export const genericOutbox = (table: string): Migration => ({
  async up(db) {
    const t = named(table);
    await sql`ALTER TABLE ${t} RENAME COLUMN work_order_id TO ordering_key`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN platform_id TO destination`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN action TO kind`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN body TO payload`.execute(db);
    await sql`ALTER TABLE ${t} DROP CONSTRAINT ${named(table, 'action_check')}`.execute(db);
    await sql`ALTER TABLE ${t} ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db);
    await sql`UPDATE ${t} SET attributes = jsonb_build_object('orderNo', order_no)`.execute(db);
    await sql`ALTER TABLE ${t} DROP COLUMN order_no`.execute(db);
    await sql`ALTER TABLE ${t} ADD COLUMN discarded_at timestamptz, ADD COLUMN discarded_by text, ADD COLUMN discard_reason text`.execute(db);
    await sql`ALTER TABLE ${t} DROP CONSTRAINT ${named(table, 'status_check')}`.execute(db);
    await sql`ALTER TABLE ${t} ADD CONSTRAINT ${named(table, 'status_check')} CHECK (status IN ('pending', 'held', 'delivered', 'dead', 'discarded'))`.execute(db);
    await sql`
      UPDATE ${t} p SET status = 'held'
       WHERE p.status = 'pending' AND p.claim_token IS NULL
         AND EXISTS (SELECT 1 FROM ${t} d WHERE d.ordering_key = p.ordering_key AND d.seq < p.seq AND d.status = 'dead')`.execute(db);
  },
  async down(db) {
    const t = named(table);
    // A discarded message was a dead letter: it goes back to being one; a held one is pending.
    await sql`UPDATE ${t} SET status = 'dead' WHERE status = 'discarded'`.execute(db);
    await sql`UPDATE ${t} SET status = 'pending' WHERE status = 'held'`.execute(db);
    await sql`ALTER TABLE ${t} DROP CONSTRAINT ${named(table, 'status_check')}`.execute(db);
    await sql`ALTER TABLE ${t} ADD CONSTRAINT ${named(table, 'status_check')} CHECK (status IN ('pending', 'delivered', 'dead'))`.execute(db);
    await sql`ALTER TABLE ${t} DROP COLUMN discarded_at, DROP COLUMN discarded_by, DROP COLUMN discard_reason`.execute(db);
    await sql`ALTER TABLE ${t} ADD COLUMN order_no text`.execute(db);
    await sql`UPDATE ${t} SET order_no = coalesce(attributes->>'orderNo', '')`.execute(db);
    await sql`ALTER TABLE ${t} ALTER COLUMN order_no SET NOT NULL, DROP COLUMN attributes`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN payload TO body`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN kind TO action`.execute(db);
    await sql`ALTER TABLE ${t} ADD CONSTRAINT ${named(table, 'action_check')} CHECK (action IN ('sign-for', 'return-requests', 'extension-requests', 'replies')) NOT VALID`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN destination TO platform_id`.execute(db);
    await sql`ALTER TABLE ${t} RENAME COLUMN ordering_key TO work_order_id`.execute(db);
  },
});
