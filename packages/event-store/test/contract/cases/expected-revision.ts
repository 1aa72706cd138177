import { WrongExpectedRevisionError } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { collect, newEvent, range, streamExists, thrownBy, uniqueCategory, type TapTest } from '../support.js';

/** The revision of a stream's last event, -1n when it has none. */
async function lastRevision(store: import('../../../src/index.js').EventStore, stream: string): Promise<bigint> {
  const [last] = await collect(store.readStream(stream, { direction: 'backwards', maxCount: 1 }));
  return last?.revision ?? -1n;
}

export function expectedRevisionCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('expected revision: no_stream, stream_exists, exact and any', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory();
    const stream = `${category}-1`;

    // no_stream twice: the second fails with the actual revision
    await store.appendToStream(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });
    const again = await thrownBy(store.appendToStream(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' }));
    t.ok(again instanceof WrongExpectedRevisionError, 'second no_stream fails');
    t.equal(again instanceof WrongExpectedRevisionError ? again.actualRevision : undefined, 0n, 'actual revision 0');

    // stream_exists on a missing stream fails with -1n and creates nothing
    const missing = `${category}-2`;
    const exists = await thrownBy(store.appendToStream(missing, [newEvent('Noted')], { expectedRevision: 'stream_exists' }));
    t.ok(exists instanceof WrongExpectedRevisionError, 'stream_exists on a missing stream fails');
    t.equal(exists instanceof WrongExpectedRevisionError ? exists.actualRevision : undefined, -1n, 'actual revision -1n');
    t.notOk(await streamExists(store, missing), 'nothing written');

    // an exact revision on a missing stream fails with -1n too
    const exactMissing = await thrownBy(store.appendToStream(missing, [newEvent('Noted')], { expectedRevision: 0n }));
    t.equal(exactMissing instanceof WrongExpectedRevisionError ? exactMissing.actualRevision : undefined, -1n);

    // stream_exists and exact on an existing stream
    const appended = await store.appendToStream(stream, [newEvent('Noted')], { expectedRevision: 'stream_exists' });
    t.equal(appended.nextExpectedRevision, 1n);
    const stale = await thrownBy(store.appendToStream(stream, [newEvent('Noted')], { expectedRevision: 0n }));
    t.ok(stale instanceof WrongExpectedRevisionError, 'stale exact revision fails');
    t.equal(stale instanceof WrongExpectedRevisionError ? stale.actualRevision : undefined, 1n, 'and carries the actual revision');
    t.equal((await store.appendToStream(stream, [newEvent('Noted')], { expectedRevision: 1n })).nextExpectedRevision, 2n);

    // any always succeeds, on a new stream and an existing one
    t.equal((await store.appendToStream(stream, [newEvent('Noted')], { expectedRevision: 'any' })).nextExpectedRevision, 3n);
    t.equal((await store.appendToStream(`${category}-3`, [newEvent('Noted')])).nextExpectedRevision, 0n, 'any is the default');
    t.same((await collect(store.readStream(stream))).map((e) => e.revision), [0n, 1n, 2n, 3n], 'only the successful appends are stored');
  });

  t.test('32 concurrent appenders with the revision they read: exactly one wins each round', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const stream = `${uniqueCategory()}-1`;
    const rounds = 6;
    const appenders = 32;
    await store.appendToStream(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });
    const winners: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // each appender reads the stream's revision, then all append at once with what they read
      const read = await Promise.all(range(appenders).map(() => lastRevision(store, stream)));
      const batches = range(appenders).map((i) => [newEvent('Raced', { round, appender: i })]);
      const outcomes = await Promise.allSettled(
        range(appenders).map((i) => store.appendToStream(stream, batches[i] ?? [], { expectedRevision: read[i] ?? -1n })),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      t.equal(won.length, 1, `round ${round}: exactly one appender wins`);
      const winner = won[0] ?? 0;
      winners.push(batches[winner]?.[0]?.id ?? '');
      const expectedActual = BigInt(round + 1);
      const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      t.ok(
        losers.every((o) => o.reason instanceof WrongExpectedRevisionError && o.reason.actualRevision === expectedActual),
        `round ${round}: the ${losers.length} others get WrongExpectedRevisionError with actual revision ${expectedActual}`,
      );
    }
    const stored = await collect(store.readStream(stream));
    t.same(stored.map((e) => e.revision), range(rounds + 1).map(BigInt), 'contiguous revisions');
    t.equal(new Set(stored.map((e) => e.id)).size, stored.length, 'no duplicate event');
    t.same(stored.slice(1).map((e) => e.id), winners, 'the winners, in round order');
  });
}
