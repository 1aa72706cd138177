// Against a kept anchor, each anchored stream as its readers see it now (readStream), not only as $all
// holds it: on EventStoreDB a deleted stream's events, and a truncated one's first events, stay in $all
// until a scavenge, so the $all pass alone would find such a stream intact. Through the store contract
// only, so the same on both adapters: per anchored stream, one read of its first event (must be
// revision 0: nothing before it removed) and one of the anchored revision (must be there, with the
// anchored hash); a third, of the head, only to name where a truncated stream now ends.
import { StreamNotFoundError, type EventStore, type ReadStreamOptions, type RecordedEvent } from '@bureau/event-store';
import type { Finding, StreamHead } from './chain-checker.js';

async function firstOf(store: EventStore, stream: string, options: ReadStreamOptions): Promise<RecordedEvent | null | undefined> {
  try {
    for await (const e of store.readStream(stream, { ...options, maxCount: 1 })) return e;
    return null;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}

/** undefined: the stream is gone; null: nothing at or after `from`. */
async function findingFor(store: EventStore, head: StreamHead): Promise<Finding | undefined> {
  const { stream } = head;
  const anchoredRevision = BigInt(head.revision);
  const first = await firstOf(store, stream, { fromRevision: 0n });
  if (first === undefined || first === null) {
    return { stream, kind: 'stream_deleted', revision: '0', detail: `the anchor recorded ${anchoredRevision + 1n} events; none can be read` };
  }
  if (first.revision !== 0n) {
    return { stream, kind: 'event_missing', revision: '0', detail: `revision 0 cannot be read (the first readable is ${first.revision})` };
  }
  const anchored = await firstOf(store, stream, { fromRevision: anchoredRevision });
  if (anchored && anchored.revision === anchoredRevision) {
    return anchored.hash === head.hash
      ? undefined
      : { stream, kind: 'rewritten', revision: head.revision, detail: `the hash at revision ${head.revision} is not the anchored ${head.hash}` };
  }
  const last = await firstOf(store, stream, { direction: 'backwards' });
  const end = last ? last.revision : -1n;
  return end < anchoredRevision
    ? { stream, kind: 'truncated', revision: (end + 1n).toString(), detail: `the stream ends at revision ${end}; the anchor recorded revision ${head.revision}` }
    : { stream, kind: 'event_missing', revision: head.revision, detail: `revision ${head.revision} cannot be read (the next readable is ${anchored?.revision ?? 'none'})` };
}

/** Findings for the anchored streams not in `known` (streams already found wanting), `concurrency` reads at once. */
export async function checkAnchoredStreams(store: EventStore, anchored: readonly StreamHead[], known: ReadonlySet<string>, concurrency = 8): Promise<Finding[]> {
  const pending = anchored.filter((h) => !known.has(h.stream));
  const out: Finding[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, async () => {
    while (next < pending.length) {
      const head = pending[next];
      next += 1;
      if (!head) continue;
      const finding = await findingFor(store, head);
      if (finding) out.push(finding);
    }
  }));
  return out;
}
