import t from 'tap';
import pg from 'pg';
import { freshDatabase } from '@bureau/testing';
import { migrateEventStore } from '../../src/postgres/index.js';

async function schemaObjects(connectionString: string): Promise<{ tables: string[]; migrations: string[]; functions: string[] }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'event_store' order by 1",
    );
    const migrations = await client.query<{ name: string }>('select name from event_store.migration order by name');
    const functions = await client.query<{ name: string }>(
      "select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'event_store'",
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
  t.same(first.functions, ['append_to_stream'], 'the append function');
  t.equal(first.migrations.length, 1, 'one migration recorded');
  await migrateEventStore(url);
  t.same(await schemaObjects(url), first, 'the second run is a no-op');
});

t.test('processes migrating at once: one applies, the others wait and find it done', async (t) => {
  const url = await freshDatabase(t);
  const results = await Promise.allSettled([migrateEventStore(url), migrateEventStore(url), migrateEventStore(url), migrateEventStore(url)]);
  t.same(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], 'every migrator succeeds');
  const objects = await schemaObjects(url);
  t.equal(objects.migrations.length, 1, 'the migration was applied once');
  t.same(objects.functions, ['append_to_stream']);
});
