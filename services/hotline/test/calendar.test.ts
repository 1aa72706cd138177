// The working-day calendar: loading a year is the city administrator's API call recorded as an event; an
// order whose deadline falls in a year with no calendar is recorded all the same, its deadlines counted
// provisionally (weekends only) and marked so, the administrator told (health, worklist, metric), and
// counted again as an event when the year is loaded; deadlines record the version.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { eventually } from '@bureau/testing';
import { buildHotlineApp } from '../src/app.js';
import { citizen, hotlineFixture, local, PLATFORM_ID, PLATFORM_SECRET } from './support/app.js';

// Test data in the official format (not the real 2027 notice, which is not published yet).
const year2027 = { source: '国务院办公厅关于2027年部分节假日安排的通知（测试）', off: ['2027-01-01/2027-01-03', '2027-02-06/2027-02-13'], work: ['2027-02-20'] };

t.test('the working-day calendar', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-12-28 10:00' });
  const load = (body: object, authorization = f.tokens.cityAdmin, year = '2027') =>
    f.app.inject({ method: 'PUT', url: `/calendar/years/${year}`, headers: { authorization }, payload: { commandId: randomUUID(), ...body } });
  const calendarEvents = async () => {
    const events = [];
    try {
      for await (const e of f.app.eventStore.readStream('calendar-official')) events.push(e);
    } catch {
      return [];
    }
    return events;
  };
  // A complaint (15 working days) dispatched on Monday 28 December 2026 is due in January 2027.
  const dispatchBody = JSON.stringify({
    messageId: randomUUID(), type: 'order.dispatched', orderNo: 'GZ-2027-1', occurredAt: f.clock.now.toISOString(),
    data: { category: 'complaint', citizen, content: '跨年工单', role: 'lead' },
  });
  const orderId = f.idOf('GZ-2027-1');

  const before = await f.get('/calendar');
  t.equal(before.statusCode, 200);
  t.same(before.json().years, [2024, 2025, 2026]);
  const shippedVersion = before.json().version;

  t.test('given no 2027 calendar, when a deadline falls in 2027, then the order is recorded with provisional deadlines and the administrator is told', async (t) => {
    const res = await f.pushRaw(dispatchBody);
    t.equal(res.statusCode, 200, res.body);
    const [dispatched] = await f.streamOf(orderId);
    // Weekends only in 2027: 29, 30, 31 Dec, 1 Jan (a Friday, counted), 4–8, 11–15, 18 Jan: the 15th working day is Monday 18 January.
    t.match(dispatched?.data, { replyDueAt: local('2027-01-19 00:00').toISOString(), provisionalYears: [2027] });
    const after = `?after=${encodeURIComponent(res.json().position)}`;
    t.match((await f.get(`/work-orders/${orderId}${after}`)).json(), { provisionalYears: [2027], replyDueAt: local('2027-01-19 00:00').toISOString() });
    const worklist = (await f.get(`/worklist${after}`)).json();
    t.match(worklist.entries, [{ workOrderId: orderId, provisionalYears: [2027] }]);
    t.match(worklist.warnings, [{ rule: 'calendar_year_missing', years: [2027], message: /2027/ }]);
    const ready = await f.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(ready.statusCode, 200, 'the service stays ready');
    t.match(ready.json(), { status: 'ready', warnings: { calendar: /2027.*1 open order/ } });
    t.notOk(ready.json().warnings.organisations, 'the centre is in the registry');
    const metrics = await f.app.inject({ method: 'GET', url: '/metrics' });
    t.match(metrics.body, /hotline_provisional_deadlines\{year="2027"\} 1\n/);
    // The administrators' page reads them by year, within the caller's reach: 白云's administrator counts none of 花都's.
    t.strictSame((await f.get('/provisional-deadlines', f.tokens.admin)).json(), { years: [{ year: 2027, openOrders: 1 }] });
    t.strictSame((await f.get('/provisional-deadlines', f.tokens.cityAdmin)).json(), { years: [{ year: 2027, openOrders: 1 }] });
    t.strictSame((await f.get('/provisional-deadlines', f.token('administrator', 'user-baiyun-admin', 'baiyun-bureau'))).json(), { years: [] });
    t.equal((await f.get('/provisional-deadlines', f.tokens.staff)).statusCode, 403);
  });

  t.test('given bad calendar data or the wrong role, then 400 naming the entry / 403, and nothing is loaded', async (t) => {
    const bad = await load({ ...year2027, off: ['2027-01-01', '2027-02-30'], work: ['2027-02-22'] });
    t.equal(bad.statusCode, 400);
    t.same(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['body.off[1]', 'body.work[0]']);
    t.match(bad.json().errors.find((e: { field: string }) => e.field === 'body.work[0]').message, /Monday/);
    const outside = await load({ ...year2027, off: ['2028-01-01'] });
    t.same(outside.json().errors.map((e: { field: string }) => e.field), ['body.off[0]']);
    t.equal((await load({ ...year2027, source: '' })).statusCode, 400);
    t.equal((await load(year2027, f.tokens.auditor)).statusCode, 403);
    t.equal((await f.app.inject({ method: 'GET', url: '/calendar' })).statusCode, 401);
    t.same(await calendarEvents(), []);
  });

  t.test('given 2027 loaded through the API, then the load is an event and the deadline computes on it', async (t) => {
    const other = await buildHotlineApp(f.config, { clock: () => f.clock.now, readModels: { standbyPollMs: 50 } });
    t.teardown(() => other.close());
    await other.ready();

    const loaded = await load(year2027);
    t.equal(loaded.statusCode, 200, loaded.body);
    const { calendarVersion } = loaded.json();
    t.match(loaded.json(), { year: '2027', years: [2024, 2025, 2026, 2027], revision: '0', alreadyApplied: false });
    t.not(calendarVersion, shippedVersion, 'a new version');
    const [event, ...more] = await calendarEvents();
    t.same(more, []);
    t.match(event, {
      type: 'OfficialCalendarYearLoaded',
      data: { year: '2027', off: year2027.off, work: year2027.work, loadedBy: 'user-city-admin', calendarVersion, replacedExisting: false },
      metadata: { actor: { id: 'user-city-admin', role: 'city_administrator', organisation: 'gz' } },
    });
    t.match((await f.get('/calendar', f.tokens.auditor)).json(), { version: calendarVersion, years: [2024, 2025, 2026, 2027], loads: [{ year: '2027', calendarVersion }] });

    // The provisional deadlines are counted again on the loaded year, as an event (here and on the other
    // instance at once: one recount is recorded).
    await f.app.provisionalDeadlines.recountNow();
    await other.provisionalDeadlines.recountNow();
    const [dispatched, recomputed, ...rest] = await f.streamOf(orderId);
    t.same(rest, [], 'recorded once');
    t.match(dispatched?.data, { replyDueAt: local('2027-01-19 00:00').toISOString(), provisionalYears: [2027] }, 'the provisional count stays in the history');
    // 29, 30, 31 Dec, then 1–3 Jan off: 4–8, 11–15, 18, 19 Jan: the 15th working day is Tuesday 19 January.
    t.match(recomputed, {
      type: 'DeadlinesRecomputed',
      data: {
        by: { kind: 'rule', rule: 'calendar_year_loaded' },
        previous: { replyDueAt: local('2027-01-19 00:00').toISOString(), provisionalYears: [2027] },
        replyDueAt: local('2027-01-20 00:00').toISOString(),
        running: { signFor: true, reply: true },
        calendarVersion,
        provisionalYears: [],
      },
    });
    const position = await f.app.eventStore.lastCommittedPosition();
    const after = position ? `?after=${encodeURIComponent(`${position.commit}/${position.prepare}`)}` : '';
    t.match((await f.get(`/work-orders/${orderId}${after}`)).json(), { provisionalYears: [], replyDueAt: local('2027-01-20 00:00').toISOString(), calendarVersion });
    t.same((await f.get(`/worklist${after}`)).json().warnings, [], 'nothing waits for a calendar any more');
    t.notOk((await f.app.inject({ method: 'GET', url: '/readyz' })).json().warnings);
    t.strictSame((await f.get('/provisional-deadlines', f.tokens.admin)).json(), { years: [] }, 'none waiting once loaded');
    const redelivered = await f.pushRaw(dispatchBody);
    t.match(redelivered.json(), { duplicate: true }, 'a redelivery of the dispatch changes nothing');

    // Another instance learns of the load (subscription, or a re-read when a year is missing).
    const body = JSON.stringify({
      messageId: randomUUID(), type: 'order.dispatched', orderNo: 'GZ-2027-2', occurredAt: f.clock.now.toISOString(),
      data: { category: 'report', citizen, content: '另一实例', role: 'lead' },
    });
    const elsewhere = await other.inject({
      method: 'POST', url: `/integrations/12345/${PLATFORM_ID}/messages`,
      headers: { 'content-type': 'application/json', ...signingHeaders(PLATFORM_ID, PLATFORM_SECRET, body, f.clock.now) }, payload: body,
    });
    t.equal(elsewhere.statusCode, 200, elsewhere.body);
    t.equal(other.hotlineCalendar.current().calendar.version, calendarVersion);
  });

  t.test('given the same year again, then nothing new; different entries need replaceExisting', async (t) => {
    const again = await load(year2027);
    t.equal(again.statusCode, 200);
    t.equal((await calendarEvents()).length, 1, 'an identical load records nothing');
    const amended = { ...year2027, off: [...year2027.off, '2027-04-05'] };
    const conflict = await load(amended);
    t.equal(conflict.statusCode, 422);
    t.equal(conflict.json().rule, 'calendar_year_conflict');
    const replaced = await load({ ...amended, replaceExisting: true });
    t.equal(replaced.statusCode, 200);
    t.match((await calendarEvents())[1], { data: { replacedExisting: true, calendarVersion: replaced.json().calendarVersion } });
    t.equal(f.app.hotlineCalendar.current().calendar.isWorkingDay('2027-04-05'), false);
  });
});

t.test('a provisional deadline that the official year moves into the past makes the order overdue from the moment of the recount, not backdated', async (t) => {
  // A consultation (2 working days) on Thursday 31 December 2026; 2027 not loaded: due at the end of
  // Monday 4 January (Friday 1 January counted as a weekday).
  const f = await hotlineFixture(t, { start: '2026-12-31 10:00' });
  t.equal((await f.dispatch('GZ-2027-9', { category: 'consultation' })).statusCode, 200);
  const orderId = f.idOf('GZ-2027-9');
  t.match((await f.streamOf(orderId))[0]?.data, { replyDueAt: local('2027-01-05 00:00').toISOString(), provisionalYears: [2027] });
  // Loaded on Monday 4 January at 10:00; the notice makes Saturday 2 January a working day (调休上班).
  f.clock.set('2027-01-04 10:00');
  const loaded = await f.app.inject({
    method: 'PUT', url: '/calendar/years/2027', headers: { authorization: f.tokens.cityAdmin },
    payload: { commandId: randomUUID(), source: '测试通知', off: [], work: ['2027-01-02'] },
  });
  t.equal(loaded.statusCode, 200, loaded.body);
  await f.app.provisionalDeadlines.recountNow();
  t.match((await f.streamOf(orderId)).map((e) => e.type), ['WorkOrderDispatched', 'DeadlinesRecomputed']);
  t.match((await f.streamOf(orderId))[1]?.data, { replyDueAt: local('2027-01-03 00:00').toISOString(), recomputedAt: local('2027-01-04 10:00').toISOString() });
  // The timer moves when the timers' projection has read the recount (its own pace on a loaded machine).
  const overdue = await eventually(async () => {
    await f.app.deadlineTimers.fireDue();
    const found = (await f.streamOf(orderId)).filter((e) => e.type === 'ReplyOverdue');
    return found.length > 0 ? found : undefined;
  }, 60_000, 'ReplyOverdue for the recounted due time');
  t.match(overdue, [{ data: { dueAt: local('2027-01-03 00:00').toISOString(), recordedAt: local('2027-01-04 10:00').toISOString() } }], 'overdue recorded now, for the recounted due time');
});
