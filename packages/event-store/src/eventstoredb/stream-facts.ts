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
  /** The last event's revision, -1n when the stream has none. */
  readonly revision: bigint;
  readonly hash: string;
}

class StreamFacts {
  revision = -1n;
  hash = GENESIS_HASH;
  readonly ids = new Map<string, bigint>();

  /** Applies events in revision order; ones already applied (by a concurrent reader) are skipped. */
  apply(events: readonly Pick<RecordedEvent, 'id' | 'revision' | 'hash'>[]): void {
    for (const e of events) {
      if (e.revision <= this.revision) continue;
      // A gap (events this process has not read yet): stop; the next refresh reads from here.
      if (e.revision !== this.revision + 1n) return;
      this.ids.set(e.id, e.revision);
      this.revision = e.revision;
      this.hash = e.hash;
    }
  }
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

  /** Reads what was appended since the last look; returns the tip and the ids the stream holds. */
  async refresh(streamName: string): Promise<{ tip: StreamTip; ids: ReadonlyMap<string, bigint> }> {
    const facts = this.#facts(streamName);
    const added = await readStreamSlice(this.#client, streamName, { direction: 'forwards', fromRevision: facts.revision + 1n });
    facts.apply(added);
    return { tip: { revision: facts.revision, hash: facts.hash }, ids: facts.ids };
  }

  /** Records the events this process just appended, so the next append need not read them. */
  appended(streamName: string, events: readonly Pick<RecordedEvent, 'id' | 'revision' | 'hash'>[]): void {
    this.#streams.get(streamName)?.apply(events);
  }
}
