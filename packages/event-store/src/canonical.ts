// The canonical form of an event, defined once: the hash chain of every adapter and the auditor's
// verifier use exactly this. Documented in the package README ("Hash chain").
import { createHash } from 'node:crypto';
import type { Json } from './types.js';

/**
 * Canonical JSON (after RFC 8785, JCS): object keys sorted by UTF-16 code units, no insignificant
 * white space, strings and numbers as ECMAScript's JSON.stringify writes them. Values that JSON
 * cannot carry (undefined, functions, NaN, Infinity, bigint, cycles) are rejected by the caller's
 * validation before this is reached.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface CanonicalEventContent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: Json;
  readonly metadata: Json;
}

/**
 * The canonical content of one event: "v1", stream name, revision, id, type, canonical data and
 * canonical metadata, joined by "\n". The PostgreSQL append function builds the same string.
 */
export function canonicalContent(e: CanonicalEventContent): string {
  return ['v1', e.streamName, e.revision.toString(), e.id, e.type, canonicalJson(e.data), canonicalJson(e.metadata)].join('\n');
}

/** hash(n) = SHA-256( bytes of hash(n-1) ‖ UTF-8 of canonicalContent(n) ), hex; hash(-1) = 32 zero bytes. */
export function chainHash(previousHashHex: string, content: string): string {
  return createHash('sha256').update(Buffer.from(previousHashHex, 'hex')).update(content, 'utf8').digest('hex');
}
