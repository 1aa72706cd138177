// Replayed cases, kept while their stream does not move: a case is replayed again only when its head
// (last revision and its hash, read afresh on every look) is not the one the replay ended at. A history is append-only, so the
// replay of revisions 0..n stays what it was; a change made behind the store's back is verification's
// to find (its routes and jobs always read afresh), not the history view's. A case that moved on is not
// replayed from its start: only its new events are read and replayed from the kept last state (see
// read-case.ts). Rendered pages are kept with their replay, so the thousandth look at a long history
// costs a head read, the access-log append and the bytes. Bounded: least recently used first out.
import type { ReplayStep } from '../cases/case-kind.js';
import type { PersonalData } from '../privacy/mask.js';

export interface CachedCase {
  readonly revision: bigint;
  readonly hash: string;
  readonly steps: readonly ReplayStep[];
  readonly personal: PersonalData;
  /** Rendered responses by what was asked (page, state, masking). */
  readonly rendered: Map<string, Buffer>;
}

export class CaseCache {
  private readonly entries = new Map<string, CachedCase>();

  constructor(private readonly maxCases: number) {}

  /** The replay kept for a stream, whatever its head now: checked against the head, or carried on to it. */
  kept(streamName: string): CachedCase | undefined {
    return this.entries.get(streamName);
  }

  delete(streamName: string): void {
    this.entries.delete(streamName);
  }

  set(streamName: string, entry: CachedCase): void {
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    while (this.entries.size > this.maxCases) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
