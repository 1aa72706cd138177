// The EventStoreDB (KurrentDB) adapter of the event store contract. Same semantics as the
// PostgreSQL adapter; the hash chain is computed client-side (see append.ts).
import { EventStoreDBClient, START } from '@eventstore/db-client';
import { StreamNotFoundError } from '../errors.js';
import type { EventStore, ReadStreamOptions, RecordedEvent, Subscription, SubscribeOptions } from '../types.js';
import { headPosition, reachedHead, readAllEvents } from './all-read.js';
import { checkEventStoreDbAccess } from './access.js';
import { appendWithChain, defaultAppendRetry, type AppendRetry } from './append.js';
import { asClientPort, type EsdbClientPort } from './client-port.js';
import { planFilter } from './filter.js';
import { StreamFactsCache } from './stream-facts.js';
import { readStreamEvents } from './stream-read.js';
import { EventStoreDbSubscription } from './subscription.js';
import { validateDirection, validateMaxCount, validatePosition, validateRevision, validateStreamNameToRead } from '../validate.js';

export { checkEventStoreDbAccess } from './access.js';
export { CHAIN_KEY } from './chain-metadata.js';
export { CLAIM_STREAM_PREFIX } from './event-id-claims.js';
export { ForeignEventError } from './recorded-event.js';
export type { AppendRetry } from './append.js';
export type { EsdbCatchUpSubscription, EsdbClientPort, EsdbRead } from './client-port.js';

export interface EventStoreDbStoreOptions {
  readonly retry?: AppendRetry;
  /** Streams whose tip and event ids are kept between appends (default 1000). */
  readonly cachedStreams?: number;
}

export interface EventStoreDbOptions extends EventStoreDbStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  readonly connectionString: string;
}

/**
 * Opens a client from a connection string and checks, before any write, that the client fits the
 * adapter and that the server grants the rights it needs (checkEventStoreDbAccess); the store owns the
 * client and disposes of it on close() (or at once, when a check fails).
 */
export async function createEventStoreDbEventStore(options: EventStoreDbOptions): Promise<EventStore> {
  const { connectionString, ...storeOptions } = options;
  const client = asClientPort(EventStoreDBClient.connectionString(connectionString));
  try {
    return await openEventStoreDbEventStore(client, storeOptions);
  } catch (err) {
    await client.dispose();
    throw err;
  }
}

/** Builds the store on a client after the same checks as createEventStoreDbEventStore. */
export async function openEventStoreDbEventStore(client: EsdbClientPort, options: EventStoreDbStoreOptions = {}): Promise<EventStore> {
  assertThrowsOnAppendFailure(client);
  await checkEventStoreDbAccess(client);
  return createEventStoreDbEventStoreFromClient(client, options);
}

/**
 * `throwOnAppendFailure=false` (connection string or client setting) makes a failed append resolve
 * with `success: false` instead of throwing WrongExpectedVersionError. The adapter refuses such a
 * client rather than handling both shapes, because:
 * - its race handling and the event-id claims are written against the error (which carries the
 *   stream's actual revision); a resolved failure would need a second path through both;
 * - client 6.2.1's batch-append path (the one used without per-call credentials) reports a resolved
 *   failure's revision as `BigInt(hasCurrentStreamRevision())`, i.e. 0n or 1n, not the revision, so
 *   that reply cannot be trusted to say where the stream is.
 * The setting is a client-private field; the real client exposes it as a (protected) getter.
 */
function assertThrowsOnAppendFailure(client: EsdbClientPort): void {
  if (Reflect.get(client, 'throwOnAppendFailure') === false) {
    throw new Error(
      'EventStoreDB store: the client was built with throwOnAppendFailure=false; the adapter needs failed appends to throw (remove the option from the connection string)',
    );
  }
}

/**
 * Builds the store on a client (the real one, or a stub in unit tests) without asking the server
 * anything; close() disposes of it. Refuses a client with throwOnAppendFailure=false.
 */
export function createEventStoreDbEventStoreFromClient(client: EsdbClientPort, options: EventStoreDbStoreOptions = {}): EventStore {
  assertThrowsOnAppendFailure(client);
  const context = { client, retry: options.retry ?? defaultAppendRetry, facts: new StreamFactsCache(client, options.cachedStreams) };
  const open = new Set<Subscription>();

  async function* readStream(streamName: string, readOptions: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    validateStreamNameToRead(streamName);
    const direction = validateDirection(readOptions.direction);
    const fromRevision = validateRevision(readOptions.fromRevision, 'fromRevision');
    const maxCount = validateMaxCount(readOptions.maxCount);
    // No append can create a stream without a name.
    if (streamName === '') throw new StreamNotFoundError(streamName);
    // maxCount 0 still says whether the stream exists: read one event and yield none.
    const events = readStreamEvents(client, streamName, {
      direction,
      ...(fromRevision === undefined ? {} : { fromRevision }),
      ...(maxCount === undefined ? {} : { maxCount: Math.max(maxCount, 1) }),
    });
    if (maxCount !== 0) {
      yield* events;
      return;
    }
    for await (const _ of events) break;
  }

  return {
    appendToStream: (streamName, events, appendOptions) => appendWithChain(context, streamName, events, appendOptions?.expectedRevision),

    readStream,

    readAll: (readOptions) => readAllEvents(client, readOptions),

    subscribeToAll(subscribeOptions: SubscribeOptions = {}): Subscription {
      const after = validatePosition(subscribeOptions.after, 'after');
      const plan = planFilter(subscribeOptions.filter);
      // Subscribing from a position is exclusive on the server too; the adapter checks anyway.
      const source = client.subscribeToAll({ fromPosition: after ?? START, filter: plan.server });
      const subscription = new EventStoreDbSubscription(source, {
        after,
        accepts: plan.accepts,
        reachedHead: (last) => reachedHead(client, plan.accepts, last),
        onClose: () => open.delete(subscription),
      });
      open.add(subscription);
      return subscription;
    },

    headPosition: () => headPosition(client),
    // A write is readable once it is acknowledged: the last committed event is the head.
    lastCommittedPosition: () => headPosition(client),

    async close() {
      await Promise.all([...open].map((s) => s.close()));
      await client.dispose();
    },
  };
}
