// The deliverer's statements made safe from stale planner statistics (test/outbox/stale-statistics).
// Statistics taken while nothing was pending make the partial "pending" indexes look empty, so any
// statement saying `status = 'pending'` may be planned as a walk of the whole due index: per candidate
// of a claim, per key of a recorded try. So:
// - the per-order FIFO check gets an index of every message by order (a handful per order), which a
//   check that names the states it waits on (not delivered, not dead) can use and the partial ones
//   cannot be chosen for;
// - a try is recorded by key and claim token alone (the primary key), which this rule makes exact: only
//   a pending message holds a claim.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX hotline_outbox_order_queue ON hotline_outbox (work_order_id, seq)`.execute(db);
  await sql`DROP INDEX hotline_outbox_order_pending`.execute(db);
  // Every path that ends a try has always cleared the token; should a row say otherwise, its claim is
  // over anyway (it is no longer pending), so clearing it loses nothing and lets the rule hold.
  await sql`UPDATE hotline_outbox SET claim_token = NULL WHERE status <> 'pending' AND claim_token IS NOT NULL`.execute(db);
  await sql`ALTER TABLE hotline_outbox ADD CONSTRAINT hotline_outbox_claimed_is_pending CHECK (claim_token IS NULL OR status = 'pending')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE hotline_outbox DROP CONSTRAINT hotline_outbox_claimed_is_pending`.execute(db);
  await sql`CREATE INDEX hotline_outbox_order_pending ON hotline_outbox (work_order_id, seq) WHERE status = 'pending'`.execute(db);
  await sql`DROP INDEX hotline_outbox_order_queue`.execute(db);
}
