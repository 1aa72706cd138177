// The outbox's migrations on a table that already holds messages: an outbox made by the first migration
// (as the hotline made its own, before the outbox left it), with messages in every state, is brought up
// to date without losing one, and every migration can be undone and done again.
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { migrateOutbox as migrate, outboxMigrator } from '../src/migrate.js';

const migratorOf = (db: Kysely<any>) => outboxMigrator(db, 'hotline_outbox');
const migrateOutbox = (db: Kysely<any>) => migrate(db, 'hotline_outbox');

const indexesOf = async (db: Kysely<any>) =>
  (await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'hotline_outbox' ORDER BY indexname`.execute(db)).rows.map((r) => r.indexname);

t.test('an outbox of the first migration, holding messages, is brought up to date with every message as it was', async (t) => {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await freshDatabase(t), max: 1 }) }) });
  t.teardown(() => db.destroy());
  const migrator = migratorOf(db);
  const first = await migrator.migrateTo('20251201T000000_create_outbox');
  t.equal(first.error, undefined, 'the first migration alone');
  await sql`
    INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body, status,
                                next_attempt_at, budget_started_at, created_at, claim_token)
    VALUES ('claimed', 'WorkOrderReplied', 'o1', 'gz12345', 'C1', 'replies', '{}', 'pending', now(), now(), now(), gen_random_uuid()),
           ('waiting', 'WorkOrderReplied', 'o1', 'gz12345', 'C1', 'replies', '{}', 'pending', now(), now(), now(), NULL),
           ('delivered', 'WorkOrderSignedFor', 'o2', 'gz12345', 'C2', 'sign-for', '{}', 'delivered', now(), now(), now(), NULL),
           -- never written by the code, which clears the token with every outcome; the migration must cope
           ('stray-token', 'WorkOrderSignedFor', 'o3', 'gz12345', 'C3', 'sign-for', '{}', 'dead', now(), now(), now(), gen_random_uuid())`.execute(db);
  const before = (await sql<{ idempotency_key: string; claim_token: string | null }>`SELECT idempotency_key, claim_token FROM hotline_outbox ORDER BY idempotency_key`.execute(db)).rows;

  await migrateOutbox(db);
  const after = (await sql<{ idempotency_key: string; status: string; claim_token: string | null }>`
    SELECT idempotency_key, status, claim_token FROM hotline_outbox ORDER BY idempotency_key`.execute(db)).rows;
  t.same(after.map((r) => [r.idempotency_key, r.status]), [['claimed', 'pending'], ['delivered', 'delivered'], ['stray-token', 'dead'], ['waiting', 'pending']], 'every message kept');
  t.equal(after.find((r) => r.idempotency_key === 'claimed')?.claim_token, before.find((r) => r.idempotency_key === 'claimed')?.claim_token, 'a claim in flight keeps its token');
  t.equal(after.find((r) => r.idempotency_key === 'stray-token')?.claim_token, null, 'a token on a message no longer pending is cleared');
  t.same(await indexesOf(db), ['hotline_outbox_dead', 'hotline_outbox_due', 'hotline_outbox_order_queue', 'hotline_outbox_pkey', 'hotline_outbox_seq_key']);

  // Down to the first migration: the generic one (20261207) keeps these indexes, the one before it does not.
  const down = await migrator.migrateTo('20251201T000000_create_outbox');
  t.equal(down.error, undefined, 'the latest migration undone');
  t.same(await indexesOf(db), ['hotline_outbox_dead', 'hotline_outbox_due', 'hotline_outbox_order_pending', 'hotline_outbox_pkey', 'hotline_outbox_seq_key'], 'the first migration\'s indexes back');
  await migrateOutbox(db);
  t.same(await indexesOf(db), ['hotline_outbox_dead', 'hotline_outbox_due', 'hotline_outbox_order_queue', 'hotline_outbox_pkey', 'hotline_outbox_seq_key'], 'and done again');
});

t.test('the migration to the generic outbox keeps every column\'s data under its new name, and its undoing gives it back', async (t) => {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await freshDatabase(t), max: 1 }) }) });
  t.teardown(() => db.destroy());
  const migrator = migratorOf(db);
  t.equal((await migrator.migrateTo('20261206T000000_plans_that_survive_stale_statistics')).error, undefined, 'the hotline\'s two migrations');
  await sql`
    INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body, status,
                                next_attempt_at, budget_started_at, created_at, dead_at, dead_reason, last_status, last_problem)
    VALUES ('dead-one', 'WorkOrderSignedFor', 'o1', 'gz12345', 'GZ1', 'sign-for', '{"staffId":"s"}', 'dead', now(), now(), now(), now(), 'rejected', 404, '{"status":404}')`.execute(db);
  await migrateOutbox(db);
  const row = (await sql<Record<string, unknown>>`SELECT * FROM hotline_outbox`.execute(db)).rows[0];
  t.match(row, {
    idempotency_key: 'dead-one', event_type: 'WorkOrderSignedFor', ordering_key: 'o1', destination: 'gz12345', kind: 'sign-for',
    attributes: { orderNo: 'GZ1' }, payload: '{"staffId":"s"}', status: 'dead', dead_reason: 'rejected', last_status: 404, last_problem: { status: 404 },
    discarded_at: null, discarded_by: null, discard_reason: null,
  });
  await sql`UPDATE hotline_outbox SET status = 'discarded', discarded_by = 'x', discard_reason = 'y', discarded_at = now()`.execute(db);
  t.equal((await migrator.migrateDown()).error, undefined, 'undone');
  t.match((await sql<Record<string, unknown>>`SELECT * FROM hotline_outbox`.execute(db)).rows[0], {
    work_order_id: 'o1', platform_id: 'gz12345', order_no: 'GZ1', action: 'sign-for', body: '{"staffId":"s"}', status: 'dead',
  }, 'the first shape back; a discarded letter is a dead letter again');
});
