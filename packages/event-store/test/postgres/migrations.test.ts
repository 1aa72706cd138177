import t from 'tap';
import pg from 'pg';
import { freshDatabase } from '@bureau/testing';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { canonicalJson, verifyStreamChain, type EventToAppend, type JsonObject } from '../../src/index.js';
import { createPostgresEventStore, migrateEventStore } from '../../src/postgres/index.js';
import { eventStoreMigrations } from '../../src/postgres/migrations/index.js';
import { collect, newEvent } from '../contract/support.js';

async function schemaObjects(connectionString: string): Promise<{ tables: string[]; migrations: string[]; functions: string[] }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'event_store' order by 1",
    );
    const migrations = await client.query<{ name: string }>('select name from event_store.migration order by name');
    const functions = await client.query<{ name: string }>(
      "select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'event_store' order by 1",
    );
    return { tables: tables.rows.map((r) => r.name), migrations: migrations.rows.map((r) => r.name), functions: functions.rows.map((r) => r.name) };
  } finally {
    await client.end();
  }
}

t.test('migrating twice in a row changes nothing the second time', async (t) => {
  const url = await freshDatabase(t);
  await migrateEventStore(url);
  const first = await schemaObjects(url);
  t.same(first.tables, ['events', 'migration', 'migration_lock', 'streams'], 'tables live in schema event_store');
  t.same(first.functions, ['append_batch', 'append_batch_all_json', 'append_batch_json', 'append_json', 'append_to_stream', 'assert_stream_order', 'json_texts'], 'the append functions');
  t.same(first.migrations, Object.keys(eventStoreMigrations), 'every migration recorded, in order');
  await migrateEventStore(url);
  t.same(await schemaObjects(url), first, 'the second run is a no-op');
});

t.test('processes migrating at once: one applies, the others wait and find it done', async (t) => {
  const url = await freshDatabase(t);
  const results = await Promise.allSettled([migrateEventStore(url), migrateEventStore(url), migrateEventStore(url), migrateEventStore(url)]);
  t.same(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], 'every migrator succeeds');
  const objects = await schemaObjects(url);
  t.same(objects.migrations, Object.keys(eventStoreMigrations), 'each migration was applied once');
  t.same(objects.functions, ['append_batch', 'append_batch_all_json', 'append_batch_json', 'append_json', 'append_to_stream', 'assert_stream_order', 'json_texts']);
});

/** An append as the first schema's clients sent it: its function, one text[] element per event. */
async function appendAtFirstSchema(client: pg.ClientBase, streamName: string, events: EventToAppend[]): Promise<void> {
  const { rows } = await client.query<{ o_status: string }>(
    'select * from event_store.append_to_stream($1, -2, $2::uuid[], $3::text[], $4::text[], $5::text[], true, false)',
    [streamName, events.map((e) => e.id), events.map((e) => e.type), events.map((e) => canonicalJson(e.data)), events.map((e) => canonicalJson(e.metadata ?? ({} as JsonObject)))],
  );
  if (rows[0]?.o_status !== 'appended') throw new Error(`the first schema's append said ${rows[0]?.o_status}`);
}

t.test('events stored as jsonb by the first schema read back and verify after the move to json', async (t) => {
  const url = await freshDatabase(t);
  // given a store at the first migration, holding events written by its append function
  const first = Object.keys(eventStoreMigrations)[0] ?? '';
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => eventStoreMigrations },
    migrationTableSchema: 'event_store',
    migrationTableName: 'migration',
    migrationLockTableName: 'migration_lock',
  });
  t.equal((await migrator.migrateTo(first)).error, undefined, 'first migration applied alone');
  await db.destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const data = { note: 'z before a', amount: 1.5, nested: { b: [1, 'two', null], a: true } };
  await appendAtFirstSchema(client, 'ledger-old', [newEvent('Noted', data), newEvent('Noted', { n: 2 }, { actor: { id: 'a-1' } })]);
  const before = await client.query<{ type: string }>("select data_type as type from information_schema.columns where table_schema = 'event_store' and table_name = 'events' and column_name = 'data'");
  t.equal(before.rows[0]?.type, 'jsonb', 'stored as jsonb');
  await client.end();

  // when the rest of the migrations run
  const store = await createPostgresEventStore({ connectionString: url });
  t.teardown(() => store.close());
  await store.appendToStream('ledger-old', [newEvent('Noted', { n: 3 })], { expectedRevision: 1n });
  const events = await collect(store.readStream('ledger-old'));
  t.same(events[0]?.data, data, 'the old event reads back with the same content');
  t.same((await verifyStreamChain(events)).intact, true, 'and the chain over old and new events verifies');
});
