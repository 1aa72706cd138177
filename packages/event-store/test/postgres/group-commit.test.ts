// Group commit: appends that wait together go in one transaction, and each keeps the outcome it would
// have had alone. With maxInFlight 1, appends handed in during one tick make a batch: the first goes
// alone, the rest wait for it and leave together (they then share one transaction id).
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { AppendsRefusedError, InvalidEventStoreInputError, StreamNotFoundError, verifyStreamChain, WrongExpectedRevisionError, type AppendResult, type EventToAppend } from '../../src/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { collect, newEvent, type TapTest, thrownBy } from '../contract/support.js';
import { untilWaitingOnLock } from './lock-wait.js';

const url = await freshDatabase(t);
const plain = (type: string, data = {}): EventToAppend => ({ type, data });

async function oneBatchStore(t: TapTest) {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4, groupCommit: { maxInFlight: 1 } });
  t.teardown(() => store.close());
  return store;
}

// The group commit settles its bookkeeping just after its callers resume: let it, so the next append
// finds it idle and goes alone.
const idle = () => new Promise((resolve) => setImmediate(resolve));
const settle = <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

t.test('a batch of appends to existing streams: one transaction, each its own outcome', async (t) => {
  const store = await oneBatchStore(t);
  for (const s of ['gc-a', 'gc-b', 'gc-c']) await store.appendToStream(s, [plain('Opened')]);
  await idle();
  const [first, ...batch] = await Promise.all([
    settle(store.appendToStream('gc-a', [plain('Noted', { n: 0 })])),
    settle(store.appendToStream('gc-c', [plain('Noted', { n: 1 })], { expectedRevision: 0n })),
    settle(store.appendToStream('gc-b', [plain('Noted', { n: 2 })], { expectedRevision: 7n })),
    settle(store.appendToStream('gc-a', [plain('Noted', { n: 3 }), plain('Noted', { n: 4 })], { expectedRevision: 1n })),
    settle(store.appendToStream('gc-a', [plain('Noted', { n: 5 })], { expectedRevision: 1n })),
    settle(store.appendToStream('gc-b', [plain('Noted', { n: 6 })], { expectedRevision: 'stream_exists' })),
  ]);
  t.ok(first && 'value' in first, 'the first append went alone');
  const [c, bWrong, aTwo, aStale, bExists] = batch;
  const value = (r: typeof c) => (r && 'value' in r ? (r.value as AppendResult) : undefined);
  t.equal(value(c)?.nextExpectedRevision, 1n, 'exact revision on gc-c: appended');
  const wrong = bWrong && 'error' in bWrong ? bWrong.error : undefined;
  t.ok(wrong instanceof WrongExpectedRevisionError && wrong.actualRevision === 0n, 'wrong revision on gc-b: refused, with the actual revision');
  t.equal(value(aTwo)?.nextExpectedRevision, 3n, 'two events to gc-a after the lone append: revisions 2 and 3');
  const stale = aStale && 'error' in aStale ? aStale.error : undefined;
  t.ok(stale instanceof WrongExpectedRevisionError && stale.actualRevision === 3n, 'the second append to gc-a at revision 1 sees the batch-mate before it');
  t.equal(value(bExists)?.nextExpectedRevision, 1n, 'stream_exists on gc-b: appended after the refused one wrote nothing');

  const commits = new Set([c, aTwo, bExists].map((r) => value(r)?.position.commit));
  t.equal(commits.size, 1, 'the batch shares one transaction');
  t.not(value(first as typeof c)?.position.commit, [...commits][0], 'the lone append had its own');

  const a = await collect(store.readStream('gc-a'));
  t.same(a.map((e) => (e.data as { n?: number }).n), [undefined, 0, 3, 4], 'gc-a holds exactly the appended events, in order');
  t.same((await collect(store.readStream('gc-b'))).map((e) => (e.data as { n?: number }).n), [undefined, 6], 'gc-b holds nothing of the refused append');
  for (const s of ['gc-a', 'gc-b', 'gc-c']) {
    t.equal((await verifyStreamChain(store.readStream(s))).intact, true, `${s}: the hash chain verifies`);
  }
  const positions = [aTwo, c, bExists].map((r) => value(r)?.position.prepare ?? 0n);
  t.equal(new Set(positions).size, 3, 'each append reports the position of its own last event');
});

t.test('a batch that creates streams, retries and reuses ids keeps every rule', async (t) => {
  const store = await oneBatchStore(t);
  await store.appendToStream('gc-old', [plain('Opened')]);
  const retried = newEvent('Placed');
  const taken = newEvent('Placed');
  await store.appendToStream('gc-taken', [taken]);
  const results = await Promise.all([
    settle(store.appendToStream('gc-old', [plain('Noted')])),
    settle(store.appendToStream('gc-new', [retried], { expectedRevision: 'no_stream' })),
    settle(store.appendToStream('gc-new', [retried], { expectedRevision: 'no_stream' })),
    settle(store.appendToStream('gc-new2', [plain('Placed')], { expectedRevision: 'stream_exists' })),
    settle(store.appendToStream('gc-other', [{ ...taken }])),
    settle(store.appendToStream('gc-old', [plain('Noted')], { expectedRevision: 1n })),
  ]);
  const [, created, retry, missing, reused, old] = results;
  t.ok(created && 'value' in created && created.value.nextExpectedRevision === 0n && created.value.written, 'no_stream creates the stream');
  t.ok(retry && 'value' in retry && retry.value.nextExpectedRevision === 0n && !retry.value.written, 'the same ids again: idempotent success, not written');
  t.ok(missing && 'error' in missing && missing.error instanceof WrongExpectedRevisionError, 'stream_exists on a missing stream: refused');
  t.ok(reused && 'error' in reused && reused.error instanceof InvalidEventStoreInputError, 'an id stored in another stream: refused');
  t.ok(old && 'value' in old && old.value.nextExpectedRevision === 2n, 'and the ordinary append beside them: appended');
  t.equal((await collect(store.readStream('gc-new'))).length, 1, 'one copy of the retried event');
  t.equal((await store.pool.query("select count(*)::int as n from event_store.streams where stream_name in ('gc-new2', 'gc-other')")).rows[0]?.n, 0, 'no stream row for the refused appends');
});

t.test('a batch of new streams with fresh caller ids goes set-wise, and decides each guard as alone', async (t) => {
  const store = await oneBatchStore(t);
  await store.appendToStream('gc-s-old', [plain('Opened')]);
  await idle();
  const [, ...batch] = await Promise.all([
    settle(store.appendToStream('gc-s-warmup', [plain('Opened')])),
    settle(store.appendToStream('gc-s-a', [newEvent('Placed'), newEvent('Noted')], { expectedRevision: 'no_stream' })),
    settle(store.appendToStream('gc-s-a', [newEvent('Noted')], { expectedRevision: 'no_stream' })),
    settle(store.appendToStream('gc-s-a', [newEvent('Noted')], { expectedRevision: 1n })),
    settle(store.appendToStream('gc-s-b', [newEvent('Placed')])),
    settle(store.appendToStream('gc-s-c', [newEvent('Placed')], { expectedRevision: 'stream_exists' })),
    settle(store.appendToStream('gc-s-d', [newEvent('Placed')], { expectedRevision: 0n })),
    settle(store.appendToStream('gc-s-old', [newEvent('Noted')], { expectedRevision: 'no_stream' })),
    settle(store.appendToStream('gc-s-old', [newEvent('Noted')], { expectedRevision: 0n })),
  ]);
  const value = (r: (typeof batch)[number] | undefined) => (r && 'value' in r ? r.value : undefined);
  const actual = (r: (typeof batch)[number] | undefined) =>
    r && 'error' in r && r.error instanceof WrongExpectedRevisionError ? r.error.actualRevision : 'not refused';
  const [aNew, aAgain, aNext, bAny, cExists, dExact, oldNoStream, oldExact] = batch;
  t.equal(value(aNew)?.nextExpectedRevision, 1n, 'no_stream on a new stream: created with both events');
  t.equal(actual(aAgain), 1n, 'no_stream again in the same batch: refused, the stream now at revision 1');
  t.equal(value(aNext)?.nextExpectedRevision, 2n, 'the exact revision after the batch-mate: appended');
  t.equal(value(bAny)?.nextExpectedRevision, 0n, 'any on a new stream: created');
  t.equal(actual(cExists), -1n, 'stream_exists on a missing stream: refused, actual revision -1');
  t.equal(actual(dExact), -1n, 'an exact revision on a missing stream: refused, actual revision -1');
  t.equal(actual(oldNoStream), 0n, 'no_stream on an existing stream: refused with its revision');
  t.equal(value(oldExact)?.nextExpectedRevision, 1n, 'and the exact one beside it: appended');
  t.equal(new Set([aNew, aNext, bAny, oldExact].map((r) => value(r)?.position.commit)).size, 1, 'all in one transaction');
  const rows = await store.pool.query<{ stream_name: string; revision: string }>(
    "select stream_name, revision::text from event_store.streams where stream_name like 'gc-s-%' order by stream_name collate \"C\"",
  );
  t.same(rows.rows.map((r) => `${r.stream_name}@${r.revision}`), ['gc-s-a@2', 'gc-s-b@0', 'gc-s-old@1', 'gc-s-warmup@0'], 'stream rows only for streams written, at their last revision');
  for (const s of ['gc-s-a', 'gc-s-b', 'gc-s-old']) {
    t.equal((await verifyStreamChain(store.readStream(s))).intact, true, `${s}: the hash chain verifies from the zero hash`);
  }
});

t.test('a batch creating a stream that a concurrent transaction creates first: retried alone, guards decided again', async (t) => {
  const store = await oneBatchStore(t);
  await store.appendToStream('gc-t-old', [plain('Opened')]);
  const client = await store.pool.connect();
  await client.query('begin');
  await store.appendToStreamInTransaction(client, 'gc-t-new', [newEvent('Placed')], { expectedRevision: 'no_stream' });
  await idle();
  const pending = Promise.all([
    settle(store.appendToStream('gc-t-old', [plain('Noted')])),
    settle(store.appendToStream('gc-t-new', [newEvent('Placed')], { expectedRevision: 'no_stream' })),
    settle(store.appendToStream('gc-t-new', [newEvent('Noted')], { expectedRevision: 'any' })),
    settle(store.appendToStream('gc-t-old', [plain('Noted')])),
  ]);
  await untilWaitingOnLock(store.pool); // the batch waits for the other transaction's new stream row
  await client.query('commit');
  client.release();
  const [, lost, any, innocent] = await pending;
  t.ok(lost && 'error' in lost && lost.error instanceof WrongExpectedRevisionError && lost.error.actualRevision === 0n, 'no_stream: refused, the other transaction created it');
  t.ok(any && 'value' in any && any.value.nextExpectedRevision === 1n, 'any: appended after the other transaction\'s event');
  t.ok(innocent && 'value' in innocent && innocent.value.nextExpectedRevision === 2n, 'the innocent batch-mate: appended, once');
  t.same((await collect(store.readStream('gc-t-new'))).map((e) => e.type), ['Placed', 'Noted'], 'gc-t-new: the other transaction\'s event, then the batch\'s');
  t.equal((await verifyStreamChain(store.readStream('gc-t-new'))).intact, true, 'its chain verifies');
});

t.test('two appends of one new id to two streams in one batch: the first wins, the second is refused', async (t) => {
  const store = await oneBatchStore(t);
  for (const s of ['gc-x', 'gc-y', 'gc-z']) await store.appendToStream(s, [plain('Opened')]);
  const shared = newEvent('Placed');
  const [, x, y] = await Promise.all([
    settle(store.appendToStream('gc-z', [plain('Noted')])),
    settle(store.appendToStream('gc-x', [shared])),
    settle(store.appendToStream('gc-y', [{ ...shared }])),
  ]);
  t.ok(x && 'value' in x, 'gc-x: appended');
  t.ok(y && 'error' in y && y.error instanceof InvalidEventStoreInputError, 'gc-y: duplicate event id');
  t.equal((await store.pool.query('select count(*)::int as n from event_store.events where event_id = $1', [shared.id])).rows[0]?.n, 1, 'one copy');
});

t.test('a batch that collides with a concurrent transaction is rolled back and retried append by append', async (t) => {
  const store = await oneBatchStore(t);
  for (const s of ['gc-p', 'gc-q', 'gc-r']) await store.appendToStream(s, [plain('Opened')]);
  const contested = newEvent('Placed');
  // given a transaction that wrote the id and has not committed yet
  const client = await store.pool.connect();
  await client.query('begin');
  await store.appendToStreamInTransaction(client, 'gc-p', [contested]);
  // when a batch writes the same id to another stream beside an innocent append: it waits on the unique
  // index, and fails when the holder commits
  const pending = Promise.all([
    settle(store.appendToStream('gc-r', [plain('Noted')])),
    settle(store.appendToStream('gc-q', [{ ...contested }])),
    settle(store.appendToStream('gc-r', [plain('Noted')])),
  ]);
  await untilWaitingOnLock(store.pool); // the batch waits on the unique index for the holder's id
  await client.query('commit');
  client.release();
  const [, clash, innocent] = await pending;
  t.ok(clash && 'error' in clash && clash.error instanceof InvalidEventStoreInputError, 'the append of the contested id: duplicate event id');
  t.ok(innocent && 'value' in innocent && innocent.value.nextExpectedRevision === 2n, 'the innocent batch-mate: appended, once');
  t.same((await collect(store.readStream('gc-r'))).map((e) => e.revision), [0n, 1n, 2n], 'gc-r: no gap, no duplicate');
  t.equal((await collect(store.readStream('gc-q'))).length, 1, 'gc-q: nothing of the refused append');
});

t.test('invalid input is refused before it joins a batch, and close waits for queued appends', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4, groupCommit: { maxInFlight: 1 } });
  const bad = await thrownBy(store.appendToStream('', [plain('Noted')]));
  t.ok(bad instanceof InvalidEventStoreInputError, 'an empty stream name: typed error');
  const appends = Array.from({ length: 20 }, (_, i) => store.appendToStream('gc-closing', [plain('Noted', { i })]));
  await store.close();
  const results = await Promise.all(appends);
  t.equal(results.at(-1)?.nextExpectedRevision, 19n, 'every append handed in before close was written');
});

t.test('group commit off: each append alone', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4, groupCommit: false });
  t.teardown(() => store.close());
  const results = await Promise.all(Array.from({ length: 4 }, () => store.appendToStream('gc-alone', [plain('Noted')])));
  t.equal(new Set(results.map((r) => r.position.commit)).size, 4, 'four transactions');
});

t.test('appendToStreams: many streams in one transaction, each its own outcome; bad input sends nothing', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4 });
  t.teardown(() => store.close());
  await store.appendToStream('many-old', [plain('Opened')]);
  const results = await store.appendToStreams([
    { streamName: 'many-new-1', events: [plain('Opened', { n: 1 }), plain('Noted', { n: 2 })], expectedRevision: 'no_stream' },
    { streamName: 'many-old', events: [plain('Noted', { n: 3 })], expectedRevision: 0n },
    { streamName: 'many-new-2', events: [plain('Opened', { n: 4 })], expectedRevision: 'no_stream' },
  ]);
  t.same(results.map((r) => r.nextExpectedRevision), [1n, 1n, 0n], 'each stream at its own revision, in the order given');
  t.ok(results.every((r) => r.written), 'all written');
  t.equal(new Set(results.map((r) => r.position.commit)).size, 1, 'one transaction');

  const again = await thrownBy(store.appendToStreams([
    { streamName: 'many-new-3', events: [plain('Opened', { n: 5 })], expectedRevision: 'no_stream' },
    { streamName: 'many-old', events: [plain('Noted', { n: 6 })], expectedRevision: 0n },
  ]));
  t.ok(again instanceof WrongExpectedRevisionError && again.actualRevision === 1n, 'a stale guard: the call rejects with that append\'s error');
  t.same((await collect(store.readStream('many-new-3'))).map((e) => (e.data as { n: number }).n), [5], 'its batch-mate is written all the same');
  t.same((await collect(store.readStream('many-old'))).map((e) => (e.data as { n?: number }).n), [undefined, 3], 'the stale append wrote nothing');

  const withIds = [newEvent('Opened'), newEvent('Noted')];
  const first = await store.appendToStreams([{ streamName: 'many-ids', events: withIds, expectedRevision: 'no_stream' }, { streamName: 'many-ids-2', events: [plain('Opened')] }]);
  const retried = await store.appendToStreams([{ streamName: 'many-ids', events: withIds, expectedRevision: 'no_stream' }]);
  t.equal(first[0]?.written, true);
  t.equal(retried[0]?.written, false, 'the same events again: recognised, nothing written');
  t.equal(retried[0]?.nextExpectedRevision, 1n);

  const bad = await thrownBy(store.appendToStreams([
    { streamName: 'many-bad-1', events: [plain('Opened')] },
    { streamName: '', events: [plain('Opened')] },
  ]));
  t.ok(bad instanceof InvalidEventStoreInputError && bad.field === 'streamName', 'bad input names its field');
  t.ok(await thrownBy(collect(store.readStream('many-bad-1'))) instanceof StreamNotFoundError, 'and nothing of the call was sent');
  t.same(await store.appendToStreams([]), [], 'nothing to append: nothing done');
  for (const s of ['many-new-1', 'many-old', 'many-new-2']) t.equal((await verifyStreamChain(store.readStream(s))).intact, true, `${s}: the hash chain verifies`);
});

for (const groupCommit of [undefined, false] as const) {
  t.test(`appendToStreams all or nothing (group commit ${groupCommit === false ? 'off' : 'on'}): written together, or nothing and each refusal named`, async (t) => {
    const store = await createPostgresEventStore({ connectionString: url, poolSize: 4, ...(groupCommit === false ? { groupCommit } : {}) });
    t.teardown(() => store.close());
    const s = (name: string) => `all-${groupCommit === false ? 'alone' : 'grouped'}-${name}`;
    await store.appendToStream(s('old'), [plain('Opened')]);
    const together = await store.appendToStreams([
      { streamName: s('old'), events: [plain('Noted', { n: 1 })], expectedRevision: 0n },
      { streamName: s('new'), events: [plain('Opened', { n: 2 }), plain('Noted', { n: 3 })], expectedRevision: 'no_stream' },
    ], { allOrNothing: true });
    t.same(together.map((r) => [r.nextExpectedRevision, r.written]), [[1n, true], [1n, true]], 'both written, results in the order given');
    t.equal(new Set(together.map((r) => r.position.commit)).size, 1, 'one transaction');

    const ids = [newEvent('Opened'), newEvent('Noted')];
    const refused = await thrownBy(store.appendToStreams([
      { streamName: s('fresh'), events: [plain('Opened', { n: 4 })], expectedRevision: 'no_stream' },
      { streamName: s('old'), events: [plain('Noted', { n: 5 })], expectedRevision: 0n },
      { streamName: s('ids'), events: ids, expectedRevision: 'no_stream' },
      { streamName: s('new'), events: [plain('Noted', { n: 6 })], expectedRevision: 'no_stream' },
    ], { allOrNothing: true }));
    t.ok(refused instanceof AppendsRefusedError, 'refused as a whole');
    const refusals = (refused as AppendsRefusedError).refusals;
    t.same(refusals.map((r) => r.index), [1, 3], 'each refused append named by its index');
    t.ok(refusals.every((r) => r.error instanceof WrongExpectedRevisionError), 'with the error it would have had alone');
    t.equal((refusals[0]?.error as WrongExpectedRevisionError).actualRevision, 1n, 'the actual revision');
    t.ok(await thrownBy(collect(store.readStream(s('fresh')))) instanceof StreamNotFoundError, 'an append that would have succeeded wrote nothing');
    t.ok(await thrownBy(collect(store.readStream(s('ids')))) instanceof StreamNotFoundError, 'nor did the one with ids');
    t.same((await collect(store.readStream(s('old')))).map((e) => (e.data as { n?: number }).n), [undefined, 1], 'the stale streams are as they were');

    // The ids written elsewhere: refused as a duplicate id, by the append's event index.
    await store.appendToStream(s('ids'), ids, { expectedRevision: 'no_stream' });
    const again = await store.appendToStreams([{ streamName: s('ids'), events: ids, expectedRevision: 'no_stream' }], { allOrNothing: true });
    t.same(again.map((r) => [r.written, r.nextExpectedRevision]), [[false, 1n]], 'the whole call a retry recognised: nothing written, no error');
    const mixed = await thrownBy(store.appendToStreams([{ streamName: s('ids'), events: ids, expectedRevision: 'no_stream' }, { streamName: s('more'), events: [plain('Opened')] }], { allOrNothing: true }));
    t.ok(mixed instanceof AppendsRefusedError, 'a retry recognised beside a new append: refused');
    t.same((mixed as AppendsRefusedError).refusals.map((r) => [r.index, r.error instanceof InvalidEventStoreInputError && r.error.field]), [[0, 'events']], 'the retry named');
    t.ok(await thrownBy(collect(store.readStream(s('more')))) instanceof StreamNotFoundError, 'the new append wrote nothing');
    await store.appendToStreams([{ streamName: s('more'), events: [plain('Opened')] }], { allOrNothing: true });
    const reused = await thrownBy(store.appendToStreams([
      { streamName: s('other'), events: [plain('Opened'), ids[1] as EventToAppend], expectedRevision: 'no_stream' },
      { streamName: s('more-2'), events: [plain('Opened')] },
    ], { allOrNothing: true }));
    t.ok(reused instanceof AppendsRefusedError, 'an id of another stream: refused');
    const idRefusal = (reused as AppendsRefusedError).refusals;
    t.same(idRefusal.map((r) => r.index), [0]);
    t.ok(idRefusal[0]?.error instanceof InvalidEventStoreInputError && idRefusal[0].error.field === 'events[1].id', 'naming the event');
    t.ok(await thrownBy(collect(store.readStream(s('more-2')))) instanceof StreamNotFoundError, 'its batch-mate wrote nothing');

    const bad = await thrownBy(store.appendToStreams([{ streamName: s('bad'), events: [plain('Opened')] }, { streamName: '', events: [plain('Opened')] }], { allOrNothing: true }));
    t.ok(bad instanceof InvalidEventStoreInputError && bad.field === 'streamName', 'bad input names its field, nothing sent');
    t.same(await store.appendToStreams([], { allOrNothing: true }), [], 'nothing to append: nothing done');
    for (const name of ['old', 'new', 'ids', 'more']) t.equal((await verifyStreamChain(store.readStream(s(name)))).intact, true, `${name}: the hash chain verifies`);
  });
}

