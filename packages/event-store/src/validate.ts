// Input validation, shared by both adapters and run before any call reaches a server, so bad input gets a clear
// InvalidEventStoreInputError and changes nothing. The PostgreSQL adapter turns the result into the
// arrays its append function takes (src/postgres/append-input.ts). Rules never quote the offending value
// (it may be personal data); they say where it is.
import { randomUUID } from 'node:crypto';
import { InvalidEventStoreInputError } from './errors.js';
import { reorderedJson } from './canonical.js';
import type { ExpectedRevision, GlobalPosition, Json, JsonObject } from './types.js';

export const MAX_STREAM_NAME_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A UTF-16 surrogate without its partner cannot be encoded as UTF-8 (nor stored by either database).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An event ready to store: id present and lower-cased (as both stores print uuids), metadata present. */
export interface ValidEvent {
  readonly id: string;
  /** Whether the caller chose the id (a generated uuid v4 cannot already be in use). */
  readonly idGiven: boolean;
  readonly type: string;
  readonly data: Json;
  readonly metadata: JsonObject;
}

function fail(field: string, rule: string): never {
  throw new InvalidEventStoreInputError(field, rule);
}

/** Why a string cannot be stored, or undefined when it can. */
function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

export function validateStreamName(streamName: unknown): string {
  if (typeof streamName !== 'string' || streamName.length === 0) fail('streamName', 'must be a non-empty string');
  // Counted in characters (code points), not UTF-16 units.
  if ([...streamName].length > MAX_STREAM_NAME_LENGTH) fail('streamName', `must be at most ${MAX_STREAM_NAME_LENGTH} characters`);
  const problem = textProblem(streamName);
  if (problem) fail('streamName', problem);
  return streamName;
}

/**
 * A name to read by: any string the stores can carry. Empty or over-long names are not errors here (no
 * such stream exists, so reading one finds nothing), but a NUL or an unpaired surrogate cannot be sent.
 */
export function validateStreamNameToRead(streamName: unknown): string {
  if (typeof streamName !== 'string') fail('streamName', 'must be a string');
  const problem = textProblem(streamName);
  if (problem) fail('streamName', problem);
  return streamName;
}

export function validateExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === undefined) return 'any';
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  return fail('expectedRevision', 'must be any, no_stream, stream_exists or a revision >= 0n');
}

/**
 * Checks that `value` is JSON that round-trips unchanged: plain objects and arrays of strings,
 * finite numbers, booleans and null. Rejects undefined (except as an object property, which JSON
 * and canonicalJson both drop), functions, symbols, bigint, NaN and Infinity, NUL characters and
 * unpaired surrogates, array holes, class instances such as Date or Map (JSON.stringify would turn
 * them into something else) and cycles.
 */
export function assertJson(value: unknown, field: string, path = '', ancestors = new Set<object>()): asserts value is Json {
  const at = path === '' ? '' : ` at ${path}`;
  switch (typeof value) {
    case 'string': {
      const problem = textProblem(value);
      if (problem) fail(field, `string ${problem}${at}`);
      return;
    }
    case 'number':
      if (!Number.isFinite(value)) fail(field, `not JSON: number must be finite (no NaN or Infinity)${at}`);
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      // undefined, function, symbol, bigint
      fail(field, `not JSON: ${typeof value}${at}`);
  }
  if (value === null) return;
  if (ancestors.has(value)) fail(field, `not JSON: cyclic reference${at}`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) fail(field, `not JSON: hole in array at index ${i}${at}`);
      assertJson(value[i], field, `${path}[${i}]`, ancestors);
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) fail(field, `not JSON: only plain objects and arrays (no Date, Map, class instances)${at}`);
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) fail(field, `object key ${problem}${at}`);
      if (item !== undefined) assertJson(item, field, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}

// Anything a string might hold that cannot be stored: one native scan finds strings with neither (nearly all).
const NUL_OR_SURROGATE = /[\u0000\uD800-\uDFFF]/;
// Deeper than this, the quick walk leaves the value to assertJson (a cycle is infinitely deep).
const QUICK_DEPTH = 64;

/**
 * One quick walk for an append: whether `value` passes assertJson, and if so whether its objects' keys are
 * already in canonical order (JSON.stringify then writes it canonically). 'invalid' sends the value to
 * assertJson, which says why with the same words as always; only then are paths built.
 */
function quickWalk(value: unknown, depth: number): 'sorted' | 'unsorted' | 'invalid' {
  switch (typeof value) {
    case 'string':
      return NUL_OR_SURROGATE.test(value) && textProblem(value) !== undefined ? 'invalid' : 'sorted';
    case 'number':
      return Number.isFinite(value) ? 'sorted' : 'invalid';
    case 'boolean':
      return 'sorted';
    case 'object':
      break;
    default:
      return 'invalid';
  }
  if (value === null) return 'sorted';
  if (depth >= QUICK_DEPTH) return 'invalid';
  let verdict: 'sorted' | 'unsorted' = 'sorted';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) return 'invalid';
      const item = quickWalk(value[i], depth + 1);
      if (item === 'invalid') return item;
      if (item === 'unsorted') verdict = item;
    }
    return verdict;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return 'invalid';
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key of Object.keys(record)) {
    if (NUL_OR_SURROGATE.test(key) && textProblem(key) !== undefined) return 'invalid';
    const item = record[key];
    if (item === undefined) continue;
    if (previous !== undefined && !(previous < key)) verdict = 'unsorted';
    previous = key;
    const inner = quickWalk(item, depth + 1);
    if (inner === 'invalid') return inner;
    if (inner === 'unsorted') verdict = inner;
  }
  return verdict;
}

/**
 * The canonical JSON text of a value to append, checked as assertJson checks it, in one walk: the store
 * hashes and stores exactly this text. Throws InvalidEventStoreInputError (assertJson's) for a value JSON
 * cannot carry.
 */
export function canonicalJsonText(value: unknown, field: string): string {
  const verdict = quickWalk(value, 0);
  if (verdict === 'invalid') assertJson(value, field);
  return verdict === 'sorted' ? JSON.stringify(value) : reorderedJson(value as Json);
}

/** An event ready to store as text (the PostgreSQL adapter): its data and metadata as canonical JSON. */
export interface ValidEventText {
  readonly id: string;
  readonly idGiven: boolean;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * validateAppend for a store that keeps events as text: the same checks in the same order with the same
 * errors, each event's data and metadata walked once (checked and written). Events of one append that
 * share one metadata object (a command's events usually do) have it checked and written once.
 */
export function validateAppendText(
  streamName: unknown,
  events: unknown,
  expectedRevision: unknown,
): { streamName: string; events: ValidEventText[]; expectedRevision: ExpectedRevision } {
  const expected = validateExpectedRevision(expectedRevision);
  const name = validateStreamName(streamName);
  if (!Array.isArray(events) || events.length === 0) fail('events', 'must be a non-empty list');
  const seen = new Set<string>();
  let lastMetadata: unknown;
  let lastMetadataText = '';
  const valid = events.map((candidate: unknown, index): ValidEventText => {
    const at = `events[${index}]`;
    // validateEvent's checks, in its order.
    const { e, id, type } = eventIdAndType(candidate, at);
    const data = canonicalJsonText(e.data, `${at}.data`);
    const metadata = e.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) fail(`${at}.metadata`, 'must be a JSON object');
    if (index === 0 || metadata !== lastMetadata) {
      lastMetadataText = canonicalJsonText(metadata, `${at}.metadata`);
      lastMetadata = metadata;
    }
    const lowerId = id.toLowerCase();
    if (seen.has(lowerId)) fail(`${at}.id`, 'duplicate id within the batch');
    seen.add(lowerId);
    return { id: lowerId, idGiven: e.id !== undefined, type, data, metadata: lastMetadataText };
  });
  return { streamName: name, events: valid, expectedRevision: expected };
}

/** An event's first checks (an object; its id, given or made; its type), shared by both validations. */
function eventIdAndType(candidate: unknown, at: string): { e: { id?: unknown; type?: unknown; data?: unknown; metadata?: unknown }; id: string; type: string } {
  if (typeof candidate !== 'object' || candidate === null) fail(at, 'must be an object');
  const e: { id?: unknown; type?: unknown; data?: unknown; metadata?: unknown } = candidate;
  const id = e.id ?? randomUUID();
  if (typeof id !== 'string' || !UUID.test(id)) fail(`${at}.id`, 'must be a uuid');
  if (typeof e.type !== 'string' || e.type.length === 0) fail(`${at}.type`, 'must be a non-empty string');
  const typeProblem = textProblem(e.type);
  if (typeProblem) fail(`${at}.type`, typeProblem);
  return { e, id, type: e.type };
}

function validateEvent(candidate: unknown, index: number): ValidEvent {
  const at = `events[${index}]`;
  const { e, id, type } = eventIdAndType(candidate, at);
  assertJson(e.data, `${at}.data`);
  const metadata = e.metadata ?? {};
  const notAnObject = () => fail(`${at}.metadata`, 'must be a JSON object');
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) notAnObject();
  assertJson(metadata, `${at}.metadata`);
  // Checked above; repeated so the type narrows from Json to JsonObject.
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return notAnObject();
  return { id: id.toLowerCase(), idGiven: e.id !== undefined, type, data: e.data, metadata };
}

/**
 * Validates one append and returns its events with ids (uuid v4 where absent, lower-cased
 * otherwise) and metadata (`{}` where absent). Throws InvalidEventStoreInputError at the first fault,
 * checking the expected revision, then the stream name, then each event in order.
 */
export function validateAppend(
  streamName: unknown,
  events: unknown,
  expectedRevision: unknown,
): { streamName: string; events: ValidEvent[]; expectedRevision: ExpectedRevision } {
  const expected = validateExpectedRevision(expectedRevision);
  const name = validateStreamName(streamName);
  if (!Array.isArray(events) || events.length === 0) fail('events', 'must be a non-empty list');
  const seen = new Set<string>();
  const valid = events.map((candidate: unknown, index) => {
    const event = validateEvent(candidate, index);
    if (seen.has(event.id)) fail(`events[${index}].id`, 'duplicate id within the batch');
    seen.add(event.id);
    return event;
  });
  return { streamName: name, events: valid, expectedRevision: expected };
}

export function validateMaxCount(maxCount: unknown): number | undefined {
  if (maxCount === undefined) return undefined;
  if (typeof maxCount !== 'number' || !Number.isSafeInteger(maxCount) || maxCount < 0) fail('maxCount', 'must be a whole number >= 0');
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
  const p: { commit?: unknown; prepare?: unknown } = position;
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
