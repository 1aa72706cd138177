// The outbox's migrations on a table that already holds messages: an outbox made by the first migration,
// with messages in every state, is brought up to date without losing one, and every migration can be
// undone and done again.
import { freshDatabase } from '@bureau/testing';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { migrateOutbox } from '../../src/outbox/migrate.js';
import { outboxMigrations } from '../../src/outbox/migrations/index.js';

const migratorOf = (db: Kysely<any>) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => outboxMigrations },
    migrationTableName: 'hotline_outbox_migration',
    migrationLockTableName: 'hotline_outbox_migration_lock',
  });

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

  const down = await migrator.migrateDown();
  t.equal(down.error, undefined, 'the latest migration undone');
  t.same(await indexesOf(db), ['hotline_outbox_dead', 'hotline_outbox_due', 'hotline_outbox_order_pending', 'hotline_outbox_pkey', 'hotline_outbox_seq_key'], 'the first migration\'s indexes back');
  await migrateOutbox(db);
  t.same(await indexesOf(db), ['hotline_outbox_dead', 'hotline_outbox_due', 'hotline_outbox_order_queue', 'hotline_outbox_pkey', 'hotline_outbox_seq_key'], 'and done again');
});
