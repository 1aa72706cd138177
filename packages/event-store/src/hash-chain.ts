import { GENESIS_HASH, canonicalContent, chainHash } from './canonical.js';
import type { RecordedEvent } from './types.js';

export type ChainVerdict =
  | { readonly intact: true; readonly events: number; readonly lastHash: string }
  | {
      readonly intact: false;
      readonly events: number;
      /** Revision where the chain first breaks, and why. */
      readonly brokenAt: bigint;
      readonly reason: 'revision_gap' | 'hash_mismatch';
    };

/**
 * Recomputes a stream's hash chain from its first event, in revision order. A changed event breaks
 * the chain at that event; a deleted one shows as a revision gap; a rewritten tail re-hashed to fit
 * is caught only by comparing `lastHash` with one recorded elsewhere (an auditor's anchor).
 */
export async function verifyStreamChain(events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>): Promise<ChainVerdict> {
  let previous = GENESIS_HASH;
  let expectedRevision = 0n;
  let count = 0;
  for await (const e of events) {
    if (e.revision !== expectedRevision) {
      return { intact: false, events: count, brokenAt: expectedRevision, reason: 'revision_gap' };
    }
    const hash = chainHash(previous, canonicalContent(e));
    if (hash !== e.hash) return { intact: false, events: count, brokenAt: e.revision, reason: 'hash_mismatch' };
    previous = hash;
    expectedRevision += 1n;
    count += 1;
  }
  return { intact: true, events: count, lastHash: previous };
}
