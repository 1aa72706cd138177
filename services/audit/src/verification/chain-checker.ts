// Checks hash chains as events go by, any number of streams at once, in one pass: each stream's events
// must come in revision order from 0, each hash must be SHA-256(previous hash ‖ canonical content) (the
// event store's own canonicalContent / chainHash). Against an anchor's heads it also finds what a chain
// alone cannot: a stream deleted, truncated, or rewritten whole with a recomputed chain.
import { GENESIS_HASH, canonicalContent, chainHash, type RecordedEvent } from '@bureau/event-store';
import type { StoredEvent } from './stored-events.js';

/** What a chain is computed over (a RecordedEvent, or the same fields handed to a worker thread). */
export type ChainedEvent = Pick<RecordedEvent, 'streamName' | 'revision' | 'id' | 'type' | 'data' | 'metadata' | 'hash'>;

export interface StreamHead {
  readonly stream: string;
  /** The revision of the stream's last event. */
  readonly revision: string;
  readonly hash: string;
}

export type FindingKind =
  /** An event's content no longer matches its hash: changed in place (e.g. by SQL). */
  | 'event_changed'
  /** A revision is missing in the middle of a stream. */
  | 'event_missing'
  /** The stream ends before the revision the anchor recorded: its tail was deleted. */
  | 'truncated'
  /** The stream is gone. */
  | 'stream_deleted'
  /** The chain is consistent, but not the one the anchor recorded: rewritten whole. */
  | 'rewritten';

export interface Finding {
  readonly stream: string;
  readonly kind: FindingKind;
  /** The first revision where the stream departs from what it should be. */
  readonly revision: string;
  readonly detail: string;
}

interface Tip {
  next: bigint;
  hash: string;
  /** A stream is checked up to its first finding only. */
  broken: boolean;
}

export class ChainChecker {
  private readonly tips = new Map<string, Tip>();
  private readonly findings: Finding[] = [];
  events = 0;

  /** @param anchored the heads of a kept anchor to compare with (by stream name), if any. */
  constructor(private readonly anchored: ReadonlyMap<string, StreamHead> = new Map()) {}

  observe(e: ChainedEvent): void {
    this.check(e, (previous) => chainHash(previous, canonicalContent(e)));
  }

  /**
   * An event as stored (stored-events.ts): its data and metadata text hashed as read, which is the
   * canonical text the hash was computed over unless something changed it; text that does not hash is
   * parsed and checked the usual way, so the verdict is observe's (a text rewritten in another form
   * with the same content still verifies, as it does parsed).
   */
  observeStored(e: StoredEvent): void {
    this.check(e, (previous) => {
      const asStored = chainHash(previous, `v1\n${e.streamName}\n${e.revision}\n${e.id}\n${e.type}\n${e.dataText}\n${e.metadataText}`);
      if (asStored === e.hash) return asStored;
      return chainHash(previous, canonicalContent({ ...e, data: JSON.parse(e.dataText), metadata: JSON.parse(e.metadataText) }));
    });
  }

  private check(e: Pick<ChainedEvent, 'streamName' | 'revision' | 'id' | 'type' | 'hash'>, hashAfter: (previousHash: string) => string): void {
    this.events += 1;
    let tip = this.tips.get(e.streamName);
    if (!tip) {
      tip = { next: 0n, hash: GENESIS_HASH, broken: false };
      this.tips.set(e.streamName, tip);
    }
    if (tip.broken) return;
    if (e.revision !== tip.next) {
      tip.broken = true;
      this.findings.push({ stream: e.streamName, kind: 'event_missing', revision: tip.next.toString(), detail: `revision ${tip.next} is missing (next stored: ${e.revision})` });
      return;
    }
    const hash = hashAfter(tip.hash);
    if (hash !== e.hash) {
      tip.broken = true;
      this.findings.push({ stream: e.streamName, kind: 'event_changed', revision: e.revision.toString(), detail: `event ${e.id} (${e.type}) does not match its hash` });
      return;
    }
    const head = this.anchored.get(e.streamName);
    if (head && head.revision === e.revision.toString() && head.hash !== hash) {
      tip.broken = true;
      this.findings.push({ stream: e.streamName, kind: 'rewritten', revision: head.revision, detail: `the chain is consistent but its hash at revision ${head.revision} is not the anchored ${head.hash}` });
      return;
    }
    tip.hash = hash;
    tip.next += 1n;
  }

  /** Streams seen so far. */
  get streams(): number {
    return this.tips.size;
  }

  /** The findings, the anchored streams' absence and truncation included (call once every event was seen). */
  finish(): Finding[] {
    const out = [...this.findings];
    for (const head of this.anchored.values()) {
      const tip = this.tips.get(head.stream);
      if (!tip) {
        out.push({ stream: head.stream, kind: 'stream_deleted', revision: '0', detail: `the anchor recorded ${BigInt(head.revision) + 1n} events; none is stored` });
      } else if (!tip.broken && tip.next <= BigInt(head.revision)) {
        out.push({ stream: head.stream, kind: 'truncated', revision: tip.next.toString(), detail: `the stream ends at revision ${tip.next - 1n}; the anchor recorded revision ${head.revision}` });
      }
    }
    return out.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  }

  /** The heads seen, in stream-name order (what an anchor records). */
  heads(): StreamHead[] {
    return [...this.tips.entries()]
      .map(([stream, tip]) => ({ stream, revision: (tip.next - 1n).toString(), hash: tip.hash }))
      .sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  }
}
