import { canonicalJson, verifyStreamChain } from '../../../src/index.js';
import type { Json, JsonObject } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { collect, newEvent, range, uniqueCategory, type TapTest } from '../support.js';

// Values whose text could change on the way through a database: numbers that print in exponent
// form, the extremes of doubles, and strings outside ASCII (BMP, astral, separators, controls).
const AWKWARD_DATA: Json = {
  numbers: [0, -0, 1, -1, 0.1 + 0.2, 1e21, 1.5e-7, 2 ** 53 - 1, -(2 ** 53) + 1, 5e-324, 1.7976931348623157e308, 123456789.123456789],
  strings: ['ü', '法律援助', '😀 emoji', 'line\u2028separator', 'tab\tquote"backslash\\', '\u0001control', '\u007f', ''],
  'Zebra': true,
  'apple': null,
  'é': { nested: [[], {}, [{ b: 1, a: 2 }]] },
  '😀': 'astral key',
  '10': 'numeric-looking key',
  '2': 'sorts after 10 as text',
};
const AWKWARD_METADATA: JsonObject = { correlationId: 'c-1', note: 'Grüße, 你好', amount: 12.5 };

export function hashChainCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('data and metadata round-trip to the same canonical JSON', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const stream = `${uniqueCategory()}-1`;
    await store.appendToStream(stream, [newEvent('Awkward', AWKWARD_DATA, AWKWARD_METADATA), newEvent('Scalar', 'just a string'), newEvent('Null', null)]);
    const [awkward, scalar, nothing] = await collect(store.readStream(stream));
    t.equal(canonicalJson(awkward?.data ?? 'missing'), canonicalJson(AWKWARD_DATA), 'data: same canonical JSON');
    t.equal(canonicalJson(awkward?.metadata ?? {}), canonicalJson(AWKWARD_METADATA), 'metadata: same canonical JSON');
    t.equal(scalar?.data, 'just a string', 'a string as data');
    t.equal(nothing?.data, null, 'null as data');
    t.same(await verifyStreamChain(store.readStream(stream)), { intact: true, events: 3, lastHash: nothing?.hash }, 'the chain verifies');
  });

  t.test('hash chain: a fresh read verifies; a tampered event breaks it at that revision', async (t) => {
    const { store, close, tamper } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory('chain');
    const stream = `${category}-1`;
    // appends of several sizes, and with `any`, all continue one chain
    await store.appendToStream(stream, [newEvent('Opened', { n: 0 })], { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, range(3).map((i) => newEvent('Noted', { n: i + 1 })));
    await store.appendToStream(stream, [newEvent('Noted', { n: 4 })], { expectedRevision: 3n });
    const events = await collect(store.readStream(stream));
    const verdict = await verifyStreamChain(events);
    t.same(verdict, { intact: true, events: 5, lastHash: events[4]?.hash }, 'intact, ending at the last stored hash');
    t.match(events[0]?.hash, /^[0-9a-f]{64}$/, 'hashes are hex SHA-256');
    t.equal(new Set(events.map((e) => e.hash)).size, 5, 'every link differs');
    // a stream with the same events' content elsewhere has other hashes: the stream name is hashed
    const twin = `${category}-2`;
    await store.appendToStream(twin, [{ ...newEvent('Opened', { n: 0 }) }]);
    const [twinFirst] = await collect(store.readStream(twin));
    t.not(twinFirst?.hash, events[0]?.hash, 'the stream name is part of the hash');

    if (tamper === undefined) {
      t.comment('this adapter cannot change stored events behind its back: tamper check not applicable');
      return;
    }
    await tamper(stream, 2n);
    t.same(await verifyStreamChain(store.readStream(stream)), { intact: false, events: 2, brokenAt: 2n, reason: 'hash_mismatch' }, 'tampering shows at revision 2');
  });
}
