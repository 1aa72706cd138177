// Two instances of a service, each with its firing loop, on one table: many timers due at once, each
// fired exactly once (one event per timer), whichever loop claimed it.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { eventsOf } from './support/reviews.js';
import { local } from './support/time.js';
import { eventually, fakeClock, startService } from './support/timers.js';

const REVIEWS = 60;

t.test('given two loops on one table and 60 due timers, then each timer records one event', async (t) => {
  const databaseUrl = await freshDatabase(t, 'dtimers');
  const clock = fakeClock(local('2025-11-03 10:00'));
  const one = await startService(t, databaseUrl, { clock: clock.now, maxSleepMs: 50 });
  const two = await startService(t, databaseUrl, { clock: clock.now, maxSleepMs: 50 });
  const ids = Array.from({ length: REVIEWS }, (_, i) => `r${i}`);
  await Promise.all(ids.map((id) => one.store.appendToStream(`review-${id}`, [{ type: 'ReviewOpened', data: { at: local('2025-11-03 10:00').toISOString(), workingDays: 1 } }])));
  await eventually(async () => {
    const { rows } = await one.store.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_timers WHERE state = 'pending'`);
    return rows[0]?.n === REVIEWS;
  }, 10_000, 'every timer set');

  clock.set(local('2025-11-05 00:00'));
  // Both background loops, and each instance's own call on top.
  one.timers.wake();
  two.timers.wake();
  const handled = await Promise.all([one.timers.fireDue(), two.timers.fireDue()]);
  await eventually(async () => {
    const { rows } = await one.store.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_timers WHERE state = 'fired'`);
    return rows[0]?.n === REVIEWS;
  }, 10_000, 'every timer fired');
  t.ok(handled[0] + handled[1] <= REVIEWS, `the two calls handled ${handled[0]} + ${handled[1]}, the loops the rest`);
  let events = 0;
  for (const id of ids) {
    const n = (await eventsOf(one.store, `review-${id}`)).filter((e) => e.type === 'ReviewOverdue').length;
    if (n !== 1) t.fail(`review ${id}: ${n} ReviewOverdue events`);
    events += n;
  }
  t.equal(events, REVIEWS, 'one event per timer');
  const { rows } = await one.store.pool.query<{ outcome: string; n: number }>(`SELECT outcome, count(*)::int AS n FROM review_timers GROUP BY outcome`);
  t.same(rows, [{ outcome: 'recorded', n: REVIEWS }], 'no timer claimed twice: none found its event already recorded');
});
