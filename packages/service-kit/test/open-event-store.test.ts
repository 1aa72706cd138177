// Which event store a service writes to: EventStoreDB when EVENTSTORE_URL is set (as deployed), the
// PostgreSQL store in DATABASE_URL otherwise. No EventStoreDB server can run here, so its side is shown by
// what only its adapter does before any connection (it refuses a client that would resolve failed appends);
// a service on a real server: services/hotline/test/on-eventstoredb.test.ts, with EVENTSTORE_URL.
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { ConfigError, baseConfigSchema, eventStoreKind, openEventStore, parseConfig } from '@bureau/service-kit';

const good = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/bureau', JWT_SECRET: 'a'.repeat(32), CITY_ID: 'gz' };

t.test('EVENTSTORE_URL: an esdb:// connection string, or unset', async (t) => {
  t.equal(parseConfig(baseConfigSchema, good).EVENTSTORE_URL, undefined, 'unset: the PostgreSQL store');
  t.equal(parseConfig(baseConfigSchema, { ...good, EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false' }).EVENTSTORE_URL, 'esdb://eventstore:2113?tls=false');
  t.equal(eventStoreKind(parseConfig(baseConfigSchema, { ...good, EVENTSTORE_URL: 'esdb+discover://a,b,c' })), 'eventstoredb');
  const error = t.throws(() => parseConfig(baseConfigSchema, { ...good, EVENTSTORE_URL: 'http://eventstore:2113' }));
  t.type(error, ConfigError);
  t.match((error as Error).message, /EVENTSTORE_URL: must be an esdb:\/\/ or esdb\+discover:\/\/ connection string/);
});

t.test('with EVENTSTORE_URL, the EventStoreDB adapter is the one opened', async (t) => {
  // Only that adapter reads this option, and it refuses it before connecting: the choice is seen without a server.
  const config = parseConfig(baseConfigSchema, { ...good, EVENTSTORE_URL: 'esdb://127.0.0.1:9?tls=false&throwOnAppendFailure=false' });
  await t.rejects(openEventStore(config), { message: /throwOnAppendFailure=false/ });
});

t.test('without it, the PostgreSQL store in DATABASE_URL, tuned by the options given', async (t) => {
  const config = parseConfig(baseConfigSchema, { ...good, DATABASE_URL: await freshDatabase(t, 'open_event_store') });
  t.equal(eventStoreKind(config), 'postgres');
  const store = await openEventStore(config, { groupCommit: false });
  t.teardown(() => store.close());
  const stream = `probe-${randomUUID()}`;
  await store.appendToStream(stream, [{ id: randomUUID(), type: 'Probed', data: { n: 1 } }], { expectedRevision: 'no_stream' });
  const read = [];
  for await (const event of store.readStream(stream)) read.push(event.type);
  t.same(read, ['Probed'], 'written to and read from PostgreSQL');
});
