import type { EventStore, GlobalPosition, RecordedEvent, Subscription, SubscriptionMessage } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { newEvent, randomInt, range, readCategoryUntil, uniqueCategory, within, type TapTest } from '../support.js';

/** Reads a subscription until `stop` says so (or it ends); returns what it saw. */
async function consume(subscription: Subscription, stop: (m: SubscriptionMessage, events: RecordedEvent[]) => boolean): Promise<{ events: RecordedEvent[]; messages: SubscriptionMessage[] }> {
  const events: RecordedEvent[] = [];
  const messages: SubscriptionMessage[] = [];
  for await (const message of subscription) {
    messages.push(message);
    if (message.kind === 'event') events.push(message.event);
    if (stop(message, events)) break;
  }
  return { events, messages };
}

async function appendSome(store: EventStore, category: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const batch = range(Math.min(count - ids.length, 1 + randomInt(5))).map((i) => newEvent('Ticked', { i }));
    await store.appendToStream(`${category}-${randomInt(10)}`, batch);
    ids.push(...batch.map((e) => e.id));
  }
  return ids;
}

export function subscriptionCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('subscribeToAll: catches up, says so, stays live, and ends on close', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory('live');
    const start = await store.headPosition();
    const history = await appendSome(store, category, 30);
    await readCategoryUntil(store, category, start, 30);

    const subscription = store.subscribeToAll({ after: start, filter: { streamCategories: [category] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const seen: SubscriptionMessage[] = [];
    const next = async (): Promise<SubscriptionMessage> => {
      const r = await within(10_000, 'next subscription message', iterator.next());
      if (r.done === true) throw new Error('subscription ended early');
      seen.push(r.value);
      return r.value;
    };
    // catch-up: the history, then caught-up at the last event
    for (let i = 0; i < 30; i += 1) await next();
    const caughtUp = await next();
    t.same(seen.slice(0, 30).map((m) => (m.kind === 'event' ? m.event.id : m.kind)), history, 'the history first');
    t.equal(caughtUp.kind, 'caught-up', 'then caught-up');
    const lastPosition = seen[29]?.kind === 'event' ? seen[29].event.position : undefined;
    t.same(caughtUp.kind === 'caught-up' ? caughtUp.position : undefined, lastPosition, 'caught-up carries the last position');

    // live: a new event arrives, then caught-up again
    const live = newEvent('Ticked', { live: true });
    await store.appendToStream(`${category}-live`, [live]);
    const arrived = await next();
    t.equal(arrived.kind === 'event' ? arrived.event.id : arrived.kind, live.id, 'a live event arrives');
    t.equal((await next()).kind, 'caught-up', 'and it is caught up again');

    // close: the iterator ends
    const pending = iterator.next();
    await subscription.close();
    const end = await within(5_000, 'iterator ending after close', pending);
    t.equal(end.done, true, 'close ends the iterator');
  });

  t.test('a subscriber stopped at a random checkpoint and restarted from it sees the rest exactly once', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const start = await store.headPosition();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const category = uniqueCategory('resume');
      const before = await appendSome(store, category, 200);
      await readCategoryUntil(store, category, start, 200);
      // given a subscriber that stops at a random event
      const stopAfter = 1 + randomInt(199);
      const filter = { streamCategories: [category] };
      const first = await within(20_000, 'first subscriber', consume(store.subscribeToAll({ after: start, filter }), (_, events) => events.length >= stopAfter));
      const checkpoint: GlobalPosition | undefined = first.events.at(-1)?.position;
      // when more events are appended, and a new subscriber starts from the checkpoint
      const after = await appendSome(store, category, 100);
      const second = await within(
        20_000,
        'restarted subscriber',
        consume(store.subscribeToAll({ after: checkpoint, filter }), (_, events) => events.length >= 300 - stopAfter),
      );
      // then together they saw everything once, in $all order
      const ids = [...first.events, ...second.events].map((e) => e.id);
      const all = await readCategoryUntil(store, category, start, 300);
      t.equal(new Set(ids).size, 300, `attempt ${attempt} (checkpoint after ${stopAfter}): no event twice`);
      t.same(ids, all.map((e) => e.id), `attempt ${attempt}: the same sequence as readAll`);
      t.same(new Set(ids), new Set([...before, ...after]), `attempt ${attempt}: every appended event`);
    }
  });
}
