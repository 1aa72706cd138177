// What an append needs to know about its stream: the last revision and hash (to continue the
// chain) and which event ids it already holds (to recognise a retry, and to refuse an id reused
// within the stream). Streams are append-only, so the adapter keeps these facts per stream and
// each append only reads the events added since it last looked, by any writer.
import { GENESIS_HASH } from '../canonical.js';
import type { RecordedEvent } from '../types.js';
import type { EsdbClientPort } from './client-port.js';
import { readStreamSlice } from './stream-read.js';

/** A consistent view of a stream's end at one moment. */
export interface StreamTip {
  /** The last readable event's revision, -1n when the stream has none to read. */
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * EventStoreDB numbers a stream's events for good: after a soft delete, a truncation ($tb) or a cap
 * ($maxCount, $maxAge) the first readable event may sit at any revision, or none may be readable while
 * the server goes on numbering after the last one it gave. So the facts start at the first event read,
 * whatever its revision, and start again when a read shows they no longer hold (a gap: truncated behind
 * the cached tip; not found: soft-deleted since).
 */
class StreamFacts {
  revision = -1n;
  hash = GENESIS_HASH;
  /** The revision of the first event these facts hold (the stream's first readable one), or -1n. */
  first = -1n;
  readonly ids = new Map<string, bigint>();

  /** Applies events in revision order; ones already applied (by a concurrent reader) are skipped. */
  apply(events: readonly Pick<RecordedEvent, 'id' | 'revision' | 'hash'>[]): void {
    for (const e of events) {
      if (e.revision <= this.revision) continue;
      if (this.first === -1n) this.first = e.revision;
      // A gap (events this process has not read yet): stop; the next refresh reads from here.
      else if (e.revision !== this.revision + 1n) return;
      this.ids.set(e.id, e.revision);
      this.revision = e.revision;
      this.hash = e.hash;
    }
  }

  reset(): void {
    this.revision = -1n;
    this.hash = GENESIS_HASH;
    this.first = -1n;
    this.ids.clear();
  }
}

export interface StreamView {
  readonly tip: StreamTip;
  /** The revision of the stream's first readable event (-1n when none): where a no_stream batch sits. */
  readonly first: bigint;
  readonly ids: ReadonlyMap<string, bigint>;
}

export class StreamFactsCache {
  readonly #client: EsdbClientPort;
  readonly #maxStreams: number;
  /** Insertion order is recency: the oldest entry is evicted first. */
  readonly #streams = new Map<string, StreamFacts>();

  constructor(client: EsdbClientPort, maxStreams = 1000) {
    this.#client = client;
    this.#maxStreams = maxStreams;
  }

  #facts(streamName: string): StreamFacts {
    const facts = this.#streams.get(streamName) ?? new StreamFacts();
    this.#streams.delete(streamName);
    this.#streams.set(streamName, facts);
    for (const oldest of this.#streams.keys()) {
      if (this.#streams.size <= this.#maxStreams) break;
      this.#streams.delete(oldest);
    }
    return facts;
  }

  /**
   * Reads what was appended since the last look; returns the tip and the ids the stream holds.
   * Throws TombstonedStreamError for a tombstoned stream.
   */
  async refresh(streamName: string): Promise<StreamView> {
    const facts = this.#facts(streamName);
    const read = await readStreamSlice(this.#client, streamName, { direction: 'forwards', fromRevision: facts.revision + 1n });
    const gap = (read.events[0]?.revision ?? facts.revision + 1n) > facts.revision + 1n;
    // Soft-deleted since the last look, or truncated past the cached tip (then the read, from after the
    // tip, returned everything still readable): start again from what was read.
    if (facts.revision !== -1n && (!read.found || gap)) facts.reset();
    facts.apply(read.events);
    return { tip: { revision: facts.revision, hash: facts.hash }, first: facts.first, ids: facts.ids };
  }

  /** Records the events this process just appended, so the next append need not read them. */
  appended(streamName: string, events: readonly Pick<RecordedEvent, 'id' | 'revision' | 'hash'>[]): void {
    this.#streams.get(streamName)?.apply(events);
  }
}
