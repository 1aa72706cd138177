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
