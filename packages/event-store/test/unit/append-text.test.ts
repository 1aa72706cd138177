// The PostgreSQL append's one walk per value (validateAppendText, canonicalJsonText) against the two it
// replaces: the same text as canonicalJson for every value validateAppend accepts, and the same error
// (field and rule) for every value it refuses, in the same order of checks.
import t from 'tap';
import { InvalidEventStoreInputError, canonicalJson, type Json } from '../../src/index.js';
import { canonicalJsonText, validateAppend, validateAppendText } from '../../src/validate.js';

const deep = (n: number): Json => (n === 0 ? { z: 1, a: 2 } : { next: deep(n - 1) });
const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = { back: cyclic };
const holey = [1, , 3];

const accepted: Record<string, unknown> = {
  'keys in order': { a: 1, b: [1, 'two', null, true], c: { d: -0.5 } },
  'keys out of order': { zebra: 1, apple: { b: [1, { d: 2, c: 3 }], a: null } },
  'integer-like keys': { '2': 'b', '10': 'a' },
  'an undefined property (dropped), out of order only with it': { b: undefined, a: 1, c: 2 },
  'non-ASCII and astral': { 'é': '法律援助', '😀': ['tab\t"q"\\'] },
  'deeper than the quick walk goes, unsorted at the bottom': deep(80),
  'a string': '村(社区)法律顾问',
  'a number': 42,
  'null': null,
  'a null-prototype object': Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
};

const refused: Record<string, unknown> = {
  'NaN': { a: Number.NaN },
  'Infinity deep': { a: [{ b: Number.POSITIVE_INFINITY }] },
  'undefined in an array': [1, undefined],
  'a hole': holey,
  'a Date': { at: new Date(0) },
  'a Map': new Map(),
  'a cycle': cyclic,
  'a bigint': { n: 1n },
  'a function': { f: () => 1 },
  'NUL in a string': { s: 'a\u0000b' },
  'NUL in a key': { 'a\u0000': 1 },
  'a lone surrogate': { s: 'x\uD800' },
  'a lone surrogate in a key': { '\uDC00': 1 },
  'undefined at the top': undefined,
};

function errorOf(fn: () => unknown): { field: string; rule: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidEventStoreInputError)) throw error;
    return { field: error.field, rule: error.rule };
  }
}

t.test('accepted values: the text canonicalJson writes', async (t) => {
  for (const [name, value] of Object.entries(accepted)) t.equal(canonicalJsonText(value, 'data'), canonicalJson(value as Json), name);
});

t.test('refused values: the error assertJson gives, field and rule', async (t) => {
  for (const [name, value] of Object.entries(refused)) {
    const old = errorOf(() => validateAppend('s-1', [{ type: 'T', data: value }], 'any'));
    t.ok(old, `${name}: refused before`);
    t.same(errorOf(() => validateAppendText('s-1', [{ type: 'T', data: value }], 'any')), old, name);
    t.same(errorOf(() => validateAppendText('s-1', [{ type: 'T', data: {}, metadata: { m: value } }], 'any')),
      errorOf(() => validateAppend('s-1', [{ type: 'T', data: {}, metadata: { m: value } }], 'any')), `${name}, in metadata`);
  }
});

t.test('whole appends: the same events, or the same first error', async (t) => {
  const id = '0b7f7a0e-3f7c-4f0e-8d4c-61b2a1e5c9d3';
  const shared = { correlationId: 'c', actor: { role: 'r', id: 'a' } };
  const appends: [string, unknown, unknown, unknown][] = [
    ['good, metadata shared', 's-1', [{ id, type: 'A', data: { b: 1, a: 2 }, metadata: shared }, { type: 'B', data: [], metadata: shared }], 'no_stream'],
    ['good, metadata absent', 's-1', [{ type: 'A', data: 1 }], 5n],
    ['bad data and bad metadata: data first', 's-1', [{ type: 'A', data: { x: Number.NaN }, metadata: [] }], 'any'],
    ['bad metadata shape after good data', 's-1', [{ type: 'A', data: {}, metadata: 'm' }], 'any'],
    ['shared metadata made bad for the second event', 's-1', [{ type: 'A', data: {}, metadata: shared }, { type: 'B', data: {}, metadata: { ...shared, bad: Number.NaN } }], 'any'],
    ['duplicate ids differing in case', 's-1', [{ id, type: 'A', data: {} }, { id: id.toUpperCase(), type: 'B', data: {} }], 'any'],
    ['bad id after bad type? type first', 's-1', [{ id: 'x', type: '', data: {} }], 'any'],
    ['no events', 's-1', [], 'any'],
    ['bad stream name', '', [{ type: 'A', data: {} }], 'any'],
    ['bad expected revision', 's-1', [{ type: 'A', data: {} }], -1n],
  ];
  for (const [name, stream, events, expected] of appends) {
    const before = errorOf(() => validateAppend(stream, events, expected));
    const now = errorOf(() => validateAppendText(stream, events, expected));
    t.same(now, before, `${name}: the same verdict`);
    if (before !== undefined) continue;
    const old = validateAppend(stream, events, expected);
    const text = validateAppendText(stream, events, expected);
    t.same(text.expectedRevision, old.expectedRevision, `${name}: expected revision`);
    t.same(text.events.map((e) => [e.idGiven, e.type, e.data, e.metadata]), old.events.map((e) => [e.idGiven, e.type, canonicalJson(e.data), canonicalJson(e.metadata)]), `${name}: the same texts`);
    if (old.events[0]?.idGiven) t.equal(text.events[0]?.id, old.events[0].id, `${name}: the given id, lower-cased`);
  }
});
