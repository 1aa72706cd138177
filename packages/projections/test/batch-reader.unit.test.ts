// Pure unit tests of the batching rules, over a scripted in-memory subscription (no store involved:
// these only decide how messages become batches; everything else is tested against PostgreSQL).
import type { GlobalPosition, RecordedEvent, Subscription, SubscriptionMessage } from '@bureau/event-store';
import t from 'tap';
import { BatchReader, type Batch } from '../src/batch-reader.js';

/** A subscription fed by the test: push messages, end it. */
function scriptedSubscription() {
  const queue: SubscriptionMessage[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const subscription: Subscription = {
    async close() {
      closed = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length > 0) yield queue.shift() as SubscriptionMessage;
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
  return {
    subscription,
    push(...messages: SubscriptionMessage[]) {
      queue.push(...messages);
      wake?.();
    },
  };
}

const at = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
const event = (n: number): SubscriptionMessage => ({
  kind: 'event',
  event: { id: `e${n}`, streamName: 's-1', revision: BigInt(n), position: at(n), type: 'T', data: null, metadata: {}, recordedAt: new Date(0), hash: '' } satisfies RecordedEvent,
});
const caughtUp = (n?: number): SubscriptionMessage => ({ kind: 'caught-up', position: n === undefined ? undefined : at(n) });
const summary = (b: Batch | undefined) => b && { ids: b.events.map((e) => e.id), through: b.through?.commit, caughtUp: b.caughtUp };
const options = { batchSize: 3, maxWaitMs: 40, idleAdvanceMs: 30 };

t.test('a full batch goes at once; the rest waits for caught-up', async (t) => {
  const s = scriptedSubscription();
  // A long wait, so that "at once" is measured rather than assumed: with 40 ms, a loaded machine let the
  // wait run out between the first event and the next (a batch of one, in a full run at load 30).
  const reader = new BatchReader(s.subscription, { ...options, maxWaitMs: 10_000 }, undefined);
  s.push(event(1), event(2), event(3), event(4));
  const asked = Date.now();
  t.same(summary(await reader.next()), { ids: ['e1', 'e2', 'e3'], through: 3n, caughtUp: false });
  t.ok(Date.now() - asked < 5_000, 'the full batch did not wait out maxWaitMs');
  s.push(caughtUp(4));
  t.same(summary(await reader.next()), { ids: ['e4'], through: 4n, caughtUp: true });
  await reader.close();
});

t.test('once caught up, the whole backlog is one batch (up to the batch size)', async (t) => {
  const s = scriptedSubscription();
  const reader = new BatchReader(s.subscription, { ...options, batchSize: 10 }, undefined);
  s.push(event(1), caughtUp(1), event(2), caughtUp(2), event(3), caughtUp(3));
  await new Promise((resolve) => setTimeout(resolve, 5));
  t.same(summary(await reader.next()), { ids: ['e1', 'e2', 'e3'], through: 3n, caughtUp: true });
  await reader.close();
});

t.test('an event never waits longer than maxWaitMs for its batch to fill', async (t) => {
  const s = scriptedSubscription();
  const reader = new BatchReader(s.subscription, options, undefined);
  const started = Date.now();
  s.push(event(1));
  t.same(summary(await reader.next()), { ids: ['e1'], through: 1n, caughtUp: false });
  t.ok(Date.now() - started >= 35, 'flushed by the timer');
  await reader.close();
});

t.test('caught-up with nothing new is reported once (a rebuild switches on it), then dropped', async (t) => {
  const s = scriptedSubscription();
  const reader = new BatchReader(s.subscription, options, at(7));
  s.push(caughtUp(7));
  t.same(summary(await reader.next()), { ids: [], through: 7n, caughtUp: true });
  s.push(caughtUp(7), caughtUp(7), event(8), caughtUp(8));
  t.same(summary(await reader.next()), { ids: ['e8'], through: 8n, caughtUp: true }, 'repeated markers did not become batches');
  await reader.close();
});

t.test('an empty store reports caught-up without a position', async (t) => {
  const s = scriptedSubscription();
  const reader = new BatchReader(s.subscription, options, undefined);
  s.push(caughtUp());
  t.same(summary(await reader.next()), { ids: [], through: undefined, caughtUp: true });
  await reader.close();
});

t.test('a caught-up beyond the last event moves the checkpoint, at most every idleAdvanceMs', async (t) => {
  const s = scriptedSubscription();
  // A long idle interval, so that the two markers pushed right after the first batch arrive within it
  // even on a loaded machine (at 30 ms, a run at load 25-30 let it run out between them: through 6, then 9).
  const reader = new BatchReader(s.subscription, { ...options, idleAdvanceMs: 1_000 }, at(1));
  // Taken before the first empty batch is made: the idle interval runs from that batch, not from after
  // its await (a millisecond later, and the check below failed by that millisecond in a CI run).
  const started = Date.now();
  s.push(caughtUp(5));
  t.same(summary(await reader.next()), { ids: [], through: 5n, caughtUp: true });
  s.push(caughtUp(6), caughtUp(9));
  t.same(summary(await reader.next()), { ids: [], through: 9n, caughtUp: true }, 'coalesced');
  // A timer may fire up to a millisecond early by Date.now(), whose clock is not the timers' own.
  t.ok(Date.now() - started >= 990, 'after the idle interval');
  await reader.close();
});

t.test('closing ends the batches; a failing subscription surfaces its error', async (t) => {
  const s = scriptedSubscription();
  const reader = new BatchReader(s.subscription, options, undefined);
  const pending = reader.next();
  await reader.close();
  t.equal(await pending, undefined);

  const failing: Subscription = {
    async close() {},
    async *[Symbol.asyncIterator]() {
      throw new Error('connection lost');
    },
  };
  await t.rejects(new BatchReader(failing, options, undefined).next(), /connection lost/);
});

t.test('lingerMs: under steady load a caught-up batch waits for more; after a quiet spell it goes at once', async (t) => {
  const s = scriptedSubscription();
  const reader = new BatchReader(s.subscription, { ...options, batchSize: 10, maxWaitMs: 1_000, lingerMs: 200 }, undefined);
  // The first event after a quiet spell (no batch before it): at once.
  let started = Date.now();
  s.push(event(1), caughtUp(1));
  t.same(summary(await reader.next()), { ids: ['e1'], through: 1n, caughtUp: true });
  t.ok(Date.now() - started < 120, 'the lone event did not linger');
  // The next arrives at once after that batch (steady load): its batch waits for the ones behind it.
  started = Date.now();
  s.push(event(2), caughtUp(2));
  setTimeout(() => s.push(event(3), caughtUp(3)), 50);
  t.same(summary(await reader.next()), { ids: ['e2', 'e3'], through: 3n, caughtUp: true }, 'one batch for both');
  t.ok(Date.now() - started >= 190, 'held until lingerMs after its first event');
  // A full batch still goes at once, lingering or not.
  s.push(...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(event), caughtUp(13));
  started = Date.now();
  t.same(summary(await reader.next())?.ids.length, 10);
  t.ok(Date.now() - started < 120, 'full: no wait');
  t.same(summary(await reader.next()), { ids: [], through: 13n, caughtUp: true }, 'then the caught-up behind it');
  // Quiet for longer than lingerMs: the next lone event goes at once again.
  await new Promise((resolve) => setTimeout(resolve, 260));
  started = Date.now();
  s.push(event(14), caughtUp(14));
  t.same(summary(await reader.next()), { ids: ['e14'], through: 14n, caughtUp: true });
  t.ok(Date.now() - started < 120, 'after a quiet spell: no linger');
  await reader.close();
});
