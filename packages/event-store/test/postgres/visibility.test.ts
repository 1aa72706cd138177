// The gap-free rule on a real server: an event committed after an older transaction that is still
// open stays invisible to $all readers until that transaction ends, so no reader can pass over it.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent, type SubscriptionMessage } from '../../src/index.js';
import { readSubscriptionPage } from '../../src/postgres/read-all.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { collect, newEvent, sleep, within } from '../contract/support.js';

const url = await freshDatabase(t);

/** $all after `after` once it holds `count` events (or after 10 s, whatever it holds then). */
async function readAllUntil(store: EventStore, after: GlobalPosition | undefined, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await collect(store.readAll({ after }));
    if (events.length >= count || Date.now() > deadline) return events;
    await sleep(20);
  }
}

t.test('an event committed behind an open older transaction waits for it; then both appear in transaction order', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, pollIntervalMs: 50 });
  t.teardown(() => store.close());
  const start = await store.headPosition();
  const live: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ after: start, filter: { streamCategories: ['held', 'quick'] } });
  const consumer = (async () => {
    for await (const m of subscription) if (m.kind === 'event') live.push(m.event);
  })();

  // given an append whose transaction stays open (it took its transaction id first)
  const held = await store.pool.connect();
  await held.query('begin');
  const first = newEvent('Held');
  const heldResult = await store.appendToStreamInTransaction(held, 'held-1', [first], { expectedRevision: 'no_stream' });
  // when a later transaction appends and commits
  const second = newEvent('Quick');
  const quickResult = await store.appendToStream('quick-1', [second]);
  t.ok(quickResult.position.commit > heldResult.position.commit, 'the later append has the larger transaction id');

  // then neither readers nor the subscriber see the committed one yet
  await sleep(300);
  t.same(await collect(store.readAll({ after: start })), [], 'readAll shows nothing while the older transaction is open');
  t.same(await store.headPosition(), start, 'headPosition has not moved');
  t.same(live, [], 'the subscriber has received nothing');
  t.same((await collect(store.readStream('quick-1'))).map((e) => e.id), [second.id], 'readStream does see its own stream at once');

  // when the older transaction commits
  await held.query('commit');
  held.release();
  const all = await readAllUntil(store, start, 2);
  t.same(all.map((e) => e.id), [first.id, second.id], 'readAll: the held event first, in transaction order');
  await within(15_000, 'subscriber receiving both', (async () => {
    while (live.length < 2) await sleep(10);
  })());
  t.same(live.map((e) => e.id), [first.id, second.id], 'the subscriber got both, in the same order');
  await subscription.close();
  await consumer;
});

t.test('a rolled-back transaction releases the events behind it and leaves nothing of its own', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url });
  t.teardown(() => store.close());
  const start = await store.headPosition();
  const held = await store.pool.connect();
  await held.query('begin');
  await store.appendToStreamInTransaction(held, 'rollback-1', [newEvent('Doomed')]);
  const kept = newEvent('Kept');
  await store.appendToStream('rollback-2', [kept]);
  t.same(await collect(store.readAll({ after: start })), [], 'hidden while the older transaction is open');
  await held.query('rollback');
  held.release();
  // (other test files' transactions on the same server may hold the line back a moment longer)
  const after = await readAllUntil(store, start, 1);
  t.same(after.map((e) => e.id), [kept.id], 'only the committed event, once the other rolled back');
  await t.rejects(collect(store.readStream('rollback-1')), { name: 'StreamNotFoundError' }, 'the rolled-back stream does not exist');
});

t.test('subscribers wake on NOTIFY, not on polling', async (t) => {
  // A poll interval of a minute: anything arriving within 10 s came by notification. (Not 1 s: the test
  // server is shared by test files running in parallel, and an open transaction in any of them holds
  // back what every reader may see; see README "Global order".)
  const reader = await createPostgresEventStore({ connectionString: url, pollIntervalMs: 60_000 });
  const writer = await createPostgresEventStore({ connectionString: url, migrate: false });
  t.teardown(async () => {
    await reader.close();
    await writer.close();
  });
  const subscription = reader.subscribeToAll({ after: await reader.headPosition(), filter: { streamCategories: ['wake'] } });
  const iterator = subscription[Symbol.asyncIterator]();
  const next = async (): Promise<SubscriptionMessage> => {
    const r = await within(10_000, 'a message within 10 s, long before the next poll', iterator.next());
    if (r.done === true) throw new Error('subscription ended');
    return r.value;
  };
  t.equal((await next()).kind, 'caught-up', 'caught up on an empty category');
  await sleep(100); // let the listening connection come up

  const local = newEvent('Woken');
  await reader.appendToStream('wake-1', [local]);
  const a = await next();
  t.equal(a.kind === 'event' ? a.event.id : a.kind, local.id, "an append by the subscriber's own store arrives at once");
  t.equal((await next()).kind, 'caught-up');

  const remote = newEvent('Woken');
  await writer.appendToStream('wake-2', [remote]);
  const b = await next();
  t.equal(b.kind === 'event' ? b.event.id : b.kind, remote.id, 'an append by another store (process) arrives via NOTIFY');
  t.equal((await next()).kind, 'caught-up');

  const client = await writer.pool.connect();
  await client.query('begin');
  const transactional = newEvent('Woken');
  await writer.appendToStreamInTransaction(client, 'wake-3', [transactional]);
  await client.query('commit');
  client.release();
  const c = await next();
  t.equal(c.kind === 'event' ? c.event.id : c.kind, transactional.id, "an append in a caller's transaction notifies on commit");
  t.equal((await next()).kind, 'caught-up');

  // an event notified while an older transaction still hides it: re-polled soon after, not in a minute
  const blocker = await writer.pool.connect();
  await blocker.query('begin');
  await blocker.query('select pg_current_xact_id()');
  const late = newEvent('Woken');
  await writer.appendToStream('wake-4', [late]);
  await sleep(200);
  await blocker.query('commit');
  blocker.release();
  const d = await next();
  t.equal(d.kind === 'event' ? d.event.id : d.kind, late.id, 'arrives soon after the older transaction ends');
  await subscription.close();
});

t.test('a filtered read moves its search past unmatched events, but never past one still held back', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url });
  t.teardown(() => store.close());
  const filter = { streamCategories: ['wanted'] };
  const start = (await store.headPosition()) ?? { commit: 0n, prepare: 0n };
  // given unmatched events, then one wanted event in a transaction still open, then more unmatched ones
  let noise = start;
  for (let i = 0; i < 5; i += 1) noise = (await store.appendToStream(`other-${i}`, [newEvent('Noise')])).position;
  // Test files in parallel share the server: a transaction one of them holds open hides these events for
  // a moment. Wait until they are visible (visibility only grows), so the search below can pass them.
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(20)) {
    const { horizon } = await readSubscriptionPage(store.pool, start, 100, filter);
    if (horizon && comparePositions(horizon, noise) >= 0) break;
  }
  const client = await store.pool.connect();
  await client.query('begin');
  const held = await store.appendToStreamInTransaction(client, 'wanted-1', [newEvent('Wanted')]);
  const after = await store.appendToStream('other-late', [newEvent('Noise')]);
  // when a filtered page is read
  const first = await readSubscriptionPage(store.pool, start, 100, filter);
  t.same(first.events, [], 'nothing wanted is readable yet');
  t.ok(first.horizon && comparePositions(first.horizon, start) > 0, 'the search moves on past the unmatched events');
  t.ok(first.horizon && comparePositions(first.horizon, held.position) < 0, 'but stops before the held-back event');
  t.ok(first.horizon && comparePositions(first.horizon, after.position) < 0, 'and so before every event committed after it');
  await client.query('commit');
  client.release();
  // then, searching on from the horizon, the wanted event is found (once visible: test files in
  // parallel share the server, and any of their open transactions holds the line back a moment)
  let second = await readSubscriptionPage(store.pool, first.horizon ?? start, 100, filter);
  const reachedHead = (r: typeof second) => r.events.length > 0 && r.horizon !== undefined && comparePositions(r.horizon, after.position) >= 0;
  for (const deadline = Date.now() + 10_000; !reachedHead(second) && Date.now() < deadline; ) {
    await sleep(20);
    second = await readSubscriptionPage(store.pool, first.horizon ?? start, 100, filter);
  }
  t.same(second.events.map((e) => e.streamName), ['wanted-1'], 'the held-back event, once committed');
  t.ok(second.horizon && comparePositions(second.horizon, after.position) >= 0, 'and the horizon reaches the head');
});
