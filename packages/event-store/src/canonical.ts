// The canonical form of an event, defined once: the hash chain of every adapter and the auditor's
// verifier use exactly this. Documented in the package README ("Hash chain").
import * as crypto from 'node:crypto';
import type { Json } from './types.js';

/**
 * Whether JSON.stringify already writes `value` canonically: every object plain, its keys in sorted
 * order (as JSON.parse leaves canonical text, so every stored event read back), every array element a
 * JSON value. Then the native writer does the work (about three times faster than the walk below,
 * which verification pays per event); otherwise the walk sorts.
 */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  const kind = typeof value;
  if (kind !== 'object') return kind === 'string' || kind === 'number' || kind === 'boolean';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!inCanonicalOrder(value[i])) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key of Object.keys(record)) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    const v = record[key];
    if (v !== undefined && !inCanonicalOrder(v)) return false;
  }
  return true;
}

/**
 * Canonical JSON (after RFC 8785, JCS): object keys sorted by UTF-16 code units, no insignificant
 * white space, strings and numbers as ECMAScript's JSON.stringify writes them. Values that JSON
 * cannot carry (undefined, functions, NaN, Infinity, bigint, cycles) are rejected by the caller's
 * validation before this is reached.
 */
export function canonicalJson(value: Json): string {
  return inCanonicalOrder(value) ? JSON.stringify(value) : reorderedJson(value);
}

/**
 * canonicalJson of a value known to be out of canonical order (the append's walk found it so): a copy
 * with every object's keys set in sorted order, written by the native JSON.stringify, about twice as
 * fast as the sorting walk below; the walk when the copy cannot be in order (an index-like key).
 */
export function reorderedJson(value: Json): string {
  const copy = sortedCopy(value);
  return copy === UNORDERABLE ? sortedJson(value) : JSON.stringify(copy);
}

// Keys the engine does not keep in the order they were set: array-index-like keys ("0", "17") are
// listed first, numerically; and "__proto__" set on a plain object is its prototype, not a key.
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;
const UNORDERABLE = Symbol('unorderable');

function sortedCopy(value: Json): Json | typeof UNORDERABLE {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item = sortedCopy(value[i] as Json);
      if (item === UNORDERABLE) return item;
      items[i] = item;
    }
    return items;
  }
  const keys = Object.keys(value).sort();
  const copy: Record<string, Json> = {};
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    if (key === '__proto__' || INDEX_LIKE.test(key)) return UNORDERABLE;
    const item = sortedCopy(v);
    if (item === UNORDERABLE) return item;
    copy[key] = item;
  }
  return copy;
}

function sortedJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${sortedJson(v)}`);
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

// One-shot hashing (Node >= 20.12) of the previous hash's bytes and the content written into one reused
// buffer: about twice as fast as a Hash object per event, which verifying a whole store pays per event.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;
let scratch = Buffer.allocUnsafe(64 * 1024);

/** hash(n) = SHA-256( bytes of hash(n-1) ‖ UTF-8 of canonicalContent(n) ), hex; hash(-1) = 32 zero bytes. */
export function chainHash(previousHashHex: string, content: string): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8, so the content always fits.
  if (oneShot !== undefined && 32 + content.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(32 + content.length * 3);
  // A previous hash that is not 32 bytes of hex (a tampered head) is hashed as Buffer.from reads it.
  if (oneShot === undefined || scratch.write(previousHashHex, 0, 32, 'hex') !== 32) {
    return crypto.createHash('sha256').update(Buffer.from(previousHashHex, 'hex')).update(content, 'utf8').digest('hex');
  }
  const n = scratch.write(content, 32, 'utf8');
  return oneShot('sha256', scratch.subarray(0, 32 + n), 'hex');
}
