// Timers outlive the process that set them, and fire once however many processes run the loop.
import { testWorkOrderEvents } from '../support/events.js';
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { officialCalendarData } from '@bureau/working-calendar';
import { CalendarBook } from '../../src/calendar/calendar-book.js';
import { fireTimer } from '../../src/timers/fire-timer.js';
import { timersOf } from '../../src/timers/index.js';
import { eventually, local, streamEvents, workOrders } from '../outbox/support.js';
import { fakeClock, pause, startTimersApp } from './support.js';

const signForDue = local('2025-11-03 12:00');

t.test('given a pending timer, when the app restarts after the due time, then the new instance fires it', async (t) => {
  const databaseUrl = await freshDatabase(t, 'timers');
  const clock = fakeClock(local('2025-11-03 10:00'));
  const before = await startTimersApp(t, databaseUrl, { clock: clock.now });
  const workOrderId = await workOrders(before.app.eventStore).dispatch('GZ2025110300011', local('2025-11-03 10:00'));
  await eventually(async () => (await timersOf(before.app.deadlineTimers.db, workOrderId)).length === 2, 5_000, 'timers set');
  await before.app.close();

  clock.set(local('2025-11-03 13:30'));
  const after = await startTimersApp(t, databaseUrl, { clock: clock.now });
  const overdue = await eventually(async () => (await streamEvents(after.app.eventStore, workOrderId)).find((e) => e.type === 'SignForOverdue'), 5_000, 'SignForOverdue');
  t.match(overdue.data, { dueAt: signForDue.toISOString(), recordedAt: local('2025-11-03 13:30').toISOString() }, 'recorded late, for the due time it was set for');
});

t.test('given two firing loops on one database, when a timer is due, then one event is recorded', async (t) => {
  const databaseUrl = await freshDatabase(t, 'timers');
  const clock = fakeClock(local('2025-11-03 10:00'));
  const first = await startTimersApp(t, databaseUrl, { clock: clock.now });
  const second = await startTimersApp(t, databaseUrl, { clock: clock.now });
  const orders = workOrders(first.app.eventStore);
  const ids = await Promise.all(['GZ2025110300021', 'GZ2025110300022', 'GZ2025110300023'].map((no) => orders.dispatch(no, local('2025-11-03 10:00'))));
  await eventually(async () => (await Promise.all(ids.map((id) => timersOf(first.app.deadlineTimers.db, id)))).every((rows) => rows.length === 2), 5_000, 'timers set');

  clock.set(signForDue);
  // Both loops at once, and each app's own call on top.
  first.app.deadlineTimers.wake();
  second.app.deadlineTimers.wake();
  await Promise.all([first.app.deadlineTimers.fireDue(), second.app.deadlineTimers.fireDue(), first.app.deadlineTimers.fireDue()]);
  await pause(300);
  for (const id of ids) {
    const overdue = (await streamEvents(first.app.eventStore, id)).filter((e) => e.type === 'SignForOverdue');
    t.equal(overdue.length, 1, `order ${id}: one SignForOverdue`);
  }
});

t.test('given a loop that recorded the overdue event and died before marking its timer, then firing again records nothing more', async (t) => {
  const databaseUrl = await freshDatabase(t, 'timers');
  const clock = fakeClock(local('2025-11-03 10:00'));
  // No loop in this instance: the test plays the loop that dies.
  const { app } = await startTimersApp(t, databaseUrl, { clock: clock.now, fire: false });
  const workOrderId = await workOrders(app.eventStore).dispatch('GZ2025110300031', local('2025-11-03 10:00'));
  const timer = await eventually(async () => (await timersOf(app.deadlineTimers.db, workOrderId)).find((row) => row.kind === 'sign_for'), 5_000, 'the sign-for timer');
  const deps = { store: app.eventStore, calendar: new CalendarBook(app.eventStore, officialCalendarData, {}), events: testWorkOrderEvents };

  t.equal(await fireTimer(deps, timer, signForDue), 'recorded', 'the first fire records the event... and the process dies');
  t.equal(await fireTimer(deps, timer, local('2025-11-03 12:05')), 'already_recorded', 'the next fire finds it by its command id');
  clock.set(local('2025-11-03 12:10'));
  await app.deadlineTimers.fireDue();
  const overdue = (await streamEvents(app.eventStore, workOrderId)).filter((e) => e.type === 'SignForOverdue');
  t.equal(overdue.length, 1, 'one event in all');
  t.match(overdue[0]?.data, { recordedAt: signForDue.toISOString() }, 'the first one');
  await eventually(async () => (await timersOf(app.deadlineTimers.db, workOrderId)).find((row) => row.kind === 'sign_for')?.state === 'fired', 5_000, 'the timer marked fired');
});
