import { InvalidEventStoreInputError, StreamNotFoundError } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { collect, newEvent, range, thrownBy, uniqueCategory, type TapTest } from '../support.js';

export function readStreamCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('readStream reads forwards and backwards, from a revision, at most maxCount', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const stream = `${uniqueCategory()}-1`;
    const events = range(10).map((i) => newEvent('Counted', { i }));
    // given three appends
    const first = await store.appendToStream(stream, events.slice(0, 3), { expectedRevision: 'no_stream' });
    t.equal(first.nextExpectedRevision, 2n, 'the first append ends at revision 2');
    await store.appendToStream(stream, events.slice(3, 4), { expectedRevision: 2n });
    const last = await store.appendToStream(stream, events.slice(4), { expectedRevision: 3n });
    t.equal(last.nextExpectedRevision, 9n);

    // then
    const forwards = await collect(store.readStream(stream));
    t.same(forwards.map((e) => e.id), events.map((e) => e.id), 'forwards: every event in append order');
    t.same(forwards.map((e) => e.revision), range(10).map(BigInt), 'revisions 0..9');
    t.same(forwards[4]?.data, { i: 4 });
    t.equal(forwards[0]?.streamName, stream);
    t.ok(forwards[0]?.recordedAt instanceof Date, 'recordedAt is a Date');

    const window = await collect(store.readStream(stream, { fromRevision: 3n, maxCount: 4 }));
    t.same(window.map((e) => e.revision), [3n, 4n, 5n, 6n], 'from revision 3, four events');

    const backwards = await collect(store.readStream(stream, { direction: 'backwards' }));
    t.same(backwards.map((e) => e.revision), range(10).reverse().map(BigInt), 'backwards from the end');

    const lastTwo = await collect(store.readStream(stream, { direction: 'backwards', fromRevision: 5n, maxCount: 2 }));
    t.same(lastTwo.map((e) => e.revision), [5n, 4n], 'backwards from revision 5, two events');

    const latest = await collect(store.readStream(stream, { direction: 'backwards', maxCount: 1 }));
    t.same(latest.map((e) => e.revision), [9n], 'the last event alone');

    t.same(await collect(store.readStream(stream, { fromRevision: 10n })), [], 'past the end: nothing, no error');
  });

  t.test('readStream of a stream that does not exist throws StreamNotFoundError', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const stream = `${uniqueCategory()}-missing`;
    const error = await thrownBy(collect(store.readStream(stream)));
    t.ok(error instanceof StreamNotFoundError, 'StreamNotFoundError');
    t.equal(error instanceof StreamNotFoundError ? error.streamName : undefined, stream);
    const backwards = await thrownBy(collect(store.readStream(stream, { direction: 'backwards' })));
    t.ok(backwards instanceof StreamNotFoundError, 'backwards too');
  });

  t.test('readStream of a name no store can hold: empty or long is not found, a NUL is invalid input', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    t.ok((await thrownBy(collect(store.readStream('')))) instanceof StreamNotFoundError, 'empty name: StreamNotFoundError');
    t.ok((await thrownBy(collect(store.readStream('x'.repeat(201))))) instanceof StreamNotFoundError, '201 characters: StreamNotFoundError');
    const nul = await thrownBy(collect(store.readStream('order-\u0000')));
    t.ok(nul instanceof InvalidEventStoreInputError && nul.field === 'streamName', 'a NUL: InvalidEventStoreInputError on streamName');
  });
}
