// The EventStoreDB adapter as a contract subject (and a race harness store): one client per subject.
import { setTimeout as sleep } from 'node:timers/promises';
import { createEventStoreDbEventStore } from '../../src/eventstoredb/index.js';
import type { ContractSubject } from '../contract/index.js';

export async function makeEventStoreDbSubject(connectionString: string): Promise<ContractSubject> {
  const store = await createEventStoreDbEventStore({ connectionString });
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
}
