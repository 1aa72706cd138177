// The deliverer's statements made safe from stale planner statistics (test/stale-statistics.test.ts).
// Statistics taken while nothing was pending make the partial "pending" indexes look empty, so any
// statement saying `status = 'pending'` may be planned as a walk of the whole due index: per candidate
// of a claim, per key of a recorded try. So:
// - the per-key FIFO check gets an index of every message by key (a handful per key), which a check
//   that names the states it waits on by what they are not can use and the partial ones cannot be chosen for;
// - a try is recorded by key and claim token alone (the primary key), which this rule makes exact: only
//   a pending message holds a claim.
// Kept as it ran in the hotline (the ordering key was then `work_order_id`).
import { sql, type Migration } from 'kysely';
import { named } from '../table-name.js';

export const plansThatSurviveStaleStatistics = (table: string): Migration => ({
  async up(db) {
    await sql`CREATE INDEX ${named(table, 'order_queue')} ON ${named(table)} (work_order_id, seq)`.execute(db);
    await sql`DROP INDEX ${named(table, 'order_pending')}`.execute(db);
    // Every path that ends a try has always cleared the token; should a row say otherwise, its claim is
    // over anyway (it is no longer pending), so clearing it loses nothing and lets the rule hold.
    await sql`UPDATE ${named(table)} SET claim_token = NULL WHERE status <> 'pending' AND claim_token IS NOT NULL`.execute(db);
    await sql`ALTER TABLE ${named(table)} ADD CONSTRAINT ${named(table, 'claimed_is_pending')} CHECK (claim_token IS NULL OR status = 'pending')`.execute(db);
  },
  async down(db) {
    await sql`ALTER TABLE ${named(table)} DROP CONSTRAINT ${named(table, 'claimed_is_pending')}`.execute(db);
    await sql`CREATE INDEX ${named(table, 'order_pending')} ON ${named(table)} (work_order_id, seq) WHERE status = 'pending'`.execute(db);
    await sql`DROP INDEX ${named(table, 'order_queue')}`.execute(db);
  },
});
