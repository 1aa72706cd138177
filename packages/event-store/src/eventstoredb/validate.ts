// Input validation for the event store, run before any call reaches the server, so bad input gets a
// clear InvalidEventStoreInputError and changes nothing. Nothing here is EventStoreDB-specific: it is
// written to move to src/validate.ts and be shared with the PostgreSQL adapter, so both reject the
// same input with the same `field` and `rule`. Rules never quote the offending value (it may be
// personal data); they name where it is.
import { randomUUID } from 'node:crypto';
import { InvalidEventStoreInputError } from '../errors.js';
import type { EventToAppend, ExpectedRevision, GlobalPosition, Json, JsonObject } from '../types.js';

export const MAX_STREAM_NAME_LENGTH = 200;
export const MAX_EVENT_TYPE_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event ready to store: id present and lower-cased (as both stores print uuids), metadata present. */
export interface ValidEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Json;
  readonly metadata: JsonObject;
}

function fail(field: string, rule: string): never {
  throw new InvalidEventStoreInputError(field, rule);
}

/** Stream names: 1..200 characters, no NUL, and not `$`-prefixed ($ names are the server's own). */
export function validateStreamName(streamName: unknown): string {
  if (typeof streamName !== 'string' || streamName.length === 0) fail('streamName', 'must be a non-empty string');
  if (streamName.length > MAX_STREAM_NAME_LENGTH) fail('streamName', `must be at most ${MAX_STREAM_NAME_LENGTH} characters`);
  if (streamName.includes('\u0000')) fail('streamName', 'must not contain the NUL character');
  if (streamName.startsWith('$')) fail('streamName', 'must not start with $ (reserved for system streams)');
  return streamName;
}

export function validateExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  return fail('expectedRevision', 'must be any, no_stream, stream_exists or a revision >= 0n');
}

/**
 * Checks that `value` is JSON that round-trips unchanged: plain objects and arrays of strings,
 * finite numbers, booleans and null. Rejects undefined, functions, symbols, bigint, NaN and
 * Infinity, NUL characters (PostgreSQL's jsonb cannot hold them), class instances such as Date
 * (JSON.stringify would silently turn them into something else) and cycles.
 */
export function assertJson(value: unknown, field: string, path = '$', ancestors: object[] = []): asserts value is Json {
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) fail(field, `${path}: strings must not contain the NUL character`);
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(field, `${path}: numbers must be finite (no NaN or Infinity)`);
      return;
    case 'boolean':
      return;
    case 'object': {
      if (value === null) return;
      if (ancestors.includes(value)) fail(field, `${path}: must not contain a cycle`);
      const inner = [...ancestors, value];
      if (Array.isArray(value)) {
        value.forEach((item, i) => assertJson(item, field, `${path}[${i}]`, inner));
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) fail(field, `${path}: must be a plain object, array or JSON primitive`);
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) fail(field, `${path}: keys must not contain the NUL character`);
        assertJson(item, field, `${path}.${key}`, inner);
      }
      return;
    }
    default:
      // undefined, function, symbol, bigint
      fail(field, `${path}: ${typeof value} is not JSON`);
  }
}

function assertJsonObject(value: unknown, field: string): asserts value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a JSON object');
  assertJson(value, field);
}

/**
 * Validates one append and returns its events with ids (generated uuid v4 where absent, lower-cased
 * otherwise) and metadata (`{}` where absent). Throws InvalidEventStoreInputError on the first fault.
 */
export function validateAppend(
  streamName: unknown,
  events: unknown,
  expectedRevision: unknown,
): { streamName: string; events: ValidEvent[]; expectedRevision: ExpectedRevision } {
  const name = validateStreamName(streamName);
  const expected = validateExpectedRevision(expectedRevision);
  if (!Array.isArray(events) || events.length === 0) fail('events', 'must be a non-empty array');
  const seen = new Set<string>();
  const valid = events.map((candidate: unknown, i): ValidEvent => {
    const at = `events[${i}]`;
    if (typeof candidate !== 'object' || candidate === null) fail(at, 'must be an object');
    const e: Partial<Record<keyof EventToAppend, unknown>> = candidate;
    if (typeof e.type !== 'string' || e.type.length === 0) fail(`${at}.type`, 'must be a non-empty string');
    if (e.type.length > MAX_EVENT_TYPE_LENGTH) fail(`${at}.type`, `must be at most ${MAX_EVENT_TYPE_LENGTH} characters`);
    if (e.type.includes('\u0000')) fail(`${at}.type`, 'must not contain the NUL character');
    if (e.type.startsWith('$')) fail(`${at}.type`, 'must not start with $ (reserved for system events)');
    let id: string;
    if (e.id === undefined) id = randomUUID();
    else if (typeof e.id === 'string' && UUID.test(e.id)) id = e.id.toLowerCase();
    else fail(`${at}.id`, 'must be a uuid (8-4-4-4-12 hex digits)');
    if (seen.has(id)) fail(`${at}.id`, 'must be unique within the batch');
    seen.add(id);
    assertJson(e.data, `${at}.data`);
    const metadata = e.metadata ?? {};
    assertJsonObject(metadata, `${at}.metadata`);
    return { id, type: e.type, data: e.data, metadata };
  });
  return { streamName: name, events: valid, expectedRevision: expected };
}

export function validateMaxCount(maxCount: unknown): number | undefined {
  if (maxCount === undefined) return undefined;
  if (typeof maxCount !== 'number' || !Number.isSafeInteger(maxCount) || maxCount < 0) {
    fail('maxCount', 'must be a whole number >= 0');
  }
  return maxCount;
}

export function validateRevision(revision: unknown, field: string): bigint | undefined {
  if (revision === undefined) return undefined;
  if (typeof revision !== 'bigint' || revision < 0n) fail(field, 'must be a revision >= 0n');
  return revision;
}

export function validatePosition(position: unknown, field: string): GlobalPosition | undefined {
  if (position === undefined) return undefined;
  if (typeof position !== 'object' || position === null) fail(field, 'must be a { commit, prepare } position');
  const p: Partial<Record<keyof GlobalPosition, unknown>> = position;
  if (typeof p.commit !== 'bigint' || typeof p.prepare !== 'bigint' || p.commit < 0n || p.prepare < 0n) {
    fail(field, 'must be a { commit, prepare } position of bigints >= 0n');
  }
  return { commit: p.commit, prepare: p.prepare };
}

export function validateDirection(direction: unknown): 'forwards' | 'backwards' {
  if (direction === undefined || direction === 'forwards') return 'forwards';
  if (direction === 'backwards') return 'backwards';
  return fail('direction', 'must be forwards or backwards');
}
