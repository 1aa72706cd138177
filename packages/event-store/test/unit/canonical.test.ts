// The canonical form's fast paths against the definition, written out here the slow way: canonical JSON
// by JSON.stringify when the value is already in canonical order (as JSON.parse leaves stored text), and
// chainHash by one-shot hashing in a reused buffer. Both must give exactly the definition's bytes.
import { createHash } from 'node:crypto';
import t from 'tap';
import { GENESIS_HASH, canonicalJson, chainHash, type Json } from '../../src/index.js';

/** The definition (README "Hash chain"): keys sorted by UTF-16 code units, JSON.stringify for the rest. */
function definition(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(definition).join(',')}]`;
  return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${definition(value[k] as Json)}`).join(',')}}`;
}

const values: Record<string, Json> = {
  'keys out of order': { zebra: 1, apple: { b: [1, { d: 2, c: 3 }], a: null } },
  'keys in order': { apple: { a: null, b: [1, { c: 3, d: 2 }] }, zebra: 1 },
  'integer-like keys (the engine lists them first, numerically; canonical order is textual)': { '2': 'b', '10': 'a', x: { '9': 1, '10': 2 } },
  'only integer-like keys in textual order': { '1': 'a', '10': 'b', '2': 'c' },
  'non-ASCII and astral keys and strings': { 'é': '法律援助', 'Z': '😀', 'a\u2028': 'line\u2028sep', '😀': ['tab\t"q"\\'] },
  'numbers printed in exponent form': { n: [0, -0, 1e21, 1.5e-7, 5e-324, 1.7976931348623157e308, 0.1 + 0.2] },
  'empty things and scalars': { a: [], b: {}, c: '', d: false, e: [[], [{}]] },
  'a key with undefined (left out)': { b: 1, a: undefined as unknown as Json, c: 2 },
  'a scalar': '法律援助 13812345678',
  'null': null,
  'an array of objects out of order': [{ b: 1, a: 2 }, { a: 1, b: 2 }],
  // Out of order, so rewritten: the copy in sorted order must not lose these keys (a plain object's
  // "__proto__" is its prototype) nor let the engine list them first (index-like keys).
  'a key named __proto__, out of order (as JSON.parse leaves it: an own key)': JSON.parse('{"z":1,"__proto__":{"b":1,"a":2},"a":[{"y":0,"x":1}]}') as Json,
  'a large integer-like key, out of order': { z: 1, '4294967295': 'not an array index', '4294967294': 'an array index', a: 2 },
  'index-like keys deep inside an out-of-order object': { b: [{ d: 1, c: { '3': 1, '12': 2 } }], a: 0 },
};

t.test('canonicalJson is the definition, parsed back (stored text) or as built (appends)', async (t) => {
  for (const [name, value] of Object.entries(values)) {
    const expected = definition(value);
    t.equal(canonicalJson(value), expected, `${name}: as built`);
    t.equal(canonicalJson(JSON.parse(expected) as Json), expected, `${name}: parsed from its canonical text`);
    t.equal(canonicalJson(JSON.parse(JSON.stringify(value)) as Json), expected, `${name}: parsed from non-canonical text`);
  }
  const bare = Object.assign(Object.create(null) as Record<string, Json>, { b: 1, a: 2 });
  t.equal(canonicalJson(bare), '{"a":2,"b":1}', 'an object without a prototype, out of order');
});

t.test('chainHash is SHA-256(previous hash bytes ‖ UTF-8 content)', async (t) => {
  const reference = (previous: string, content: string) => createHash('sha256').update(Buffer.from(previous, 'hex')).update(content, 'utf8').digest('hex');
  const contents = ['', 'v1\nstream-1\n0\nid\nType\n{}\n{}', '法律援助 😀 '.repeat(10), 'x'.repeat(70_000), '你'.repeat(30_000), 'after the large ones'];
  let previous = GENESIS_HASH;
  for (const content of contents) {
    const hash = chainHash(previous, content);
    t.equal(hash, reference(previous, content), `${content.length} UTF-16 units`);
    previous = hash;
  }
  t.equal(chainHash(previous.toUpperCase(), 'upper-case hex'), reference(previous, 'upper-case hex'), 'the previous hash in upper-case hex');
  t.equal(chainHash('not hex at all', 'c'), reference('not hex at all', 'c'), 'a previous hash that is not hex is read as Buffer.from reads it');
  t.equal(chainHash(previous.slice(0, 10), 'c'), reference(previous.slice(0, 10), 'c'), 'a short previous hash likewise');
});
