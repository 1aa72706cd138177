// Durable deadline timers against PostgreSQL with a clock the test moves: a complaint (投诉) dispatched
// Monday 2025-11-03 10:00 is due for sign-for at 12:00 (2 working hours) and for reply at the end of
// Monday 24 November (15 working days).
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { timersOf } from '../../src/timers/index.js';
import { eventually, local, streamEvents, workOrders } from '../outbox/support.js';
import { fakeClock, pause, startTimersApp } from './support.js';

const signForDue = local('2025-11-03 12:00');
const replyDue = local('2025-11-25 00:00');

const overdueEvents = async (app: Awaited<ReturnType<typeof startTimersApp>>['app'], workOrderId: string) =>
  (await streamEvents(app.eventStore, workOrderId)).filter((e) => e.type === 'SignForOverdue' || e.type === 'ReplyOverdue');

t.test('given an order not signed for, then SignForOverdue is recorded at the due moment, not before, and once', async (t) => {
  const clock = fakeClock(local('2025-11-03 10:00'));
  const { app, logs } = await startTimersApp(t, await freshDatabase(t, 'timers'), { clock: clock.now });
  const orders = workOrders(app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110300001', local('2025-11-03 10:00'));
  const timers = await eventually(async () => {
    const rows = await timersOf(app.deadlineTimers.db, workOrderId);
    return rows.length === 2 ? rows : undefined;
  }, 60_000, 'both timers scheduled');
  t.match(timers, [
    { kind: 'reply', state: 'pending', due_at_iso: replyDue.toISOString() },
    { kind: 'sign_for', state: 'pending', due_at_iso: signForDue.toISOString() },
  ]);

  clock.set(new Date(signForDue.getTime() - 1));
  app.deadlineTimers.wake();
  await pause(300);
  t.equal(await app.deadlineTimers.fireDue(), 0, 'nothing is due a millisecond early');
  t.same(await overdueEvents(app, workOrderId), [], 'no overdue event before the due moment');

  clock.set(signForDue);
  app.deadlineTimers.wake();
  const [overdue] = await eventually(async () => {
    const found = await overdueEvents(app, workOrderId);
    return found.length > 0 ? found : undefined;
  }, 60_000, 'SignForOverdue');
  t.match(overdue, { type: 'SignForOverdue', data: { by: { kind: 'deadline_timer' }, dueAt: signForDue.toISOString(), recordedAt: signForDue.toISOString() } });
  t.match(overdue?.metadata, { actor: { id: 'hotline-deadline-timer' } });

  clock.set(local('2025-11-03 15:00'));
  app.deadlineTimers.wake();
  await pause(300);
  t.equal(await app.deadlineTimers.fireDue(), 0);
  t.equal((await overdueEvents(app, workOrderId)).length, 1, 'recorded once');
  t.match(await timersOf(app.deadlineTimers.db, workOrderId), [{ kind: 'reply', state: 'pending' }, { kind: 'sign_for', state: 'fired', outcome: 'recorded' }]);
  t.notMatch(logs.text(), /13800000000|张三/, 'no personal data in the log');
});

t.test('given an order signed for and replied to in time, then no timer ever fires', async (t) => {
  const clock = fakeClock(local('2025-11-03 10:00'));
  const { app } = await startTimersApp(t, await freshDatabase(t, 'timers'), { clock: clock.now });
  const orders = workOrders(app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110300002', local('2025-11-03 10:00'));
  await orders.signFor(workOrderId, local('2025-11-03 11:00'));
  await orders.reply(workOrderId, local('2025-11-10 16:00'));
  // Both rows must exist: `every` on no rows yet (scheduler behind) would pass at once.
  await eventually(async () => {
    const rows = await timersOf(app.deadlineTimers.db, workOrderId);
    return rows.length === 2 && rows.every((row) => row.state === 'cancelled');
  }, 60_000, 'both timers cancelled');

  clock.set(local('2025-12-01 09:00'));
  app.deadlineTimers.wake();
  await pause(300);
  t.equal(await app.deadlineTimers.fireDue(), 0);
  t.same(await overdueEvents(app, workOrderId), []);
});

t.test('given an approved extension, then the reply timer moves to the new due time', async (t) => {
  const clock = fakeClock(local('2025-11-03 10:00'));
  const { app } = await startTimersApp(t, await freshDatabase(t, 'timers'), { clock: clock.now });
  const orders = workOrders(app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110300003', local('2025-11-03 10:00'));
  await orders.signFor(workOrderId, local('2025-11-03 11:00'));
  await orders.requestExtension(workOrderId, local('2025-11-20 10:00'), 3);
  await orders.approveExtension(workOrderId, local('2025-11-21 10:00'), 3);
  // 3 working days after the end of Monday 24 November: the end of Thursday 27 November.
  const newDue = local('2025-11-28 00:00');
  await eventually(async () => (await timersOf(app.deadlineTimers.db, workOrderId))[0]?.due_at_iso === newDue.toISOString(), 60_000, 'the reply timer moved');

  clock.set(new Date(replyDue.getTime() + 3_600_000));
  app.deadlineTimers.wake();
  await pause(300);
  t.same(await overdueEvents(app, workOrderId), [], 'the old due time passes quietly');

  clock.set(newDue);
  app.deadlineTimers.wake();
  const [overdue] = await eventually(async () => {
    const found = await overdueEvents(app, workOrderId);
    return found.length > 0 ? found : undefined;
  }, 60_000, 'ReplyOverdue');
  t.match(overdue, { type: 'ReplyOverdue', data: { dueAt: newDue.toISOString() } });
});

t.test('given a returned order, then its timers are cancelled', async (t) => {
  const clock = fakeClock(local('2025-11-03 10:00'));
  const { app } = await startTimersApp(t, await freshDatabase(t, 'timers'), { clock: clock.now });
  const orders = workOrders(app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110300004', local('2025-11-03 10:00'));
  await orders.requestReturn(workOrderId, local('2025-11-03 10:30'));
  await orders.approveReturn(workOrderId, local('2025-11-03 11:00'));
  // Both rows must exist: `every` on no rows yet (scheduler behind) would pass at once.
  await eventually(async () => {
    const rows = await timersOf(app.deadlineTimers.db, workOrderId);
    return rows.length === 2 && rows.every((row) => row.state === 'cancelled');
  }, 60_000, 'both timers cancelled');
  clock.set(local('2025-12-01 09:00'));
  t.equal(await app.deadlineTimers.fireDue(), 0);
  t.same(await overdueEvents(app, workOrderId), []);
});

t.test('given a timer due in 2.5 s, then the loop sleeps until then and fires without being woken', async (t) => {
  // A clock running at real speed, set 2.5 s before the sign-for due time.
  const started = Date.now();
  const base = signForDue.getTime() - 2_500;
  const clock = () => new Date(base + (Date.now() - started));
  const { app } = await startTimersApp(t, await freshDatabase(t, 'timers'), { clock, maxSleepMs: 60_000 });
  const orders = workOrders(app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110300005', local('2025-11-03 10:00'));
  const [overdue] = await eventually(async () => {
    const found = await overdueEvents(app, workOrderId);
    return found.length > 0 ? found : undefined;
  }, 10_000, 'SignForOverdue');
  const firedAt = Date.parse(overdue?.data && typeof overdue.data === 'object' && 'recordedAt' in overdue.data ? String(overdue.data.recordedAt) : '');
  t.ok(firedAt >= signForDue.getTime(), 'not before the due moment');
  // Well short of the loop's 60 s longest sleep, so it slept until the due time; the margin is wide
  // because a loaded CI machine can hold a busy event loop for a second or two (1 s failed so, 2.1 s late).
  t.ok(firedAt - signForDue.getTime() < 5_000, `within seconds of it, not at the next 60 s look (${firedAt - signForDue.getTime()} ms late)`);
});
