// The working-day calendar: loading a year is an administrator's API call recorded as an event; a
// deadline in a year with no calendar is a clear 503, never a guess; deadlines record the version.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
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

  t.test('given no 2027 calendar, when a deadline falls in 2027, then a clear 503 and nothing is written', async (t) => {
    const res = await f.pushRaw(dispatchBody);
    t.equal(res.statusCode, 503);
    t.match(res.headers['content-type'], 'application/problem+json');
    t.match(res.json(), { type: 'urn:bureau:problem:calendar-year-missing', rule: 'calendar_year_missing', year: 2027, detail: /PUT \/calendar\/years\/2027/ });
    t.same(await f.streamOf(orderId), []);
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

    // The platform redelivers the refused dispatch: now it computes, on the new calendar.
    const redelivered = await f.pushRaw(dispatchBody);
    t.equal(redelivered.statusCode, 200, redelivered.body);
    const [dispatched] = await f.streamOf(orderId);
    // 29, 30, 31 Dec, then 1–3 Jan off: 4–8, 11–15, 18, 19 Jan: the 15th working day is Tuesday 19 January.
    t.match(dispatched?.data, { replyDueAt: local('2027-01-20 00:00').toISOString(), calendarVersion });

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
