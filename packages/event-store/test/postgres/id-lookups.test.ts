// An append with caller ids (every command's append: its ids make a retry recognisable) looks those ids
// up by the unique index, never by reading the events table through. The append function's plans are
// generic and cached per connection; planned on a new, empty table, a join of the id array with the
// table became a hash join over a sequential scan, and each later append to a new stream read every
// event ever stored (1 ms of server time per webhook call at 150,000 events). Counted here with the
// transaction's own scan statistics, which need no waiting for the statistics collector.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { freshDatabase } from '@bureau/testing';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import type { TapTest } from '../contract/support.js';

const url = await freshDatabase(t);
const store = await createPostgresEventStore({ connectionString: url });
t.teardown(() => store.close());

const append = (client: pg.ClientBase, stream: string, expected: number, ids: string[]) =>
  client.query<{ o_status: string; o_index: number | null }>(
    'select * from event_store.append_json($1, $2, $3::uuid[], $4::text[], $5::json, $6::json, true, false)',
    [stream, expected, ids, ids.map(() => 'Noted'), `[${ids.map(() => '{}').join(',')}]`, `[${ids.map(() => '{}').join(',')}]`],
  );

const appendBatch = (client: pg.ClientBase, streams: string[], expected: number[], ids: string[]) =>
  client.query<{ o_status: string }>(
    'select * from event_store.append_batch_json($1::text[], $2::int8[], $3::bool[], $4::int4[], $5::uuid[], $6::text[], $7::json, $8::json)',
    [streams, expected, streams.map(() => true), streams.map(() => 1), ids, ids.map(() => 'Noted'), `[${ids.map(() => '{}').join(',')}]`, `[${ids.map(() => '{}').join(',')}]`],
  );

/** Runs the appends on a connection of its own (so its plans are made there and then), and rolls back. */
async function scansOfEventsDuringAppends(t: TapTest, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  t.teardown(() => client.end());
  // Both tables: the ids are looked up in events, the stream rows in streams.
  const scans = async () =>
    Number((await client.query<{ seq_scan: string }>(
      "select coalesce(sum(seq_scan), 0) as seq_scan from pg_stat_xact_user_tables where schemaname = 'event_store' and relname in ('events', 'streams')",
    )).rows[0]?.seq_scan ?? 0);
  await client.query('begin');
  const before = await scans();
  // More calls than PostgreSQL makes custom plans for, though the function forces generic ones anyway.
  const firstIds = [randomUUID(), randomUUID()];
  for (let i = 0; i < 8; i += 1) {
    const created = await append(client, `${prefix}-${i}`, -1, i === 0 ? firstIds : [randomUUID(), randomUUID()]);
    t.equal(created.rows[0]?.o_status, 'appended', 'a new stream with two ids');
    const next = await append(client, `${prefix}-${i}`, 1, [randomUUID()]);
    t.equal(next.rows[0]?.o_status, 'appended', 'then one more id on it');
  }
  t.equal((await append(client, `${prefix}-0`, -1, firstIds)).rows[0]?.o_status, 'idempotent', 'a retry is still recognised');
  const elsewhere = await append(client, `${prefix}-other`, -1, [randomUUID(), firstIds[1] as string]);
  t.same([elsewhere.rows[0]?.o_status, elsewhere.rows[0]?.o_index], ['duplicate_event_id', 2], 'an id of another stream is still refused, by its index');
  for (let i = 0; i < 8; i += 1) {
    const streams = [`${prefix}-batch-${i}-a`, `${prefix}-batch-${i}-b`, `${prefix}-0`];
    const batch = await appendBatch(client, streams, [-1, -2, -2], [randomUUID(), randomUUID(), randomUUID()]);
    t.same(batch.rows.map((r) => r.o_status), ['appended', 'appended', 'appended'], 'a group commit batch: two new streams and an old one');
  }
  const after = await scans();
  await client.query('rollback');
  return after - before;
}

t.test('on a new, empty events table (plans made before any statistics)', async (t) => {
  t.equal(await scansOfEventsDuringAppends(t, 'empty'), 0, 'no sequential scan of event_store.events or streams');
});

t.test('at 2,000 events, analysed', async (t) => {
  for (let i = 0; i < 20; i += 1) {
    await Promise.all(Array.from({ length: 100 }, (_, j) => store.appendToStream(`bulk-${i}-${j}`, [{ type: 'Opened', data: { j } }])));
  }
  await store.pool.query('analyze event_store.events');
  t.equal(await scansOfEventsDuringAppends(t, 'analysed'), 0, 'no sequential scan of event_store.events or streams');
});
