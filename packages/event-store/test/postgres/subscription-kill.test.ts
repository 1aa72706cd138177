// A catch-up subscription whose database connection is killed (pg_terminate_backend) resumes from its
// last delivered position: every event once, in the order of readAll, no gap, no repeat.
import t from 'tap';
import pg from 'pg';
import { freshDatabase } from '@bureau/testing';
import type { RecordedEvent, SubscriptionMessage } from '../../src/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { newEvent, range, readCategoryUntil, uniqueCategory, within } from '../contract/support.js';
import { untilWaitingOnLock } from './lock-wait.js';

const url = await freshDatabase(t);
const TOTAL = 3_500; // pages of 1,000: the kills fall inside the second page and on the third's query

t.test('connections killed mid-page and during a page query: the subscription goes on, no gap, no repeat', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4, pollIntervalMs: 50 });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  t.teardown(async () => {
    await admin.end();
    await store.close();
  });
  const category = uniqueCategory('killed');
  for (const chunk of range(TOTAL / 50)) await store.appendToStream(`${category}-${chunk % 7}`, range(50).map((i) => newEvent('Ticked', { chunk, i })));
  const all = await readCategoryUntil(store, category, undefined, TOTAL);

  const subscription = store.subscribeToAll({ filter: { streamCategories: [category] } });
  t.teardown(() => subscription.close());
  const iterator = subscription[Symbol.asyncIterator]();
  const received: RecordedEvent[] = [];
  const next = async (): Promise<SubscriptionMessage> => {
    const r = await within(10_000, 'next message', iterator.next());
    if (r.done === true) throw new Error('subscription ended');
    if (r.value.kind === 'event') received.push(r.value.event);
    return r.value;
  };

  // mid-page: 1,500 delivered (the second page half read), every connection of the store killed
  while (received.length < 1_500) await next();
  const { rows: victims } = await admin.query<{ pid: number }>(
    'select pid, pg_terminate_backend(pid) from (select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) others',
  );
  const pids = victims.map((r) => r.pid);
  const alive = async () => (await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where pid = any($1)', [pids])).rows[0]?.n ?? 0;
  for (const deadline = Date.now() + 5_000; (await alive()) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
  t.ok(pids.length > 0 && (await alive()) === 0, `the store's ${pids.length} connections killed`);

  // during a page query: the third page's read waits on a lock we hold, and its backend is killed there
  while (received.length < 2_000) await next();
  await admin.query('begin');
  await admin.query('lock table event_store.events in access exclusive mode');
  const pending = next();
  await untilWaitingOnLock(store.pool);
  const killed = await admin.query<{ killed: boolean }>("select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
  t.same(killed.rows.map((r) => r.killed), [true], 'the page query, waiting, was killed');
  await admin.query('commit');
  await pending;

  while (received.length < TOTAL) await next();
  const after = await next();
  t.equal(after.kind, 'caught-up', 'then caught up');
  t.equal(received.length, TOTAL, `${TOTAL} events delivered`);
  t.same(received.map((e) => e.id), all.map((e) => e.id), 'exactly readAll, in its order: no gap, no repeat');
});
