// A deployment that ran the hotline's own timers (before @bureau/durable-timers) upgrades in place:
// timers written by the old projection, one claimed by the old loop when it stopped, one whose event
// the old loop recorded before dying, are all kept (same generation, no rebuild) and each fires once.
import { testWorkOrderEvents } from '../support/events.js';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { createProjectionEngine, loadGenerations } from '@bureau/projections';
import { freshDatabase } from '@bureau/testing';
import { officialCalendarData } from '@bureau/working-calendar';
import { Kysely, PostgresDialect, sql } from 'kysely';
import t, { type Test } from 'tap';
import { CalendarBook } from '../../src/calendar/calendar-book.js';
import { fireTimer } from '../../src/timers/fire-timer.js';
import { timersOf } from '../../src/timers/index.js';
import { eventually, local, streamEvents, workOrders } from '../outbox/support.js';
import { timersProjection as timersProjectionBeforePackage } from './legacy/timers-projection-before-package.js';
import { fakeClock, pause, startTimersApp } from './support.js';

const silent = { info() {}, warn() {}, error() {} };
const signForDue = local('2025-11-03 12:00');
const replyDue = local('2025-11-25 00:00');

/** A deployment of the code before the package, stopped with its timers pending. */
async function oldDeployment(t: Test) {
  const databaseUrl = await freshDatabase(t, 'timers');
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  t.teardown(() => store.close());
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: store.pool }) });
  const orders = workOrders(store);

  // The old code at work: its projection writes the timers table (generation 1).
  const old = createProjectionEngine({ store, pool: store.pool, projections: [timersProjectionBeforePackage({ onScheduled: () => undefined })], logger: silent });
  await old.start();
  // Stopped below once its work is done; stopped here too if the test fails before that.
  let oldStopped = false;
  t.teardown(() => (oldStopped ? undefined : old.stop()));
  const ids = await Promise.all(['GZ2025110300061', 'GZ2025110300062', 'GZ2025110300063', 'GZ2025110300064'].map((no) => orders.dispatch(no, local('2025-11-03 10:00'))));
  const [, b, c, d] = ids as [string, string, string, string];
  await orders.signFor(d, local('2025-11-03 11:00'));
  await eventually(async () => {
    // The engine makes its first generation in the background: until then the table is not there.
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM hotline_timers WHERE state = 'cancelled'`.execute(db).then((r) => r.rows, () => []);
    return rows[0]?.n === 1;
  }, 10_000, 'the old projection wrote the timers');
  await old.stop();
  oldStopped = true;
  // The old loop's last moments: B claimed (its statement, verbatim) and left leased; C's overdue
  // event recorded with the old command id, the timer not yet marked.
  const leaseUntil = new Date(signForDue.getTime() + 30_000);
  await sql`
    UPDATE hotline_timers SET fire_at = ${leaseUntil}, attempts = attempts + 1
     WHERE timer_id = (
       SELECT timer_id FROM hotline_timers WHERE state = 'pending' AND fire_at <= ${signForDue} AND work_order_id = ${b}
        ORDER BY fire_at LIMIT 1 FOR UPDATE SKIP LOCKED)`.execute(db);
  const deps = { store, calendar: new CalendarBook(store, officialCalendarData, {}), events: testWorkOrderEvents };
  const cTimer = { timer_id: `${c}/sign_for`, subject_id: c, kind: 'sign_for', due_at_iso: signForDue.toISOString(), attempts: 1, repeat: null };
  t.equal(await fireTimer(deps, cTimer, signForDue), 'recorded', 'C recorded by the old loop, which then died');
  const columnsBefore = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'hotline_timers_g1'`.execute(db);
  t.notOk(columnsBefore.rows.some((r) => r.column_name === 'basis'), 'the old schema');
  const overdue = async (id: string, type: string) => (await streamEvents(store, id)).filter((e) => e.type === type).length;
  return { databaseUrl, store, db, ids: ids as [string, string, string, string], overdue };
}

t.test('given pending timers in the old table, when the new code starts, then each timer fires once', async (t) => {
  const { databaseUrl, db, ids, overdue } = await oldDeployment(t);
  const [a, b, c, d] = ids;

  // The new code starts: the table is upgraded in place and its loop takes over.
  const clock = fakeClock(local('2025-11-03 12:01'));
  const { app } = await startTimersApp(t, databaseUrl, { clock: clock.now });
  await eventually(async () => (await Promise.all([a, b, c].map((id) => timersOf(app.deadlineTimers.db, id)))).every((rows) => rows.find((r) => r.kind === 'sign_for')?.state === 'fired'), 10_000, 'sign-for timers fired');
  await pause(300);
  t.equal(await app.deadlineTimers.fireDue(), 0);
  for (const id of [a, b, c]) t.equal(await overdue(id, 'SignForOverdue'), 1, `order ${id}: one SignForOverdue`);
  t.equal(await overdue(d, 'SignForOverdue'), 0, 'the order signed for in time: none');
  t.match((await timersOf(app.deadlineTimers.db, b)).find((r) => r.kind === 'sign_for'), { attempts: 2, outcome: 'recorded' }, "the old loop's claim was kept");
  const generations = await loadGenerations(db, 'hotline_deadline_timers');
  t.same(generations.map((g) => [g.generation, g.state]), [[1, 'active']], 'the same generation: upgraded, not rebuilt');

  // The reply timers the old code set fire too, once each, on the due time it set.
  clock.set(replyDue);
  app.deadlineTimers.wake();
  await eventually(async () => (await Promise.all([a, b, c, d].map((id) => overdue(id, 'ReplyOverdue')))).every((n) => n === 1), 10_000, 'ReplyOverdue for each order');
  await pause(300);
  t.equal(await app.deadlineTimers.fireDue(), 0);
  for (const id of [a, b, c, d]) t.equal(await overdue(id, 'ReplyOverdue'), 1, `order ${id}: one ReplyOverdue`);
});

t.test('given pending timers in the old table, when two instances of the new code start at once, then each timer fires once', async (t) => {
  const { databaseUrl, db, ids, overdue } = await oldDeployment(t);
  const clock = fakeClock(local('2025-11-03 12:01'));
  // Both upgrade (one waits on the other's lock, then finds nothing to do) and both run a loop.
  const [one, two] = await Promise.all([startTimersApp(t, databaseUrl, { clock: clock.now }), startTimersApp(t, databaseUrl, { clock: clock.now })]);
  const [a, b, c] = ids;
  await eventually(async () => (await Promise.all([a, b, c].map((id) => overdue(id, 'SignForOverdue')))).every((n) => n === 1), 10_000, 'SignForOverdue for A, B, C');
  clock.set(replyDue);
  one.app.deadlineTimers.wake();
  two.app.deadlineTimers.wake();
  await Promise.all([one.app.deadlineTimers.fireDue(), two.app.deadlineTimers.fireDue()]);
  await eventually(async () => (await Promise.all(ids.map((id) => overdue(id, 'ReplyOverdue')))).every((n) => n === 1), 10_000, 'ReplyOverdue for each order');
  await pause(300);
  for (const id of ids) {
    t.equal(await overdue(id, 'SignForOverdue'), id === ids[3] ? 0 : 1, `order ${id}: sign-for overdue once, or never if signed for`);
    t.equal(await overdue(id, 'ReplyOverdue'), 1, `order ${id}: one ReplyOverdue`);
  }
  const generations = await loadGenerations(db, 'hotline_deadline_timers');
  t.same(generations.map((g) => [g.generation, g.state]), [[1, 'active']], 'upgraded once, in place');
});
