// The event store contract. Two adapters implement it (PostgreSQL, the default; EventStoreDB) and one
// contract suite (test/contract) proves both. Semantics follow EventStoreDB where it has them.

/** JSON as it round-trips through the store. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A place in the global order of all events ($all). Ordered by `commit`, then `prepare`
 * (as EventStoreDB's own positions are). PostgreSQL maps `commit` to the appending transaction's id
 * and `prepare` to the event's sequence number; see the package README for why.
 */
export interface GlobalPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Guards an append, checked atomically with the write. */
export type ExpectedRevision =
  | 'any' // no check
  | 'no_stream' // the stream must not exist
  | 'stream_exists' // the stream must exist
  | bigint; // the stream's last event must be at exactly this revision (0-based)

/** What a caller hands to append. `id` is generated (uuid v4) when absent. */
export interface EventToAppend<Type extends string = string, Data extends Json = Json> {
  readonly id?: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: JsonObject;
}

/** An event as stored and read back. */
export interface RecordedEvent<Type extends string = string, Data extends Json = Json> {
  readonly id: string;
  readonly streamName: string;
  /** 0-based position within its stream. */
  readonly revision: bigint;
  readonly position: GlobalPosition;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: JsonObject;
  /** When the store committed it (server clock). */
  readonly recordedAt: Date;
  /** Hash chain link: hex SHA-256 of (previous event's hash + this event's canonical content). */
  readonly hash: string;
}

export interface AppendResult {
  /** The stream's revision after the append (the revision of its last event). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event of this append. */
  readonly position: GlobalPosition;
  /**
   * False when nothing was written because these very events were already stored (a retry of an append
   * that happened: the rest of the result is the first call's). Two identical appends racing may both
   * say true on EventStoreDB (its own idempotency can absorb the second); on PostgreSQL exactly one does.
   */
  readonly written: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start; defaults to the start (forwards) or end (backwards) of the stream. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

/** Filter for $all reads and subscriptions. Category = the part of a stream name before its first `-`. */
export type AllFilter =
  | { readonly streamCategories: readonly string[] }
  | { readonly eventTypePrefixes: readonly string[] };

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  readonly after?: GlobalPosition;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Omit to start at the beginning. */
  readonly after?: GlobalPosition;
  readonly filter?: AllFilter;
}

/** What a subscription yields: events in global order, and a marker each time it has caught up. */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caught-up'; readonly position: GlobalPosition | undefined };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops the subscription; the iterator then ends. */
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** All events in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Catch up from `after`, then stay live. Resumable from any position it yielded. */
  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** The current end of $all (position of the last readable event), or undefined when empty. */
  headPosition(): Promise<GlobalPosition | undefined>;

  /**
   * The position of the last committed event, which readers may not see yet (PostgreSQL: an earlier
   * transaction is still in flight); undefined when empty. A position past it was never returned by a
   * write, so a client asking to read after it asked for the impossible.
   */
  lastCommittedPosition(): Promise<GlobalPosition | undefined>;

  close(): Promise<void>;
}
