import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { StreamNotFoundError, verifyStreamChain, WrongExpectedRevisionError } from '../../src/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { collect, newEvent, thrownBy, within } from '../contract/support.js';

const url = await freshDatabase(t);

t.test("appendToStreamInTransaction commits and rolls back with the caller's transaction", async (t) => {
  const store = await createPostgresEventStore({ connectionString: url });
  t.teardown(() => store.close());
  const client = await store.pool.connect();
  t.teardown(() => client.release());

  // given a transaction that appends and also writes a row of its own (the outbox case)
  await client.query('create table outbox (id serial primary key, note text not null)');
  await client.query('begin');
  await store.appendToStreamInTransaction(client, 'order-1', [newEvent('Placed')], { expectedRevision: 'no_stream' });
  await client.query("insert into outbox (note) values ('placed')");
  // a failed guard inside the transaction is a typed error, and leaves the transaction usable
  const guard = await thrownBy(store.appendToStreamInTransaction(client, 'order-1', [newEvent('Placed')], { expectedRevision: 'no_stream' }));
  t.ok(guard instanceof WrongExpectedRevisionError, 'guard fails inside the transaction');
  t.equal(guard instanceof WrongExpectedRevisionError ? guard.actualRevision : undefined, 0n, 'seeing its own uncommitted event');
  await client.query('rollback');
  t.ok((await thrownBy(collect(store.readStream('order-1')))) instanceof StreamNotFoundError, 'rolled back: no stream');
  t.equal((await store.pool.query('select count(*)::int as n from outbox')).rows[0]?.n, 0, 'and no outbox row');

  await client.query('begin');
  await store.appendToStreamInTransaction(client, 'order-1', [newEvent('Placed')], { expectedRevision: 'no_stream' });
  await client.query("insert into outbox (note) values ('placed')");
  await client.query('commit');
  t.equal((await collect(store.readStream('order-1'))).length, 1, 'committed: the event');
  t.equal((await store.pool.query('select count(*)::int as n from outbox')).rows[0]?.n, 1, 'and the outbox row, together');
});

t.test('hash chain: a deleted event shows as a revision gap', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url });
  t.teardown(() => store.close());
  await store.appendToStream('ledger-1', [newEvent('A'), newEvent('B'), newEvent('C'), newEvent('D')]);
  t.same((await verifyStreamChain(store.readStream('ledger-1'))).intact, true, 'intact before');
  await store.pool.query("delete from event_store.events where stream_name = 'ledger-1' and revision = 1");
  t.same(await verifyStreamChain(store.readStream('ledger-1')), { intact: false, events: 1, brokenAt: 1n, reason: 'revision_gap' }, 'gap at revision 1');
});

t.test('the stream row carries the last hash, so appends with `any` continue one chain', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 12 });
  t.teardown(() => store.close());
  await Promise.all(Array.from({ length: 40 }, (_, i) => store.appendToStream('chain-any', [newEvent('Noted', { i })])));
  const events = await collect(store.readStream('chain-any'));
  const verdict = await verifyStreamChain(events);
  t.same(verdict, { intact: true, events: 40, lastHash: events[39]?.hash }, '40 concurrent appends, one intact chain');
  const { rows } = await store.pool.query<{ hash: string; revision: string }>(
    "select encode(last_hash, 'hex') as hash, revision::text from event_store.streams where stream_name = 'chain-any'",
  );
  t.same(rows[0], { hash: events[39]?.hash, revision: '39' }, 'the stream row holds the last revision and hash');
});

t.test('close ends live subscriptions', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url });
  const subscription = store.subscribeToAll();
  const done = (async () => {
    let messages = 0;
    for await (const _ of subscription) messages += 1;
    return messages;
  })();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await store.close();
  t.type(await within(5_000, 'the iterator ending after close', done), 'number', 'the iterator ended after close');
});
