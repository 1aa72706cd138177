// Verify everything: one pass over $all, every stream's chain checked as its events go by (a stream's
// order in $all is its revision order, the store's own guarantee), and, given a kept anchor's heads, every
// anchored stream compared with what the anchor recorded. Reads run at the store's full read rate.
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import { checkAnchoredStreams } from './anchored-streams.js';
import { ChainChecker, type Finding, type StreamHead } from './chain-checker.js';
import type { StoredEventsReader } from './stored-events.js';
import { verifyStoreInWorkers } from './verify-in-workers.js';

export interface StoreVerdict {
  readonly intact: boolean;
  readonly events: number;
  readonly streams: number;
  /** The last position checked (the head when the pass began). */
  readonly upTo: GlobalPosition | null;
  readonly findings: readonly Finding[];
}

export interface VerifyOptions {
  readonly anchored?: readonly StreamHead[];
  /** Called every `progressEvery` events and at the end. */
  readonly onProgress?: (checked: { readonly events: number; readonly streams: number }) => void;
  readonly progressEvery?: number;
  readonly signal?: AbortSignal;
  /** Worker threads to hash on (verify-in-workers.ts); 0 or absent: this thread does it all. */
  readonly threads?: number;
  /**
   * On PostgreSQL, the events as stored (stored-events.ts): this thread then hashes their text as read
   * instead of parsing and writing it again. Not used with worker threads.
   */
  readonly storedEvents?: StoredEventsReader;
}

export async function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<StoreVerdict> {
  const verdict = options.threads !== undefined && options.threads > 0 ? await verifyStoreInWorkers(store, options.threads, options) : await verifyInThisThread(store, options);
  const anchored = options.anchored ?? [];
  if (anchored.length === 0) return verdict;
  // Every anchored stream also as readers see it (anchored-streams.ts): what $all still holds of a
  // deleted or truncated stream (EventStoreDB, before a scavenge) is not the stream.
  const more = await checkAnchoredStreams(store, anchored, new Set(verdict.findings.map((f) => f.stream)));
  if (more.length === 0) return verdict;
  const findings = [...verdict.findings, ...more].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  return { ...verdict, intact: false, findings };
}

async function verifyInThisThread(store: EventStore, options: VerifyOptions): Promise<StoreVerdict> {
  const checker = new ChainChecker(new Map((options.anchored ?? []).map((h) => [h.stream, h])));
  const upTo = (await store.headPosition()) ?? null;
  const every = options.progressEvery ?? 10_000;
  const checked = () => {
    if (checker.events % every === 0) {
      options.onProgress?.({ events: checker.events, streams: checker.streams });
      options.signal?.throwIfAborted();
    }
  };
  if (upTo && options.storedEvents) {
    for await (const event of options.storedEvents(upTo)) {
      checker.observeStored(event);
      checked();
    }
  } else if (upTo) {
    for await (const event of store.readAll()) {
      if (comparePositions(event.position, upTo) > 0) break;
      checker.observe(event);
      checked();
    }
  }
  options.onProgress?.({ events: checker.events, streams: checker.streams });
  const findings = checker.finish();
  return { intact: findings.length === 0, events: checker.events, streams: checker.streams, upTo, findings };
}

/** One stream, read alone: its chain (no anchor), for a case's own verdict. */
export function verifyOneStream(events: Iterable<RecordedEvent>, anchored?: StreamHead): { readonly intact: boolean; readonly events: number; readonly findings: readonly Finding[] } {
  const checker = new ChainChecker(anchored ? new Map([[anchored.stream, anchored]]) : new Map());
  for (const e of events) checker.observe(e);
  const findings = checker.finish();
  return { intact: findings.length === 0, events: checker.events, findings };
}
