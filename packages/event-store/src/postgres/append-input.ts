// Checks an append before anything reaches the database and turns it into the arrays the append
// function takes. Bad input throws InvalidEventStoreInputError naming the field and the rule.
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../canonical.js';
import { InvalidEventStoreInputError } from '../errors.js';
import type { EventToAppend, ExpectedRevision, Json } from '../types.js';

export const MAX_STREAM_NAME_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A UTF-16 surrogate without its partner cannot be encoded as UTF-8 (PostgreSQL text and jsonb refuse it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface AppendArrays {
  readonly ids: string[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
  /** Whether the caller supplied any id (only then can the append be a retry of an earlier one). */
  idsGiven: boolean;
}

/** Why a string cannot be stored, or undefined when it can. */
function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/** Where in a value the walk is: keys and indexes from the root, turned into text only on failure. */
type Path = Array<string | number>;

function pathText(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

/** Walks a value and throws at the first thing JSON (as jsonb stores it) cannot carry. */
function checkJson(value: unknown, field: string, path: Path, ancestors: Set<object>): void {
  const fail = (rule: string): never => {
    throw new InvalidEventStoreInputError(field, path.length === 0 ? rule : `${rule} at ${pathText(path)}`);
  };
  switch (typeof value) {
    case 'string': {
      const problem = textProblem(value);
      if (problem) fail(`string ${problem}`);
      return;
    }
    case 'number':
      if (!Number.isFinite(value)) fail('not JSON: number must be finite (no NaN or Infinity)');
      return;
    case 'boolean':
      return;
    case 'undefined':
      return fail('not JSON: undefined');
    case 'bigint':
      return fail('not JSON: bigint');
    case 'function':
      return fail('not JSON: function');
    case 'symbol':
      return fail('not JSON: symbol');
    case 'object':
      break;
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.has(object)) fail('not JSON: cyclic reference');
  ancestors.add(object);
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i += 1) {
      path.push(i);
      if (!(i in object)) fail('not JSON: hole in array');
      checkJson(object[i], field, path, ancestors);
      path.pop();
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) fail('not JSON: only plain objects and arrays (no Date, Map, class instances)');
    const record = object as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const v = record[key];
      path.push(key);
      const problem = textProblem(key);
      if (problem) fail(`object key ${problem}`);
      // JSON drops properties whose value is undefined; so does canonicalJson.
      if (v !== undefined) checkJson(v, field, path, ancestors);
      path.pop();
    }
  }
  ancestors.delete(object);
}

function checkEvent(event: EventToAppend, index: number): { id: string; type: string; data: string; metadata: string } {
  const field = `events[${index}]`;
  if (typeof event !== 'object' || event === null) throw new InvalidEventStoreInputError(field, 'must be an object');
  const id = event.id ?? randomUUID();
  if (typeof id !== 'string' || !UUID.test(id)) throw new InvalidEventStoreInputError(`${field}.id`, 'must be a uuid');
  if (typeof event.type !== 'string' || event.type.length === 0) {
    throw new InvalidEventStoreInputError(`${field}.type`, 'must be a non-empty string');
  }
  const typeProblem = textProblem(event.type);
  if (typeProblem) throw new InvalidEventStoreInputError(`${field}.type`, typeProblem);
  checkJson(event.data, `${field}.data`, [], new Set());
  const metadata: unknown = event.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new InvalidEventStoreInputError(`${field}.metadata`, 'must be a JSON object');
  }
  checkJson(metadata, `${field}.metadata`, [], new Set());
  return {
    id: id.toLowerCase(),
    type: event.type,
    data: canonicalJson(event.data as Json),
    metadata: canonicalJson(metadata as Json),
  };
}

export function checkStreamName(streamName: unknown): string {
  if (typeof streamName !== 'string' || streamName.length === 0) {
    throw new InvalidEventStoreInputError('streamName', 'must be a non-empty string');
  }
  // Counted in characters (code points), not UTF-16 units.
  if ([...streamName].length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidEventStoreInputError('streamName', `must be at most ${MAX_STREAM_NAME_LENGTH} characters`);
  }
  const problem = textProblem(streamName);
  if (problem) throw new InvalidEventStoreInputError('streamName', problem);
  return streamName;
}

/** The expected revision as the append function's number: -2 any, -1 no_stream, -4 stream_exists, else exact. */
export function expectedRevisionCode(expected: ExpectedRevision | undefined): string {
  if (expected === undefined || expected === 'any') return '-2';
  if (expected === 'no_stream') return '-1';
  if (expected === 'stream_exists') return '-4';
  if (typeof expected === 'bigint' && expected >= 0n) return expected.toString();
  throw new InvalidEventStoreInputError('expectedRevision', 'must be any, no_stream, stream_exists or a revision >= 0n');
}

export function prepareAppend(streamName: string, events: readonly EventToAppend[]): AppendArrays {
  checkStreamName(streamName);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventStoreInputError('events', 'must be a non-empty list');
  const arrays: AppendArrays = { ids: [], types: [], data: [], metadata: [], idsGiven: false };
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const checked = checkEvent(event, index);
    if (event.id !== undefined) arrays.idsGiven = true;
    if (seen.has(checked.id)) throw new InvalidEventStoreInputError(`events[${index}].id`, 'duplicate id within the batch');
    seen.add(checked.id);
    arrays.ids.push(checked.id);
    arrays.types.push(checked.type);
    arrays.data.push(checked.data);
    arrays.metadata.push(checked.metadata);
  });
  return arrays;
}
