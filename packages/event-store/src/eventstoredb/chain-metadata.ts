// EventStoreDB cannot compute the hash chain server-side, so the adapter computes each event's link
// and stores it in the event's metadata under one reserved key. Reading strips the key again, so a
// RecordedEvent's metadata is exactly what the caller appended and its `hash` carries the link.
import { InvalidEventStoreInputError } from '../errors.js';
import type { Json, JsonObject } from '../types.js';

/** The reserved metadata key. `$`-prefixed like EventStoreDB's own ($correlationId, $causationId). */
export const CHAIN_KEY = '$chain';
/** Version of the stored link's shape, so a later format can be told apart. */
export const CHAIN_FORMAT = 1;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Refuses caller metadata that uses the reserved key: it would be lost on the way back. */
export function assertNoReservedKey(metadata: JsonObject, field: string): void {
  if (Object.hasOwn(metadata, CHAIN_KEY)) {
    throw new InvalidEventStoreInputError(field, `must not use the key ${CHAIN_KEY} (reserved for the hash chain)`);
  }
}

/**
 * The metadata as stored: the caller's keys, in their order, then the chain link. The last event of
 * each append also names the append's writer (`w`, a random id per call, outside the hash): the server
 * takes an append whose event ids are already stored as done, so two writers sending the same batch
 * are both told "success", and only the stored `w` says whose write it was.
 */
export function sealMetadata(metadata: JsonObject, hash: string, writer?: string): JsonObject {
  return { ...metadata, [CHAIN_KEY]: writer === undefined ? { v: CHAIN_FORMAT, hash } : { v: CHAIN_FORMAT, hash, w: writer } };
}

function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits stored metadata into the caller's metadata and the link; undefined when there is no link. */
export function openMetadata(stored: Json | undefined): { metadata: JsonObject; hash: string; writer: string | undefined } | undefined {
  if (!isJsonObject(stored)) return undefined;
  const { [CHAIN_KEY]: link, ...metadata } = stored;
  if (!isJsonObject(link) || link.v !== CHAIN_FORMAT || typeof link.hash !== 'string' || !HEX_SHA256.test(link.hash)) {
    return undefined;
  }
  return { metadata, hash: link.hash, writer: typeof link.w === 'string' ? link.w : undefined };
}
