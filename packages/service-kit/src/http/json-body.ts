// Every JSON request body of every service goes through here, so bad bytes are refused at the door with
// the field they sit in, before a route or the event store sees them: invalid UTF-8 (JSON.parse would
// quietly store U+FFFD), text the event store cannot hold (NUL, a lone surrogate: the store's own guard
// would name `events[0].data`, not the caller's field), and keys that reach for an object's prototype.
import type { FieldError } from './problem.js';
import { HttpProblem, problemTypes } from './problem.js';

const REPLACEMENT = '\uFFFD';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_ERRORS = 20;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

const refused = (detail: string, errors: readonly FieldError[]) =>
  new HttpProblem(400, 'Bad Request', problemTypes.validation, `${detail} Nothing was changed.`, { errors });

type Check = (text: string) => { rule: string; message: string } | undefined;

/** Walks every key and string of a parsed body; `check` says what is wrong with one, if anything. */
function findInStrings(value: unknown, check: Check, path = 'body', found: FieldError[] = []): FieldError[] {
  if (found.length >= MAX_ERRORS) return found;
  if (typeof value === 'string') {
    const problem = check(value);
    if (problem) found.push({ field: path, ...problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findInStrings(item, check, `${path}.${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = check(key);
      if (problem) found.push({ field: `${path}.${key}`, ...problem });
      findInStrings(item, check, `${path}.${key}`, found);
    }
  }
  return found;
}

const unstorable: Check = (text) => {
  if (text.includes('\u0000')) return { rule: 'nul_character', message: 'must not contain a NUL character' };
  if (LONE_SURROGATE.test(text)) return { rule: 'lone_surrogate', message: 'must be valid Unicode text (a lone surrogate)' };
  return undefined;
};

/** Keys that would reach an object's prototype when the body is merged into another object. */
function prototypeKeys(value: unknown, path = 'body', found: FieldError[] = []): FieldError[] {
  if (Array.isArray(value)) value.forEach((item, index) => prototypeKeys(item, `${path}.${index}`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const reaches = key === '__proto__' || (key === 'constructor' && item !== null && typeof item === 'object' && 'prototype' in item);
      if (reaches) found.push({ field: `${path}.${key}`, rule: 'forbidden_key', message: 'is not allowed' });
      else prototypeKeys(item, `${path}.${key}`, found);
    }
  }
  return found;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw refused('The body is not valid JSON.', [{ field: 'body', rule: 'json', message: 'must be valid JSON' }]);
  }
}

/** A request body as JSON, refused with a 400 naming the field when its bytes or text cannot be kept. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw refused('The body is empty.', [{ field: 'body', rule: 'required', message: 'a JSON body is required' }]);
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    // Name the fields the bad bytes fell in, when the rest still parses; otherwise the body as a whole.
    let lenient: unknown;
    try {
      lenient = JSON.parse(lenientUtf8.decode(raw));
    } catch {
      lenient = undefined;
    }
    const message = 'must be valid UTF-8 text';
    const fields = lenient === undefined ? [] : findInStrings(lenient, (s) => (s.includes(REPLACEMENT) ? { rule: 'utf8', message } : undefined));
    throw refused('The body holds bytes that are not UTF-8.', fields.length > 0 ? fields : [{ field: 'body', rule: 'utf8', message }]);
  }
  const value = parseJson(text);
  const errors = [...prototypeKeys(value), ...findInStrings(value, unstorable)];
  if (errors.length > 0) throw refused(`${errors.length} invalid field(s).`, errors);
  return value;
}
