// Who wakes a live subscriber, and what it reads then. This process's own appends wake it directly, and
// only when its filter could want them; its own NOTIFYs, which come back on its LISTEN connection, are
// ignored; another process's appends (here, a second store) wake every subscriber. Subscribers woken
// together share the page they all ask for. Counted by the page queries the subscribers make, with a
// poll interval far longer than the test, so every read is a wake-up's.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import type pg from 'pg';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import type { Queryable } from '../../src/postgres/append.js';
import type { AppendNotifications } from '../../src/postgres/notifications.js';
import { SharedPageReads } from '../../src/postgres/shared-pages.js';
import { matches } from '../../src/postgres/subscription.js';
import { newEvent, sleep, within } from '../contract/support.js';

const url = await freshDatabase(t);

/** Counts the queries named `name` sent through the pool. */
function countQueries(pool: pg.Pool, name: string): () => number {
  let count = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
    if (typeof config === 'object' && config !== null && (config as { name?: string }).name === name) count += 1;
    return query(config, ...rest);
  };
  return () => count;
}

t.test('the filter rule on a local append', async (t) => {
  t.ok(matches({ streamCategories: ['calendar'] }, { streamName: 'calendar-2026', types: ['X'] }), 'category: the name up to the first dash');
  t.notOk(matches({ streamCategories: ['calendar'] }, { streamName: 'calendars-2026', types: ['X'] }), 'not a longer category');
  t.notOk(matches({ streamCategories: ['calendar'] }, { streamName: 'work_order-calendar', types: ['X'] }), 'not a later part of the name');
  t.ok(matches({ streamCategories: ['calendar'] }, { streamName: 'calendar', types: ['X'] }), 'a name without a dash is its own category');
  t.ok(matches({ eventTypePrefixes: ['Work'] }, { streamName: 's-1', types: ['Noted', 'WorkOrderDispatched'] }), 'type prefix: any event of the append');
  t.notOk(matches({ eventTypePrefixes: ['Work'] }, { streamName: 's-1', types: ['Noted'] }), 'no event with the prefix');
});

t.test('a filtered subscriber reads only when an append could concern it', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, pollIntervalMs: 600_000 });
  const other = await createPostgresEventStore({ connectionString: url, migrate: false });
  t.teardown(() => Promise.all([store.close(), other.close()]));
  const reads = countQueries(store.pool, 'event_store_subscription_page_by_category');
  const subscription = store.subscribeToAll({ after: await store.headPosition(), filter: { streamCategories: ['wanted'] } });
  const iterator = subscription[Symbol.asyncIterator]();
  t.teardown(() => subscription.close());
  const first = await within(5_000, 'caught up', iterator.next());
  t.equal(first.value?.kind, 'caught-up', 'caught up at the head');
  // Asked for the next message: the subscriber now waits for a wake-up (a paused generator would not read).
  const nextMessage = iterator.next();
  await sleep(100);

  const before = reads();
  for (let i = 0; i < 20; i += 1) await store.appendToStream(`unwanted-${i}`, [newEvent('Noise')]);
  await sleep(200);
  t.equal(reads(), before, "twenty of this process's appends to another category: no read at all");

  const wanted = await store.appendToStream('wanted-1', [newEvent('Wanted')]);
  const next = await within(5_000, 'the wanted event', nextMessage);
  t.equal(next.value?.kind === 'event' ? next.value.event.position.prepare : undefined, wanted.position.prepare, 'an append it wants wakes it at once');

  await sleep(100);
  const quiet = reads();
  const remote = await other.appendToStream('wanted-2', [newEvent('Wanted')]);
  let got: bigint | undefined;
  for (;;) {
    const message = await within(5_000, "another process's event", iterator.next());
    if (message.value?.kind === 'event') {
      got = message.value.event.position.prepare;
      break;
    }
  }
  t.equal(got, remote.position.prepare, "another process's append reaches it by NOTIFY, long before the poll");
  t.ok(reads() > quiet, 'by reading again');
});

t.test('subscribers that ask for the same page at once share one query', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, pollIntervalMs: 600_000 });
  t.teardown(() => store.close());
  const reads = countQueries(store.pool, 'event_store_subscription_page_by_category');
  const start = await store.headPosition();
  const iterators = [1, 2, 3].map(() => {
    const subscription = store.subscribeToAll({ after: start, filter: { streamCategories: ['shared'] } });
    t.teardown(() => subscription.close());
    return subscription[Symbol.asyncIterator]();
  });
  for (const it of iterators) t.equal((await within(5_000, 'caught up', it.next())).value?.kind, 'caught-up', 'caught up');
  const waiting = iterators.map((it) => it.next());
  await sleep(100);
  const before = reads();
  const appended = await store.appendToStream('shared-1', [newEvent('Shared')]);
  const got = await within(5_000, 'the event, to all three', Promise.all(waiting));
  t.same(got.map((m) => (m.value?.kind === 'event' ? m.value.event.position.prepare : undefined)), [1, 2, 3].map(() => appended.position.prepare), 'each subscriber gets the event');
  // One query when the event is visible at once; when other test files' open transactions hold it back,
  // the subscribers look again together, still sharing. Either way the three got the same page's event.
  const [a, b, c] = got.map((m) => (m.value?.kind === 'event' ? m.value.event : undefined));
  t.ok(a !== undefined && a === b && b === c, "one page's event object, shared by all three");
  t.ok(reads() - before >= 1, 'read by a query');
});

t.test('a read asked for after a wake-up never takes the answer of one asked before it', async (t) => {
  let queries = 0;
  const db = { query: async () => ((queries += 1), { rows: [] }) } as unknown as Queryable;
  const notifications = { wakeCount: 0 } as AppendNotifications;
  const shared = new SharedPageReads(db, notifications);
  // (A wake-up between two reads is what makes the second its own.)
  const after = { commit: 5n, prepare: 7n };
  const first = shared.read(after, 100, { streamCategories: ['x'] });
  t.equal(shared.read(after, 100, { streamCategories: ['x'] }), first, 'the same read, no wake-up between: shared');
  t.not(shared.read(after, 100, { streamCategories: ['y'] }), first, 'another filter: its own');
  t.not(shared.read({ commit: 5n, prepare: 8n }, 100, { streamCategories: ['x'] }), first, 'another position: its own');
  notifications.wakeCount += 1;
  const later = shared.read(after, 100, { streamCategories: ['x'] });
  t.not(later, first, 'after a wake-up: its own query, which sees the new append');
  await Promise.all([first, later]);
  t.equal(queries, 4, 'four queries for five reads');
  t.not(shared.read(after, 100, { streamCategories: ['x'] }), later, 'and once answered, a read is not kept');
});
