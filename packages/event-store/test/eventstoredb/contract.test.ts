// The shared event store contract, run against a real EventStoreDB (KurrentDB) server. No server can
// run where `npm test` usually runs, so without EVENTSTORE_URL this file says why and plans nothing;
// start one with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- packages/event-store/test/eventstoredb
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createEventStoreDbEventStore } from '../../src/eventstoredb/index.js';
import { runEventStoreContract, type ContractSubject } from '../contract/index.js';

const url = process.env.EVENTSTORE_URL;

if (url === undefined || url === '') {
  t.comment('EventStoreDB contract skipped: EVENTSTORE_URL not set (start infra/docker-compose.yml)');
  t.plan(0, 'EVENTSTORE_URL not set: the EventStoreDB contract did not run');
} else {
  // Every case works in categories of its own (uniqueCategory), so subjects on one server do not
  // see each other's streams; each subject gets its own client.
  runEventStoreContract(t, 'EventStoreDB', async (): Promise<ContractSubject> => {
    const store = await createEventStoreDbEventStore({ connectionString: url });
    return {
      store,
      // EventStoreDB has no client-held transaction to keep open: wait, then append.
      appendHeldOpen: async (streamName, events, holdMs) => {
        await sleep(holdMs);
        return store.appendToStream(streamName, events);
      },
      // Stored events are immutable in EventStoreDB: nothing can tamper with one behind the store.
      close: () => store.close(),
    };
  });
}
