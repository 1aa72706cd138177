// The EventStoreDB (KurrentDB) adapter of the event store contract. Same semantics as the
// PostgreSQL adapter; the hash chain is computed client-side (see append.ts).
import { EventStoreDBClient, START } from '@eventstore/db-client';
import type { EventStore, ReadStreamOptions, Subscription, SubscribeOptions } from '../types.js';
import { readAllEvents, headPosition } from './all-read.js';
import { appendWithChain, defaultAppendRetry, type AppendRetry } from './append.js';
import { asClientPort, type EsdbClientPort } from './client-port.js';
import { planFilter } from './filter.js';
import { readStreamEvents } from './stream-read.js';
import { EventStoreDbSubscription } from './subscription.js';
import { validateDirection, validateMaxCount, validatePosition, validateRevision, validateStreamName } from './validate.js';

export { CHAIN_KEY } from './chain-metadata.js';
export { ForeignEventError } from './recorded-event.js';
export type { AppendRetry } from './append.js';
export type { EsdbClientPort, EsdbCatchUpSubscription, EsdbRead } from './client-port.js';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  readonly connectionString: string;
  readonly retry?: AppendRetry;
}

/** Opens a client from a connection string; the store owns it and disposes of it on close(). */
export function createEventStoreDbEventStore(options: EventStoreDbOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  return createEventStoreDbEventStoreFromClient(asClientPort(client), options.retry === undefined ? {} : { retry: options.retry });
}

/** Builds the store on a client (the real one or a test stub); the store disposes of it on close(). */
export function createEventStoreDbEventStoreFromClient(client: EsdbClientPort, options: { readonly retry?: AppendRetry } = {}): EventStore {
  const retry = options.retry ?? defaultAppendRetry;
  const open = new Set<Subscription>();

  async function* readStream(streamName: string, readOptions: ReadStreamOptions = {}) {
    const name = validateStreamName(streamName);
    const direction = validateDirection(readOptions.direction);
    const fromRevision = validateRevision(readOptions.fromRevision, 'fromRevision');
    const maxCount = validateMaxCount(readOptions.maxCount);
    // maxCount 0 still says whether the stream exists: read one event and yield none.
    const events = readStreamEvents(client, name, {
      direction,
      ...(fromRevision === undefined ? {} : { fromRevision }),
      ...(maxCount === undefined ? {} : { maxCount: Math.max(maxCount, 1) }),
    });
    if (maxCount === 0) {
      for await (const _ of events) break;
      return;
    }
    yield* events;
  }

  return {
    appendToStream: (streamName, events, appendOptions) =>
      appendWithChain(client, retry, streamName, events, appendOptions?.expectedRevision ?? 'any'),

    readStream,

    readAll: (readOptions) => readAllEvents(client, readOptions),

    subscribeToAll(subscribeOptions: SubscribeOptions = {}): Subscription {
      const after = validatePosition(subscribeOptions.after, 'after');
      const plan = planFilter(subscribeOptions.filter);
      // A subscription from a position is exclusive on the server too; the adapter checks anyway.
      const source = client.subscribeToAll({ fromPosition: after ?? START, filter: plan.server });
      const subscription = new EventStoreDbSubscription(source, {
        after,
        accepts: plan.accepts,
        onClose: () => open.delete(subscription),
      });
      open.add(subscription);
      return subscription;
    },

    headPosition: () => headPosition(client),

    async close() {
      await Promise.all([...open].map((s) => s.close()));
      await client.dispose();
    },
  };
}
