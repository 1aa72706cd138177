// Computes the hash chain for a batch client-side, continuing from the stream's last event, and
// shapes each event as the client sends it.
import type { EventData, JSONType } from '@eventstore/db-client';
import { canonicalContent, chainHash } from '../canonical.js';
import type { Json } from '../types.js';
import { sealMetadata } from './chain-metadata.js';
import type { ValidEvent } from '../validate.js';

/** Where the batch continues from: the stream's last revision (-1n when new) and its hash. */
export interface ChainTip {
  readonly revision: bigint;
  readonly hash: string;
}

/** One event's place in the chain. */
export interface ChainLink {
  readonly id: string;
  readonly revision: bigint;
  readonly hash: string;
}

export interface ChainedBatch {
  /** The events as the client sends them. */
  readonly events: EventData[];
  /** Each event's revision and hash, in batch order. */
  readonly links: readonly ChainLink[];
}

// The client's type for JSON data is object | array | string, yet it sends JSON.stringify(data)
// and parses it back, so a top-level number, boolean or null round-trips as well.
function clientData(data: Json): JSONType {
  return data as JSONType;
}

/** `writer` is sealed into the last event's link (see sealMetadata). */
export function chainBatch(streamName: string, tip: ChainTip, events: readonly ValidEvent[], writer?: string): ChainedBatch {
  let previous = tip.hash;
  let revision = tip.revision;
  const links: ChainLink[] = [];
  const proposed = events.map((e, i): EventData => {
    revision += 1n;
    const hash = chainHash(previous, canonicalContent({ streamName, revision, id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
    links.push({ id: e.id, revision, hash });
    previous = hash;
    return { id: e.id, contentType: 'application/json', type: e.type, data: clientData(e.data), metadata: sealMetadata(e.metadata, hash, i === events.length - 1 ? writer : undefined) };
  });
  return { events: proposed, links };
}
