// A repeating schedule on a real PostgreSQL: each occurrence fires once, a late loop catches up on
// every occurrence it missed, and a fire that died before re-arming is neither repeated nor skipped.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { timerCommandId, timersOfSubject } from '../src/index.js';
import { eventsOf, recordFire } from './support/reviews.js';
import { local } from './support/time.js';
import { eventually, fakeClock, startService } from './support/timers.js';

const remindersOf = async (store: Parameters<typeof eventsOf>[0]) =>
  (await eventsOf(store, 'review-ledger1')).filter((e) => e.type === 'LedgerReminderSent').map((e) => (e.data as { occurrence: string }).occurrence);

t.test('given a month-end schedule, then every occurrence fires once, across a late start and a restart', async (t) => {
  const databaseUrl = await freshDatabase(t, 'dtimers');
  const clock = fakeClock(local('2025-11-15 10:00'));
  const first = await startService(t, databaseUrl, { clock: clock.now, fireInThisProcess: false });
  await first.store.appendToStream('review-ledger1', [{ type: 'LedgerOpened', data: { at: local('2025-11-15 10:00').toISOString() } }]);
  const [timer] = await eventually(async () => {
    const rows = await timersOfSubject(first.timers.db, first.timers.table, 'ledger1');
    return rows.length === 1 ? rows : undefined;
  }, 5_000, 'the schedule armed');
  t.match(timer, { kind: 'ledger_reminder', basis: 'repeat', repeat: { every: 'month_end' }, due_at_iso: local('2025-12-01 00:00').toISOString() });

  // The December occurrence is recorded by a loop that then dies before re-arming the timer.
  clock.set(local('2025-12-01 00:05'));
  const fire = recordFire(first.store, 'review');
  t.equal(await fire(timer as NonNullable<typeof timer>, { commandId: timerCommandId('review-timer', timer as NonNullable<typeof timer>), now: clock.now() }), 'recorded');
  await first.timers.stop();

  // Back a month later: December is found recorded (same command id), January is fired, February armed.
  clock.set(local('2026-01-02 10:00'));
  const second = await startService(t, databaseUrl, { clock: clock.now });
  await eventually(async () => (await remindersOf(second.store)).length === 2, 5_000, 'January fired');
  await eventually(async () => (await timersOfSubject(second.timers.db, second.timers.table, 'ledger1'))[0]?.due_at_iso === local('2026-02-01 00:00').toISOString(), 5_000, 'February armed');
  t.equal(await second.timers.fireDue(), 0);
  await second.timers.stop();

  clock.set(local('2026-02-01 00:00'));
  const third = await startService(t, databaseUrl, { clock: clock.now });
  await eventually(async () => (await remindersOf(third.store)).length === 3, 5_000, 'February fired');
  await eventually(async () => (await timersOfSubject(third.timers.db, third.timers.table, 'ledger1'))[0]?.due_at_iso === local('2026-03-01 00:00').toISOString(), 5_000, 'March armed');
  t.same(await remindersOf(third.store), ['2025-12-01', '2026-01-01', '2026-02-01'].map((d) => local(`${d} 00:00`).toISOString()), 'each occurrence once, none skipped');
  t.match(await timersOfSubject(third.timers.db, third.timers.table, 'ledger1'), [{ state: 'pending', attempts: 0 }]);
});
