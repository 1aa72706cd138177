// subscribeToAll against a stand-in for the client's catch-up subscription (a readable the test
// writes events into, and on which it emits caughtUp / fellBehind as the client does).
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, START, STREAM_NAME, type AllStreamRecordedEvent } from '@eventstore/db-client';
import t from 'tap';
import { createEventStoreDbEventStoreFromClient, ForeignEventError } from '../../src/eventstoredb/index.js';
import { EventStoreDbSubscription } from '../../src/eventstoredb/subscription.js';
import type { GlobalPosition, Subscription, SubscriptionMessage } from '../../src/index.js';
import { chainedStream } from './fixture.js';
import { StubCatchUp, clientEvent, position, stubClient } from './stub-client.js';

/** An event of stream `streamName` at global position `n`, as the adapter would have written it. */
function storedAt(streamName: string, n: number, revision = 0) {
  const ids = Array.from({ length: revision + 1 }, () => ({ id: randomUUID() }));
  const event = chainedStream(streamName, ids, n - revision)[revision]?.event;
  if (!event) throw new Error('no event');
  return event;
}

/** Reads `count` messages, failing instead of hanging if they do not come. */
async function take(iterator: AsyncIterator<SubscriptionMessage>, count: number): Promise<Array<string>> {
  const seen: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`message ${i + 1} of ${count} did not come; saw ${seen.join(', ')}`)), 2000));
    const r = await Promise.race([iterator.next(), timeout]);
    if (r.done === true) {
      seen.push('done');
      break;
    }
    seen.push(describe(r.value));
  }
  return seen;
}

const at = (p: GlobalPosition | undefined): string => (p ? `${p.commit}` : 'none');
const describe = (m: SubscriptionMessage): string => (m.kind === 'event' ? `event@${at(m.event.position)}` : `caught-up@${at(m.position)}`);

/**
 * A subscription on a stub client. `all` is $all as the server holds it (what a backwards read from
 * the end answers); the source's deliver() adds to it, so by default the subscription is at the head
 * after each delivery. A test puts events in `all` alone to have the server ahead of the subscription.
 */
function subscribe(options: Parameters<ReturnType<typeof createEventStoreDbEventStoreFromClient>['subscribeToAll']>[0] = {}) {
  const source = new StubCatchUp();
  const all: AllStreamRecordedEvent[] = [];
  const deliverOnly = source.deliver.bind(source);
  source.deliver = (event) => {
    all.push(event);
    deliverOnly(event);
  };
  const { client, calls } = stubClient({
    subscribeToAll: () => source,
    readAll: (readOptions) => {
      if (readOptions.direction !== BACKWARDS || readOptions.fromPosition !== END) throw new Error('the subscription reads $all backwards from the end only');
      return { events: [...all].reverse().map((event) => ({ event })) };
    },
  });
  const store = createEventStoreDbEventStoreFromClient(client);
  const subscription = store.subscribeToAll(options);
  return { source, all, deliverOnly, calls, store, subscription, iterator: subscription[Symbol.asyncIterator]() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

t.test('options map to the client; events after the checkpoint and in the filter arrive, system events never', async (t) => {
  const { source, calls, iterator } = subscribe({ after: position(10), filter: { streamCategories: ['workOrder'] } });
  const options = calls.subscribeToAll[0];
  t.same(options?.fromPosition, position(10), 'from the checkpoint');
  t.same(options?.filter && { filterOn: options.filter.filterOn, prefixes: 'prefixes' in options.filter ? options.filter.prefixes : undefined }, { filterOn: STREAM_NAME, prefixes: ['workOrder'] });

  source.deliver(storedAt('workOrder-1', 10)); // the checkpoint itself
  source.deliver(clientEvent({ streamId: '$$workOrder-1', revision: 0n, id: randomUUID(), type: '$metadata', data: {}, position: position(11) }));
  source.deliver(storedAt('workOrderX-1', 12)); // passes the server's prefix, not the category
  source.deliver(storedAt('workOrder-1', 13));
  source.deliver(storedAt('workOrder', 14));
  source.caughtUp();
  t.same(await take(iterator, 3), ['event@13', 'event@14', 'caught-up@14'], 'only the two events of the category, then caught-up at the last');

  const unfiltered = subscribe();
  t.equal(unfiltered.calls.subscribeToAll[0]?.fromPosition, START, 'no checkpoint: from START');
});

t.test('caught-up never overtakes events still buffered in the client stream', async (t) => {
  const { source, iterator } = subscribe();
  // the client has received three events the adapter has not yet taken, then the server says caughtUp
  source.pause();
  source.deliver(storedAt('workOrder-1', 1));
  source.deliver(storedAt('workOrder-2', 2));
  source.deliver(storedAt('workOrder-3', 3));
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(source.readableLength, 3, 'three events buffered');
  source.caughtUp();
  source.resume();
  t.same(await take(iterator, 4), ['event@1', 'event@2', 'event@3', 'caught-up@3'], 'caught-up after the three');
  source.deliver(storedAt('workOrder-4', 4));
  t.same(await take(iterator, 2), ['event@4', 'caught-up@4'], 'then live');
});

t.test('live: a caught-up after each live delivery; none while catching up again after fellBehind', async (t) => {
  const { source, iterator } = subscribe();
  source.caughtUp();
  t.same(await take(iterator, 1), ['caught-up@none'], 'an empty store: caught up at once, with no position');
  source.deliver(storedAt('workOrder-1', 5));
  t.same(await take(iterator, 2), ['event@5', 'caught-up@5'], 'a live event, then caught-up');
  source.fellBehind();
  source.deliver(storedAt('workOrder-1', 6, 1));
  source.deliver(storedAt('workOrder-1', 7, 2));
  source.caughtUp();
  t.same(await take(iterator, 3), ['event@6', 'event@7', 'caught-up@7'], 'behind: no marker until the server says caughtUp');
});

t.test('close: a pending next ends, the client subscription is cancelled once', async (t) => {
  const { source, subscription, iterator } = subscribe();
  const pending = iterator.next();
  await subscription.close();
  t.same(await pending, { done: true, value: undefined }, 'the pending next ends');
  await subscription.close();
  t.equal(source.unsubscribed, 1, 'unsubscribed once');
  source.deliver(storedAt('workOrder-1', 1));
  t.same(await iterator.next(), { done: true, value: undefined }, 'nothing after close');
});

t.test('breaking out of for-await closes the subscription; store.close closes those still open', async (t) => {
  const first = subscribe();
  first.source.deliver(storedAt('workOrder-1', 1));
  for await (const message of first.subscription) if (message.kind === 'event') break;
  t.equal(first.source.unsubscribed, 1, 'break closes');

  const second = subscribe();
  await second.store.close();
  t.equal(second.source.unsubscribed, 1, 'store.close closes open subscriptions');
  t.equal(second.calls.disposed, 1, 'and disposes of the client');
});

t.test('a client error ends the iteration with that error, after the events before it', async (t) => {
  const { source, iterator } = subscribe();
  source.deliver(storedAt('workOrder-1', 1));
  const failure = new Error('server went away');
  t.same(await take(iterator, 1), ['event@1']);
  source.emit('error', failure);
  await t.rejects(iterator.next(), failure, 'the error');
  t.equal(source.unsubscribed, 1, 'and the subscription is closed');
});

t.test('an event the adapter did not write fails the subscription with ForeignEventError', async (t) => {
  const { source, iterator } = subscribe();
  source.deliver(clientEvent({ streamId: 'workOrder-1', revision: 0n, id: randomUUID(), type: 'Imported', data: {}, metadata: {}, position: position(1) }));
  await t.rejects(iterator.next(), ForeignEventError);
});

t.test('backpressure: the client stream is paused at the high-water mark and resumed once drained', async (t) => {
  const source = new StubCatchUp();
  const subscription: Subscription = new EventStoreDbSubscription(source, { after: undefined, accepts: () => true, reachedHead: async () => true, highWaterMark: 4 });
  const iterator = subscription[Symbol.asyncIterator]();
  for (let n = 1; n <= 6; n += 1) source.deliver(storedAt(`workOrder-${n}`, n));
  await new Promise((resolve) => setImmediate(resolve));
  t.ok(source.isPaused(), 'paused with four messages waiting');
  t.same(await take(iterator, 2), ['event@1', 'event@2'], 'the consumer takes two');
  t.notOk(source.isPaused(), 'resumed at half the mark');
  t.same(await take(iterator, 4), ['event@3', 'event@4', 'event@5', 'event@6'], 'nothing lost, in order');
  await subscription.close();
});

t.test('caught-up only when the subscription has reached the head of $all read at that moment', async (t) => {
  const { source, all, deliverOnly, iterator, calls } = subscribe({ filter: { streamCategories: ['workOrder'] } });
  source.deliver(storedAt('workOrder-1', 1));
  source.caughtUp();
  t.same(await take(iterator, 2), ['event@1', 'caught-up@1'], 'at the head: caught up');

  // others append three events; the live subscription receives them one at a time, its buffer empty in between
  const ahead = [storedAt('workOrder-2', 2), storedAt('workOrder-3', 3), storedAt('workOrder-4', 4)];
  all.push(...ahead, storedAt('other-1', 5)); // and one outside the filter, which never counts
  for (const event of ahead) {
    deliverOnly(event);
    await tick();
  }
  t.same(await take(iterator, 4), ['event@2', 'event@3', 'event@4', 'caught-up@4'], 'no caught-up at 2 or 3: the head was at 4');
  t.ok(calls.readAll.length >= 2, 'the head was read for each candidate marker');

  // the server says caughtUp while $all is already further on: no marker until it is reached
  source.fellBehind();
  all.push(storedAt('workOrder-5', 6));
  source.caughtUp();
  await tick();
  deliverOnly(storedAt('workOrder-5', 6));
  t.same(await take(iterator, 2), ['event@6', 'caught-up@6'], "the server's caughtUp at 4 said nothing: the head was at 6");
});
