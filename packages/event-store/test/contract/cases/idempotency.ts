import { InvalidEventStoreInputError, WrongExpectedRevisionError } from '../../../src/index.js';
import type { ExpectedRevision } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { collect, newEvent, range, streamExists, thrownBy, uniqueCategory, type TapTest } from '../support.js';

export function idempotencyCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('the same batch appended twice in a row is stored once; both calls succeed alike', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory();
    const cases: Array<[string, ExpectedRevision]> = [
      ['no_stream', 'no_stream'],
      ['any', 'any'],
      ['stream_exists', 'stream_exists'],
      ['exact', 0n],
    ];
    for (const [name, expected] of cases) {
      const stream = `${category}-${name}`;
      // exact and stream_exists need an existing stream: give it one event first
      if (expected === 'stream_exists' || typeof expected === 'bigint') await store.appendToStream(stream, [newEvent('Opened')]);
      const batch = range(3).map((i) => newEvent('Retried', { i }));
      const first = await store.appendToStream(stream, batch, { expectedRevision: expected });
      const retry = await store.appendToStream(stream, batch, { expectedRevision: expected });
      t.equal(first.written, true, `${name}: the first call writes`);
      t.same(retry, { ...first, written: false }, `${name}: the retry returns the first call's result, and says it wrote nothing`);
      const stored = await collect(store.readStream(stream));
      t.same(stored.slice(-3).map((e) => e.id), batch.map((e) => e.id), `${name}: one copy of the batch`);
      t.equal(stored.length, typeof expected === 'bigint' || expected === 'stream_exists' ? 4 : 3, `${name}: nothing else`);
      // a retry with `any` also recognises the batch, whatever guard the first call used
      t.same(await store.appendToStream(stream, batch, { expectedRevision: 'any' }), { ...first, written: false }, `${name}: retry with any`);
    }
  });

  t.test('the same batch appended concurrently is stored once; both calls succeed alike', async (t) => {
    const { store, close, concurrentRetryWritesOnce } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory();
    const guards: Array<[string, ExpectedRevision]> = [
      ['no_stream', 'no_stream'],
      ['any', 'any'],
      ['exact', 0n],
    ];
    for (const [name, expected] of guards) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const stream = `${category}-${name}${attempt}`;
        if (typeof expected === 'bigint') await store.appendToStream(stream, [newEvent('Opened')]);
        const batch = range(2).map((i) => newEvent('Raced', { i }));
        const [a, b] = await Promise.all([
          store.appendToStream(stream, batch, { expectedRevision: expected }),
          store.appendToStream(stream, batch, { expectedRevision: expected }),
        ]);
        t.same({ ...a, written: undefined }, { ...b, written: undefined }, `${name} #${attempt}: same result`);
        if (concurrentRetryWritesOnce === true) t.ok(a.written !== b.written, `${name} #${attempt}: exactly one of them says it wrote`);
        else t.ok(a.written || b.written, `${name} #${attempt}: one of them says it wrote`);
        const stored = await collect(store.readStream(stream));
        t.equal(stored.filter((e) => batch.some((x) => x.id === e.id)).length, 2, `${name} #${attempt}: one copy`);
      }
    }
  });

  t.test('event ids: used in another stream, or partly retried, is refused and writes nothing', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory();
    const taken = newEvent('Taken');
    await store.appendToStream(`${category}-1`, [taken, newEvent('Other')]);

    // the id already lives in another stream
    const elsewhere = `${category}-2`;
    const error = await thrownBy(store.appendToStream(elsewhere, [newEvent('Fresh'), taken]));
    t.ok(error instanceof InvalidEventStoreInputError, 'InvalidEventStoreInputError');
    t.equal(error instanceof InvalidEventStoreInputError ? error.field : undefined, 'events[1].id', 'names the duplicate id');
    t.notOk(await streamExists(store, elsewhere), 'nothing written');

    // same, into an existing stream
    await store.appendToStream(elsewhere, [newEvent('Opened')]);
    const intoExisting = await thrownBy(store.appendToStream(elsewhere, [taken]));
    t.ok(intoExisting instanceof InvalidEventStoreInputError, 'refused for an existing stream too');
    t.equal((await collect(store.readStream(elsewhere))).length, 1, 'still one event');

    // part of a batch already appended, in the same stream: not a retry, so refused
    const own = `${category}-3`;
    const batch = [newEvent('A'), newEvent('B')];
    await store.appendToStream(own, batch);
    const partial = await thrownBy(store.appendToStream(own, [batch[1] ?? newEvent('B'), newEvent('C')]));
    t.ok(partial instanceof InvalidEventStoreInputError, 'a batch overlapping stored events is refused');
    // a "retry" naming another place (revision 0n, the batch sits at 0..1) fails its guard
    const moved = await thrownBy(store.appendToStream(own, batch, { expectedRevision: 0n }));
    t.ok(moved instanceof WrongExpectedRevisionError, 'a retry that names another place fails its guard');
    t.equal((await collect(store.readStream(own))).length, 2, 'nothing added');
  });
}
