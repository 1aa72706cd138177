// The few EventStoreDB client calls the adapter makes, as one narrow interface. The real
// EventStoreDBClient satisfies it (checked below at compile time); unit tests hand in a stub of
// just these methods, so the adapter's mapping is tested without a server.
import type {
  AllStreamResolvedEvent,
  AppendResult as EsdbAppendResult,
  AppendToStreamOptions,
  EventData,
  EventStoreDBClient,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';

/** A server-streamed read: iterate it; cancel it to stop the server sending the rest. */
export interface EsdbRead<E> extends AsyncIterable<E> {
  cancel(): Promise<void>;
}

/** The catch-up subscription: a readable of events that also emits `caughtUp`. */
export interface EsdbCatchUpSubscription {
  on(event: 'data', listener: (resolved: AllStreamResolvedEvent) => void): unknown;
  on(event: 'caughtUp', listener: () => void): unknown;
  on(event: 'fellBehind', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  /** Events the readable has buffered but not yet emitted as `data`. */
  readonly readableLength: number;
  pause(): unknown;
  resume(): unknown;
  unsubscribe(): Promise<void>;
}

export interface EsdbClientPort {
  appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions): Promise<EsdbAppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): EsdbRead<ResolvedEvent>;
  readAll(options: ReadAllOptions): EsdbRead<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbCatchUpSubscription;
  dispose(): Promise<void>;
}

/** Compile-time proof that the real client fits the port. */
export function asClientPort(client: EventStoreDBClient): EsdbClientPort {
  return client;
}
