// A service that is not the hotline (a review with a working-day limit whose clock stops while
// materials are awaited) wires the package in and gets its timers fired on a real PostgreSQL.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { timersOfSubject } from '../src/index.js';
import { eventsOf } from './support/reviews.js';
import { local } from './support/time.js';
import { eventually, fakeClock, startService } from './support/timers.js';

const overdue = async (store: Parameters<typeof eventsOf>[0], id: string) => (await eventsOf(store, `review-${id}`)).filter((e) => e.type === 'ReviewOverdue');

t.test('given a review paused across a weekend, then its timer fires at the resumed due moment, once', async (t) => {
  const clock = fakeClock(local('2025-11-03 10:00'));
  const { store, timers } = await startService(t, await freshDatabase(t, 'dtimers'), { clock: clock.now });
  const at = (s: string) => local(s).toISOString();
  await store.appendToStream('review-r1', [{ type: 'ReviewOpened', data: { at: at('2025-11-03 10:00'), workingDays: 7 } }]);
  await store.appendToStream('review-r1', [{ type: 'MaterialsRequested', data: { at: at('2025-11-06 15:00') } }]);
  await eventually(async () => (await timersOfSubject(timers.db, timers.table, 'r1'))[0]?.state === 'paused', 5_000, 'paused');
  t.match((await timersOfSubject(timers.db, timers.table, 'r1'))[0], { basis: 'working_days', amount: 7, remaining: 4 });

  clock.set(local('2025-11-13 00:00'));
  timers.wake();
  t.equal(await timers.fireDue(), 0, 'a paused clock does not fire at its old due moment');

  await store.appendToStream('review-r1', [{ type: 'MaterialsReceived', data: { at: at('2025-11-10 09:30') } }]);
  const resumedDue = local('2025-11-15 00:00');
  await eventually(async () => (await timersOfSubject(timers.db, timers.table, 'r1'))[0]?.due_at_iso === resumedDue.toISOString(), 5_000, 'resumed');
  clock.set(new Date(resumedDue.getTime() - 1));
  t.equal(await timers.fireDue(), 0, 'nothing a millisecond early');
  clock.set(resumedDue);
  timers.wake();
  const [event] = await eventually(async () => {
    const found = await overdue(store, 'r1');
    return found.length > 0 ? found : undefined;
  }, 5_000, 'ReviewOverdue');
  t.match(event?.data, { dueAt: resumedDue.toISOString() });
  await eventually(async () => (await timersOfSubject(timers.db, timers.table, 'r1'))[0]?.state === 'fired', 5_000, 'marked fired');
  t.equal(await timers.fireDue(), 0);
  t.equal((await overdue(store, 'r1')).length, 1, 'recorded once');
});

t.test('given a pending timer, when the service restarts after its due moment, then the new instance fires it', async (t) => {
  const databaseUrl = await freshDatabase(t, 'dtimers');
  const clock = fakeClock(local('2025-11-03 10:00'));
  const before = await startService(t, databaseUrl, { clock: clock.now });
  await before.store.appendToStream('review-r2', [{ type: 'ReviewOpened', data: { at: local('2025-11-03 10:00').toISOString(), workingDays: 1 } }]);
  await eventually(async () => (await timersOfSubject(before.timers.db, before.timers.table, 'r2')).length === 1, 5_000, 'timer set');
  await before.timers.stop();

  clock.set(local('2025-11-05 09:00'));
  const after = await startService(t, databaseUrl, { clock: clock.now });
  const found = await eventually(async () => {
    const events = await overdue(after.store, 'r2');
    return events.length > 0 ? events : undefined;
  }, 5_000, 'ReviewOverdue');
  t.match(found[0]?.data, { dueAt: local('2025-11-05 00:00').toISOString(), recordedAt: local('2025-11-05 09:00').toISOString() });
});

t.test('given two services with their own tables in one database, then neither sees nor fires the other\'s timers', async (t) => {
  const databaseUrl = await freshDatabase(t, 'dtimers');
  const clock = fakeClock(local('2025-11-03 10:00'));
  const reviews = await startService(t, databaseUrl, { clock: clock.now, category: 'review' });
  const permits = await startService(t, databaseUrl, { clock: clock.now, category: 'permit' });
  const opened = { type: 'ReviewOpened', data: { at: local('2025-11-03 10:00').toISOString(), workingDays: 1 } };
  await reviews.store.appendToStream('review-a', [opened]);
  await permits.store.appendToStream('permit-a', [opened]);
  await permits.store.appendToStream('permit-b', [opened]);
  await eventually(async () => (await timersOfSubject(permits.timers.db, permits.timers.table, 'b')).length === 1, 5_000, 'permit timers');
  await eventually(async () => (await timersOfSubject(reviews.timers.db, reviews.timers.table, 'a')).length === 1, 5_000, 'review timers');
  t.equal(reviews.timers.table.name, 'public.review_timers');
  t.equal(permits.timers.table.name, 'public.permit_timers');
  t.same((await timersOfSubject(reviews.timers.db, reviews.timers.table, 'b')), [], 'the reviews table has no row of the permits');

  clock.set(local('2025-11-05 00:00'));
  reviews.timers.wake();
  permits.timers.wake();
  await eventually(async () => (await eventsOf(permits.store, 'permit-b')).some((e) => e.type === 'ReviewOverdue'), 5_000, 'permit b fired');
  await eventually(async () => (await eventsOf(reviews.store, 'review-a')).some((e) => e.type === 'ReviewOverdue'), 5_000, 'review a fired');
  await eventually(async () => (await eventsOf(permits.store, 'permit-a')).some((e) => e.type === 'ReviewOverdue'), 5_000, 'permit a fired');
  const { rows } = await permits.store.pool.query<{ n: number }>('SELECT (SELECT count(*) FROM review_timers)::int + (SELECT count(*) FROM permit_timers)::int AS n');
  t.equal(rows[0]?.n, 3, 'three rows in all: one per timer, each in its service\'s table');
  for (const [store, stream] of [[reviews.store, 'review-a'], [permits.store, 'permit-a'], [permits.store, 'permit-b']] as const) {
    t.equal((await eventsOf(store, stream)).filter((e) => e.type === 'ReviewOverdue').length, 1, `${stream}: fired once`);
  }
});
