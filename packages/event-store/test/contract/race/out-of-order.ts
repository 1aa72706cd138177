// The out-of-order race: writers on every instance append batches to many streams, half of them
// holding their transaction open 0-15 ms, while a subscriber reads live. Then every stream touched
// verifies its hash chain, and a full readAll equals, event by event and field by field, both the live
// subscriber's view and a catch-up subscription's.
import { canonicalJson, comparePositions, verifyStreamChain } from '../../../src/index.js';
import type { RecordedEvent } from '../../../src/index.js';
import { readCategoryUntil, uniqueCategory, within, type TapTest } from '../support.js';
import type { MakeRaceArrangement } from './arrangement.js';

const fields = (e: RecordedEvent) =>
  [e.id, e.streamName, e.revision, e.position.commit, e.position.prepare, e.type, canonicalJson(e.data), canonicalJson(e.metadata), e.hash, e.recordedAt.getTime()].join('|');

/** Index of the first event where the two views differ (or where one ends), -1 when equal. */
function firstDifference(a: readonly RecordedEvent[], b: readonly RecordedEvent[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || fields(x) !== fields(y)) return i;
  }
  return -1;
}

export function outOfOrderRace(t: TapTest, makeArrangement: MakeRaceArrangement, total: number): void {
  t.test(`race: ${total} events out of order over 200 streams; chains, readAll and subscriptions agree`, async (t) => {
    const { store, outOfOrder, instances } = await makeArrangement();
    const category = uniqueCategory('rorder');
    const start = await store.headPosition();

    // given a live subscriber, started first
    const live = store.subscribeToAll({ after: start, filter: { streamCategories: [category] } });
    const received: RecordedEvent[] = [];
    const consumer = (async () => {
      for await (const message of live) {
        if (message.kind === 'event') received.push(message.event);
        if (received.length >= total) break;
      }
    })();

    // when every instance's writers append their share
    const ids = await outOfOrder({ category, streams: 200, events: total, writersPerInstance: 16 / instances, maxHoldMs: 15 });
    t.equal(new Set(ids).size, total, `${total} distinct events appended`);
    await within(60_000, 'live subscriber', consumer).finally(() => live.close());

    // then
    const all = await readCategoryUntil(store, category, start, total);
    t.equal(all.length, total, 'readAll: every event');
    t.same(new Set(all.map((e) => e.id)), new Set(ids), 'exactly the appended ones');
    t.ok(all.every((e, i) => i === 0 || comparePositions((all[i - 1] as RecordedEvent).position, e.position) < 0), 'in strictly increasing position');
    t.equal(firstDifference(received, all), -1, 'the live subscriber saw readAll, event by event, field by field');
    const catchUp: RecordedEvent[] = [];
    const catchUpSubscription = store.subscribeToAll({ after: start, filter: { streamCategories: [category] } });
    await within(60_000, 'catch-up subscriber', (async () => {
      for await (const message of catchUpSubscription) {
        if (message.kind === 'event') catchUp.push(message.event);
        if (message.kind === 'caught-up' && catchUp.length >= total) break;
      }
    })()).finally(() => catchUpSubscription.close());
    t.equal(firstDifference(catchUp, all), -1, 'a catch-up subscription saw readAll, event by event, field by field');

    const streams = [...new Set(all.map((e) => e.streamName))];
    const broken: string[] = [];
    for (const stream of streams) {
      const verdict = await verifyStreamChain(store.readStream(stream));
      const count = all.filter((e) => e.streamName === stream).length;
      if (!verdict.intact || verdict.events !== count) broken.push(`${stream}: ${JSON.stringify(verdict, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    }
    t.same(broken, [], `the hash chain of each of the ${streams.length} streams touched verifies over all its events`);
    const revisions = new Map<string, bigint>();
    t.ok(all.every((e) => {
      const previous = revisions.get(e.streamName) ?? -1n;
      revisions.set(e.streamName, e.revision);
      return e.revision === previous + 1n;
    }), "in $all, each stream's events in revision order, none missing");
  });
}
