// What the adapter checks before its first write: client settings it cannot work with, and (on a
// secured server) the rights its writes need. Against the stub client and the real client's own
// connection-string parsing (building a client opens no connection).
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { createEventStoreDbEventStore, createEventStoreDbEventStoreFromClient } from '../../src/eventstoredb/index.js';
import { Streams } from './fixture.js';
import { stubClient } from './stub-client.js';

t.test('throwOnAppendFailure=false in the connection string is refused when the store is built, with a clear error', async (t) => {
  await t.rejects(
    async () => createEventStoreDbEventStore({ connectionString: 'esdb://localhost:2113?tls=false&throwOnAppendFailure=false' }),
    { message: /throwOnAppendFailure=false/ },
    'refused at construction, naming the option',
  );
  // a client built with it and handed in is refused too
  const streams = new Streams();
  const { client } = stubClient({ readStream: (name, options) => streams.read(name, options) });
  t.throws(() => createEventStoreDbEventStoreFromClient(Object.assign(client, { throwOnAppendFailure: false })), { message: /throwOnAppendFailure=false/ });
});

t.test('a failed append that resolves instead of throwing is never taken for a written one', async (t) => {
  // A client that resolves failures (however it came to) answers success: false.
  const streams = new Streams();
  const { client, calls } = stubClient({
    readStream: (name, options) => streams.read(name, options),
    appendToStream: async (call) => (call.streamName.startsWith('$') ? streams.accept(call) : { success: false, nextExpectedRevision: 1n, position: undefined }),
  });
  const store = createEventStoreDbEventStoreFromClient(client);
  await t.rejects(store.appendToStream('workOrder-1', [{ id: randomUUID(), type: 'Noted', data: {} }]), { message: /success: false/ });
  t.equal(calls.append.filter((c) => !c.streamName.startsWith('$')).length, 1, 'one append, not reported as written');
});

t.test('on a secured server, missing rights to $all and the claim streams fail when the store is opened, naming them', async (t) => {
  const { AccessDeniedError, StreamNotFoundError: EsdbStreamNotFoundError, WrongExpectedVersionError } = await import('@eventstore/db-client');
  const { openEventStoreDbEventStore } = await import('../../src/eventstoredb/index.js');
  const { CLAIM_STREAM_PREFIX } = await import('../../src/eventstoredb/event-id-claims.js');
  // a user that may write its own streams but not $ streams, nor read $all (the server's default ACLs)
  const denied = stubClient({
    readAll: () => ({ events: [], error: new AccessDeniedError() }),
    readStream: () => ({ events: [], error: new AccessDeniedError() }),
    appendToStream: async () => {
      throw new AccessDeniedError();
    },
  });
  await t.rejects(openEventStoreDbEventStore(denied.client), { message: /may not read \$all.*write.*\$bureau-event-id-.*read.*\$bureau-event-id-.*admin/s }, 'a clear error naming each right');
  t.equal(denied.calls.append.filter((c) => c.events.length > 0).length, 0, 'the check writes nothing');
  t.ok(denied.calls.append.every((c) => c.streamName.startsWith(CLAIM_STREAM_PREFIX)), 'it asks on a claim stream');

  // an admin: the check passes, and the store works
  const admin = stubClient({
    readAll: () => ({ events: [] }),
    readStream: (name) => ({ events: [], error: new EsdbStreamNotFoundError(undefined, name) }),
    appendToStream: async (call) => {
      throw new WrongExpectedVersionError(undefined, { streamName: call.streamName, expected: call.options.expectedRevision ?? 'any', current: 'no_stream' });
    },
  });
  const store = await openEventStoreDbEventStore(admin.client);
  t.equal(await store.headPosition(), undefined, 'opened');
});
