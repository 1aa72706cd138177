// Idempotent retries raced: the same event ids sent by several writers (other processes in the
// four-process arrangement) at once, and again after other writers have appended to the stream.
// For each batch exactly one call says written: true; every other call returns its result with
// written: false; nothing is stored twice.
import { verifyStreamChain } from '../../../src/index.js';
import type { ExpectedRevision } from '../../../src/index.js';
import { collect, newEvent, range, readCategoryUntil, uniqueCategory, type TapTest } from '../support.js';
import type { MakeRaceArrangement, RaceAppend, RaceOutcome } from './arrangement.js';
import { errorsOf, kinds } from './expected-revision.js';

const resultOf = (o: RaceOutcome | undefined) => (o?.kind === 'written' || o?.kind === 'idempotent' ? `${o.nextExpectedRevision}@${o.position.commit}.${o.position.prepare}` : o?.kind);

export function idempotencyRaces(t: TapTest, makeArrangement: MakeRaceArrangement): void {
  t.test('race: 8 batches each sent by 4 writers at once, then retried by all after others appended', async (t) => {
    const { store, race } = await makeArrangement();
    const stream = `${uniqueCategory('rretry')}-1`;
    await store.appendToStream(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });

    // when 8 batches are each sent by 4 writers at once (one per instance where there are 4)
    const batches = range(8).map((b) => range(1 + (b % 3)).map((j) => newEvent('Retried', { b, j })));
    const sends: RaceAppend[] = batches.flatMap((events, b) => range(4).map((w) => ({ stream, events, expected: 'any' as const, writer: w + b })));
    const first = await race(sends);
    t.same(kinds(first), { idempotent: 24, written: 8 }, 'no error', { errors: errorsOf(first) });
    const original = batches.map((_, b) => {
      const mine = first.filter((_, i) => Math.floor(i / 4) === b);
      t.equal(mine.filter((o) => o.kind === 'written').length, 1, `batch ${b}: exactly one call says written: true`);
      t.equal(new Set(mine.map(resultOf)).size, 1, `batch ${b}: all four report the same revision and position`);
      return mine[0];
    });

    // and again, each by every writer and with every guard that names its place, while others append
    const revisionBefore = (b: number) => {
      const o = original[b];
      return o?.kind === 'written' || o?.kind === 'idempotent' ? o.nextExpectedRevision - BigInt(batches[b]?.length ?? 0) : -2n;
    };
    const others = range(16).map((i) => [newEvent('Other', { i })]);
    const guards = (b: number): ExpectedRevision[] => ['any', 'stream_exists', revisionBefore(b)];
    const retries: RaceAppend[] = batches.flatMap((events, b) => guards(b).flatMap((expected) => range(4).map((w) => ({ stream, events, expected, writer: w }))));
    const second = await race([...others.map((events, i) => ({ stream, events, expected: 'any' as const, writer: i })), ...retries]);
    t.same(kinds(second.slice(0, 16)), { written: 16 }, 'the other writers: all written', { errors: errorsOf(second) });
    const retried = second.slice(16);
    t.same(kinds(retried), { idempotent: retries.length }, `all ${retries.length} retries: written: false, no error`, { errors: errorsOf(retried) });
    t.ok(retried.every((o, i) => resultOf(o) === resultOf(original[Math.floor(i / 12)])), "each retry returns its batch's original revision and position");

    // then every batch is stored once, and a late retry with no_stream is refused (the batch is not at revision 0)
    const stored = await collect(store.readStream(stream));
    const expectedIds = [...batches.flat(), ...others.flat()].map((e) => e.id);
    t.equal(stored.length, 1 + expectedIds.length, 'one copy of everything');
    t.same(new Set(stored.slice(1).map((e) => e.id)), new Set(expectedIds), 'every event, once');
    t.equal((await verifyStreamChain(store.readStream(stream))).intact, true, 'chain intact');
  });

  t.test('race: a first event written with no_stream, retried with no_stream by 32 writers after others appended', async (t) => {
    const { store, race } = await makeArrangement();
    const category = uniqueCategory('rlate');
    for (const round of range(2)) {
      const stream = `${category}-${round}`;
      const batch = [newEvent('WorkOrderDispatched', { round })];
      const [created] = await race([{ stream, events: batch, expected: 'no_stream' }]);
      t.equal(created?.kind, 'written', `round ${round}: created`);
      await store.appendToStream(stream, [newEvent('Noted')], { expectedRevision: 0n });
      const others = range(8).map((i) => ({ stream, events: [newEvent('Noted', { i })], expected: 'any' as const }));
      const retries = range(32).map(() => ({ stream, events: batch, expected: 'no_stream' as const }));
      const outcomes = await race([...others, ...retries]);
      t.same(kinds(outcomes.slice(0, 8)), { written: 8 }, `round ${round}: the others written`, { errors: errorsOf(outcomes) });
      t.same(kinds(outcomes.slice(8)), { idempotent: 32 }, `round ${round}: every retry idempotent, none written or refused`, { errors: errorsOf(outcomes) });
      t.ok(outcomes.slice(8).every((o) => resultOf(o) === resultOf(created)), `round ${round}: with the creator's result`);
      const stored = await collect(store.readStream(stream));
      t.same([stored.length, stored[0]?.id], [10, batch[0]?.id], `round ${round}: the first event once, at revision 0; 10 events`);
    }
  });

  t.test('race: one new event id sent to 32 different streams at once: one stream gets it, 31 refused, no stream created for them', async (t) => {
    const { store, race } = await makeArrangement();
    const category = uniqueCategory('rsameid');
    const event = newEvent('Placed');
    const outcomes = await race(range(32).map((i) => ({ stream: `${category}-${i}`, events: [{ ...event }], expected: 'any' as const })));
    t.same(kinds(outcomes), { error: 31, written: 1 }, 'one written, the others refused', { errors: errorsOf(outcomes).slice(0, 3) });
    t.ok(outcomes.every((o) => o.kind !== 'error' || o.name === 'InvalidEventStoreInputError'), 'each refusal is InvalidEventStoreInputError (duplicate id)');
    const all = await readCategoryUntil(store, category, undefined, 1);
    t.same(all.map((e) => e.id), [event.id], 'the id stored once, in one stream');
  });
}
