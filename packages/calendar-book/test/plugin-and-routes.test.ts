// The book wired into a service that is not the hotline: a legal-aid service with its own decoration,
// plugin name and admin role. Loading a year is a PUT by the city administrator; another instance hears of it
// through its subscription to the calendar stream.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { buildApp, eventStorePlugin, type App } from '@bureau/service-kit';
import { ownOrganisationOnly, signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { CalendarBook, calendarBookPlugin, calendarRoutes } from '../src/index.js';
import { eastHours, eastOffice, legalAidRules, local, westOffice, year2027, type LegalAidRules } from './support/legal-aid.js';

const JWT_SECRET = 'legal-aid-test-secret-0123456789abcdef';

declare module 'fastify' {
  interface FastifyInstance {
    legalAidCalendar: CalendarBook<LegalAidRules>;
  }
}

const legalAidCalendarPlugin = calendarBookPlugin<LegalAidRules>({
  name: 'legal-aid-calendar',
  decoration: 'legalAidCalendar',
  createBook: (store) => new CalendarBook(store, { buildRules: legalAidRules, officeHours: { [eastOffice]: eastHours } }),
});

async function legalAidApp(t: { teardown(fn: () => unknown): void }, databaseUrl: string, now: Date): Promise<App> {
  const app = await buildApp({ name: 'legal-aid', logLevel: 'warn', auth: { jwtSecret: JWT_SECRET } });
  app.useReachResolver(ownOrganisationOnly);
  await app.register(eventStorePlugin, { create: () => createPostgresEventStore({ connectionString: databaseUrl }) });
  await app.register(legalAidCalendarPlugin);
  await app.register(calendarRoutes({ decoration: 'legalAidCalendar', adminRoles: ['city_administrator'] }), { clock: () => now });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}

t.test('a legal-aid service loads a year through the routes; a second instance follows', async (t) => {
  const databaseUrl = await freshDatabase(t, 'calendar_book');
  const now = local('2026-11-20 10:00');
  const one = await legalAidApp(t, databaseUrl, now);
  const two = await legalAidApp(t, databaseUrl, now);
  const token = (role: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `user-${role}`, role, org: eastOffice })}`;
  const put = (role: string, body: object = year2027) =>
    one.inject({ method: 'PUT', url: '/calendar/years/2027', headers: { authorization: token(role) }, payload: { commandId: randomUUID(), ...body } });

  const before = await one.inject({ method: 'GET', url: '/calendar', headers: { authorization: token('reviewer') } });
  t.equal(before.statusCode, 200);
  t.match(before.json(), { years: [2024, 2025, 2026], loads: [] });
  t.equal((await one.inject({ method: 'GET', url: '/calendar' })).statusCode, 401);

  t.equal((await put('reviewer')).statusCode, 403, 'only the role the service passed may load');
  const bad = await put('city_administrator', { ...year2027, work: ['2027-02-22'] });
  t.equal(bad.statusCode, 400);
  t.same(bad.json().errors.map((e: { field: string }) => e.field), ['body.work[0]']);

  const loaded = await put('city_administrator');
  t.equal(loaded.statusCode, 200, loaded.body);
  const { calendarVersion } = loaded.json();
  t.match(loaded.json(), { year: '2027', years: [2024, 2025, 2026, 2027], revision: '0', alreadyApplied: false });
  t.match((await one.inject({ method: 'GET', url: '/calendar', headers: { authorization: token('reviewer') } })).json(), {
    version: calendarVersion,
    loads: [{ year: '2027', loadedBy: 'user-city_administrator', loadedAt: now.toISOString(), calendarVersion, replacedExisting: false }],
  });
  t.equal((await put('city_administrator', { ...year2027, off: ['2027-01-01'] })).statusCode, 422, 'other entries need replaceExisting');

  // The other instance: its subscription to the calendar stream brings the load, no request needed.
  for (let i = 0; i < 100 && two.legalAidCalendar.current().calendar.version !== calendarVersion; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  t.equal(two.legalAidCalendar.current().calendar.version, calendarVersion, 'the second instance reloaded');
  const receivedAt = local('2026-12-28 10:00');
  t.equal(two.legalAidCalendar.rules(eastOffice).reviewDueAt(receivedAt).toISOString(), local('2027-01-08 00:00').toISOString());
  // Thursday 31 December 2026 13:00, 4 working hours. East is at lunch until 14:00: 14:00-17:30, then the
  // last half hour on Monday 4 January (1–3 off) 08:30-09:00. West: 13:00-17:00 the same day.
  const lateInYear = local('2026-12-31 13:00');
  t.equal(two.legalAidCalendar.rules(eastOffice).callBackDueAt(lateInYear).toISOString(), local('2027-01-04 09:00').toISOString());
  t.equal(two.legalAidCalendar.rules(westOffice).callBackDueAt(lateInYear).toISOString(), local('2026-12-31 17:00').toISOString());
});
