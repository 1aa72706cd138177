// The four expected-revision kinds raced by 32 writers on one stream: exactly the outcomes the kind
// allows, nothing lost, nothing doubled, the hash chain intact.
import { verifyStreamChain } from '../../../src/index.js';
import type { EventStore, ExpectedRevision } from '../../../src/index.js';
import { collect, newEvent, range, streamExists, uniqueCategory, type TapTest } from '../support.js';
import type { MakeRaceArrangement, RaceOutcome } from './arrangement.js';

const WRITERS = 32;

export const kinds = (outcomes: readonly RaceOutcome[]) => {
  const count = new Map<string, number>();
  for (const o of outcomes) count.set(o.kind, (count.get(o.kind) ?? 0) + 1);
  return Object.fromEntries([...count].sort(([a], [b]) => a.localeCompare(b)));
};
export const errorsOf = (outcomes: readonly RaceOutcome[]) => outcomes.flatMap((o) => (o.kind === 'error' ? [`${o.name}: ${o.message}`] : []));

async function chainIntact(t: TapTest, store: EventStore, stream: string, events: number): Promise<void> {
  t.same(await verifyStreamChain(store.readStream(stream)), { intact: true, events, lastHash: (await collect(store.readStream(stream))).at(-1)?.hash }, `${stream}: chain intact over ${events} events`);
}

export function expectedRevisionRaces(t: TapTest, makeArrangement: MakeRaceArrangement): void {
  t.test('race: no_stream, 32 different first events: one creator, 31 refused with the actual revision', async (t) => {
    const { store, race } = await makeArrangement();
    const category = uniqueCategory('rnostream');
    for (const round of range(3)) {
      const stream = `${category}-${round}`;
      const batches = range(WRITERS).map((i) => [newEvent('Opened', { i })]);
      const outcomes = await race(batches.map((events) => ({ stream, events, expected: 'no_stream' as const })));
      t.same(kinds(outcomes), { written: 1, wrong_expected_revision: WRITERS - 1 }, `round ${round}: one written, the others refused`, { errors: errorsOf(outcomes) });
      t.ok(outcomes.every((o) => o.kind !== 'wrong_expected_revision' || o.actualRevision === 0n), `round ${round}: each refusal carries actual revision 0`);
      const winner = outcomes.findIndex((o) => o.kind === 'written');
      const stored = await collect(store.readStream(stream));
      t.same(stored.map((e) => e.id), [batches[winner]?.[0]?.id], `round ${round}: the stream holds the creator's event only`);
      await chainIntact(t, store, stream, 1);
    }
  });

  t.test('race: no_stream, the same events 32 times (a redelivered dispatch): one written, 31 idempotent, no error', async (t) => {
    const { store, race } = await makeArrangement();
    const category = uniqueCategory('rredeliver');
    for (const round of range(3)) {
      const stream = `${category}-${round}`;
      const batch = [newEvent('WorkOrderDispatched', { round }), newEvent('Noted', { round })];
      const outcomes = await race(range(WRITERS).map(() => ({ stream, events: batch.map((e) => ({ ...e })), expected: 'no_stream' as const })));
      t.same(kinds(outcomes), { idempotent: WRITERS - 1, written: 1 }, `round ${round}: exactly one written: true, the rest written: false`, { errors: errorsOf(outcomes) });
      const results = new Set(outcomes.map((o) => (o.kind === 'written' || o.kind === 'idempotent' ? `${o.nextExpectedRevision}@${o.position.commit}.${o.position.prepare}` : o.kind)));
      t.equal(results.size, 1, `round ${round}: every call reports the same revision and position`);
      t.same((await collect(store.readStream(stream))).map((e) => e.id), batch.map((e) => e.id), `round ${round}: one copy of the batch`);
      await chainIntact(t, store, stream, 2);
    }
  });

  t.test('race: stream_exists on an existing stream: every append written, revisions contiguous', async (t) => {
    const { store, race } = await makeArrangement();
    const stream = `${uniqueCategory('rexists')}-1`;
    await store.appendToStream(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });
    const batches = range(WRITERS).map((i) => range(1 + (i % 3)).map((j) => newEvent('Noted', { i, j })));
    const outcomes = await race(batches.map((events) => ({ stream, events, expected: 'stream_exists' as const })));
    t.same(kinds(outcomes), { written: WRITERS }, 'all written', { errors: errorsOf(outcomes) });
    await contiguous(t, store, stream, 1, batches, outcomes);
  });

  t.test('race: stream_exists on a missing stream: every append refused, no stream created', async (t) => {
    const { store, race } = await makeArrangement();
    const stream = `${uniqueCategory('rmissing')}-1`;
    const outcomes = await race(range(WRITERS).map((i) => ({ stream, events: [newEvent('Noted', { i })], expected: 'stream_exists' as const })));
    t.same(kinds(outcomes), { wrong_expected_revision: WRITERS }, 'all refused', { errors: errorsOf(outcomes) });
    t.ok(outcomes.every((o) => o.kind === 'wrong_expected_revision' && o.actualRevision === -1n), 'each with actual revision -1');
    t.notOk(await streamExists(store, stream), 'no stream');
  });

  t.test('race: an exact revision, 6 rounds of 32: one winner per round, the others told the winner\'s revision', async (t) => {
    const { store, race } = await makeArrangement();
    const stream = `${uniqueCategory('rexact')}-1`;
    await store.appendToStream(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });
    const winners: string[] = [];
    for (const round of range(6)) {
      const expected: ExpectedRevision = BigInt(round);
      const batches = range(WRITERS).map((i) => [newEvent('Raced', { round, i })]);
      const outcomes = await race(batches.map((events) => ({ stream, events, expected })));
      t.same(kinds(outcomes), { written: 1, wrong_expected_revision: WRITERS - 1 }, `round ${round}: one winner`, { errors: errorsOf(outcomes) });
      t.ok(outcomes.every((o) => o.kind !== 'wrong_expected_revision' || o.actualRevision === BigInt(round + 1)), `round ${round}: losers told revision ${round + 1}`);
      winners.push(batches[outcomes.findIndex((o) => o.kind === 'written')]?.[0]?.id ?? '');
    }
    const stored = await collect(store.readStream(stream));
    t.same(stored.slice(1).map((e) => e.id), winners, 'the winners, in round order, nothing else');
    await chainIntact(t, store, stream, 7);
  });

  t.test('race: any, 32 writers on one stream: all written, revisions contiguous', async (t) => {
    const { store, race } = await makeArrangement();
    const stream = `${uniqueCategory('rany')}-1`;
    const batches = range(WRITERS).map((i) => range(1 + (i % 4)).map((j) => newEvent('Noted', { i, j })));
    const outcomes = await race(batches.map((events) => ({ stream, events, expected: 'any' as const })));
    t.same(kinds(outcomes), { written: WRITERS }, 'all written', { errors: errorsOf(outcomes) });
    await contiguous(t, store, stream, 0, batches, outcomes);
  });
}

/** Each written batch sits, whole and in order, at the revisions its result names; the batches tile the stream. */
async function contiguous(t: TapTest, store: EventStore, stream: string, before: number, batches: ReadonlyArray<ReadonlyArray<{ id: string }>>, outcomes: readonly RaceOutcome[]): Promise<void> {
  const stored = await collect(store.readStream(stream));
  const total = before + batches.reduce((n, b) => n + b.length, 0);
  t.same(stored.map((e) => e.revision), range(total).map(BigInt), `${total} events, revisions 0..${total - 1}`);
  t.equal(new Set(stored.map((e) => e.id)).size, total, 'no event twice');
  const placed = batches.every((batch, i) => {
    const o = outcomes[i];
    if (o?.kind !== 'written') return false;
    const first = Number(o.nextExpectedRevision) - batch.length + 1;
    return batch.every((e, j) => stored[first + j]?.id === e.id);
  });
  t.ok(placed, 'every batch whole and in order at the revisions its result names');
  t.same(await verifyStreamChain(store.readStream(stream)), { intact: true, events: total, lastHash: stored.at(-1)?.hash }, 'chain intact');
}
