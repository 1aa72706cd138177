import { comparePositions } from '../../../src/index.js';
import type { RecordedEvent } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { collect, newEvent, randomInt, range, readCategory, readCategoryUntil, uniqueCategory, within, type TapTest } from '../support.js';

function strictlyIncreasing(events: readonly RecordedEvent[]): boolean {
  return events.every((e, i) => i === 0 || comparePositions((events[i - 1] as RecordedEvent).position, e.position) < 0);
}

export function globalOrderCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('lastCommittedPosition: never behind a write the caller was told of, and never behind the head', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const stream = `${uniqueCategory('committed')}-1`;
    for (const i of range(3)) {
      const { position } = await store.appendToStream(stream, [newEvent('Committed', { i })]);
      const committed = await store.lastCommittedPosition();
      t.ok(committed !== undefined && comparePositions(committed, position) >= 0, `after write ${i}: at or past its position`);
      const head = await store.headPosition();
      t.ok(committed !== undefined && head !== undefined && comparePositions(committed, head) >= 0, 'at or past the readable head');
    }
  });

  t.test('readAll: global order after a position, filtered by category or event type prefix', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const orders = uniqueCategory('orders');
    const invoices = uniqueCategory('invoices');
    const start = await store.headPosition();
    // given events interleaved over two categories
    const appended: RecordedEvent['id'][] = [];
    for (const i of range(6)) {
      const order = newEvent(i % 2 === 0 ? 'OrderPlaced' : 'OrderShipped', { i });
      const invoice = newEvent('InvoiceIssued', { i });
      await store.appendToStream(`${orders}-${i % 3}`, [order]);
      await store.appendToStream(`${invoices}-${i % 2}`, [invoice]);
      appended.push(order.id, invoice.id);
    }
    // then (once all twelve are visible in $all)
    await readCategoryUntil(store, [orders, invoices], start, 12);
    const both = await readCategory(store, orders, start);
    t.equal(both.length, 6, 'category filter: the six order events');
    t.ok(both.every((e) => e.streamName.startsWith(`${orders}-`)), 'only that category');
    t.ok(strictlyIncreasing(both), 'positions strictly increase');
    const all = await collect(store.readAll({ after: start }));
    const ours = all.filter((e) => e.streamName.startsWith(orders) || e.streamName.startsWith(invoices));
    t.same(ours.map((e) => e.id), appended, 'unfiltered: both categories, in append order');
    t.ok(strictlyIncreasing(all), 'unfiltered positions strictly increase');

    const twoCategories = await collect(store.readAll({ after: start, filter: { streamCategories: [orders, invoices] } }));
    t.same(twoCategories.map((e) => e.id), appended, 'two categories at once');

    const shipped = await collect(store.readAll({ after: start, filter: { eventTypePrefixes: ['OrderSh'] } }));
    t.same(shipped.map((e) => e.data), [{ i: 1 }, { i: 3 }, { i: 5 }], 'event type prefix filter');

    const firstThree = await collect(store.readAll({ after: start, maxCount: 3, filter: { streamCategories: [orders, invoices] } }));
    t.same(firstThree.map((e) => e.id), appended.slice(0, 3), 'maxCount');
    const middle = firstThree[2];
    if (middle === undefined) throw new Error('three events expected');
    const rest = await collect(store.readAll({ after: middle.position, filter: { streamCategories: [orders, invoices] } }));
    t.same(rest.map((e) => e.id), appended.slice(3), 'after is exclusive');

    const head = await store.headPosition();
    t.ok(head !== undefined && comparePositions(head, ours.at(-1)?.position ?? head) >= 0, 'headPosition is at or after the last event');
  });

  t.test('out-of-order commits: a live subscriber gets every event once, in the order of a fresh readAll', async (t) => {
    const subject = await makeSubject();
    t.teardown(subject.close);
    const { store } = subject;
    const category = uniqueCategory('race');
    // 8,000 like the race harness's out-of-order race over four processes: with the stream-row lock
    // removed both go red at this size; the harness's in-process arrangements run the same load.
    const total = 8_000;
    const writers = 16;
    const streams = 200;
    const start = await store.headPosition();

    // given a subscriber, started first
    const subscription = store.subscribeToAll({ after: start, filter: { streamCategories: [category] } });
    const received: RecordedEvent[] = [];
    const consumer = (async () => {
      for await (const message of subscription) {
        if (message.kind === 'event') received.push(message.event);
        if (received.length >= total) break;
      }
    })();

    // when 16 writers append batches of 1-10 events, each holding its transaction open 0-15 ms
    const appendedIds = new Set<string>();
    let left = total;
    await Promise.all(
      range(writers).map(async () => {
        while (left > 0) {
          const size = Math.min(left, 1 + randomInt(10));
          left -= size;
          const batch = range(size).map(() => newEvent('Raced'));
          for (const e of batch) appendedIds.add(e.id);
          await subject.appendHeldOpen(`${category}-${randomInt(streams)}`, batch, randomInt(16));
        }
      }),
    );
    t.equal(appendedIds.size, total, `${total} events appended`);
    await within(60_000, 'subscriber receiving every event', consumer).catch(async (error: unknown) => {
      await subscription.close();
      throw error;
    });

    // then
    t.equal(received.length, total, 'the subscriber received every event');
    t.equal(new Set(received.map((e) => e.id)).size, total, 'each exactly once');
    t.ok(received.every((e) => appendedIds.has(e.id)), 'and only appended ones');
    t.ok(strictlyIncreasing(received), 'in strictly increasing position');
    const fresh = await readCategoryUntil(store, category, start, total);
    t.same(received.map((e) => e.id), fresh.map((e) => e.id), 'its order equals a fresh readAll');
    const lastRevision = new Map<string, bigint>();
    const revisionsInOrder = received.every((e) => {
      const previous = lastRevision.get(e.streamName) ?? -1n;
      lastRevision.set(e.streamName, e.revision);
      return e.revision === previous + 1n;
    });
    t.ok(revisionsInOrder, "each stream's events arrive in revision order, none missing");
    t.same(await readCategory(store, category, fresh.at(-1)?.position), [], 'nothing after the last event');
  });
}
