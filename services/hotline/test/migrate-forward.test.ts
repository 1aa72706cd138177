// A deployment that already has the hotline's tables, a loaded calendar year and orders written before
// office hours were recorded: the new code starts on it, reads every stored event and loses nothing.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { freshDatabase } from '@bureau/testing';
import { buildHotlineApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { testWorkOrderEvents as workOrderEvents } from './support/events.js';
import { workOrderStreamName } from '../src/domain/index.js';
import { workOrderIdOf } from '../src/work-order-id.js';
import { JWT_SECRET, local, PLATFORM_ID, PLATFORM_SECRET } from './support/app.js';
import { signTestToken } from '@bureau/service-kit/testing';

const envelope = (occurredAt: string) => ({
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'user-administrator', role: 'administrator', organisation: 'huadu-plsc' },
  occurredAt,
  schemaVersion: 1,
});

t.test('given a 2027 year and an order stored by the hotline before this change, then both read on', async (t) => {
  const databaseUrl = await freshDatabase(t, 'hotline');
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  // As the hotline wrote them: the calendar stream and a dispatch without officeHours, both version 1.
  const loadedAt = '2026-11-20T02:00:00.000Z';
  await store.appendToStream('calendar-official', [{
    id: randomUUID(), type: 'OfficialCalendarYearLoaded', metadata: envelope(loadedAt),
    data: {
      year: '2027', off: ['2027-01-01/2027-01-03'], work: [], source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      loadedBy: 'user-administrator', loadedAt, calendarVersion: 'stored-before', replacedExisting: false,
    },
  }]);
  const workOrderId = workOrderIdOf(PLATFORM_ID, 'GZ-OLD-1');
  const dispatchedAt = local('2026-12-28 10:00').toISOString();
  await store.appendToStream(workOrderStreamName(workOrderId), [{
    id: randomUUID(), type: 'WorkOrderDispatched', metadata: { ...envelope(dispatchedAt), actor: { id: PLATFORM_ID, role: 'hotline_platform', organisation: 'gz12345' } },
    data: {
      workOrderId, by: { kind: 'platform', platformId: PLATFORM_ID }, externalNumber: 'GZ-OLD-1', category: 'consultation', unitRole: 'lead',
      citizen: { name: '李四', phone: '13900000000' }, content: '旧工单', dispatchedAt, platformDueAt: null,
      signForDueAt: local('2026-12-28 12:00').toISOString(), replyDueAt: local('2026-12-31 00:00').toISOString(), replyDueSource: 'category_limit',
      returnWindowEndsAt: local('2026-12-31 00:00').toISOString(),
      limits: { signForWorkingHours: 2, replyWorkingDays: 2, returnWindowWorkingDays: 2 }, calendarVersion: 'stored-before',
    },
  }]);
  await store.close();

  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, CITY_ID: 'gz', HOTLINE_CENTRE_ID: 'huadu-plsc', ORGANISATIONS_SEED: 'demo', PLATFORM_ID, PLATFORM_SECRET, PLATFORM_BASE_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'warn' });
  const app = await buildHotlineApp(config, { clock: () => local('2026-12-28 11:00'), readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => app.close());
  await app.ready();

  const admin = `Bearer ${signTestToken(JWT_SECRET, { sub: 'user-administrator', role: 'administrator', org: 'huadu-plsc' })}`;
  const calendar = await app.inject({ method: 'GET', url: '/calendar', headers: { authorization: admin } });
  t.equal(calendar.statusCode, 200);
  t.match(calendar.json(), { years: [2024, 2025, 2026, 2027], loads: [{ year: '2027', loadedBy: 'user-administrator', calendarVersion: 'stored-before' }] });
  t.equal(app.hotlineCalendar.current().calendar.isWorkingDay('2027-01-04'), true, 'the stored year is in the calendar in use');
  t.equal(app.hotlineCalendar.current().calendar.isWorkingDay('2027-01-01'), false);

  // The old dispatch reads back upcast: the default hours it was counted in, nothing else changed.
  const [stored] = await (async () => {
    const events = [];
    for await (const e of app.eventStore.readStream(workOrderStreamName(workOrderId))) events.push(e);
    return events;
  })();
  t.ok(stored);
  if (!stored) return;
  const read = workOrderEvents.fromRecorded(stored);
  t.match(read.data, { externalNumber: 'GZ-OLD-1', calendarVersion: 'stored-before', owner: 'huadu-plsc', officeHours: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }] });

  // The read model still shows the order, and the centre can still act on it.
  const view = async () => app.inject({ method: 'GET', url: `/work-orders/${workOrderId}`, headers: { authorization: admin } });
  let shown = await view();
  for (let i = 0; i < 100 && shown.statusCode !== 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    shown = await view();
  }
  t.equal(shown.statusCode, 200, shown.body);
  t.match(shown.json(), { externalNumber: 'GZ-OLD-1', calendarVersion: 'stored-before' });
  const staff = `Bearer ${signTestToken(JWT_SECRET, { sub: 'staff-li', role: 'centre_staff', org: 'huadu-plsc' })}`;
  const signed = await app.inject({ method: 'POST', url: `/work-orders/${workOrderId}/sign-for`, headers: { authorization: staff }, payload: { commandId: randomUUID() } });
  t.equal(signed.statusCode, 200, signed.body);
});
