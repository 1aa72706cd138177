// The book on a real PostgreSQL, for a service that is not the hotline (legal-aid offices): a calendar
// per organisation with its own office hours, cached; the service's rules built from it; a load seen
// after refresh.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { handleCommand } from '@bureau/service-kit';
import { DEFAULT_OFFICE_HOURS } from '@bureau/working-calendar';
import { CalendarBook, calendarEvents, OfficeHoursError, officialCalendarStream } from '../src/index.js';
import { eastHours, eastOffice, freshStore, legalAidRules, local, westOffice, year2027 } from './support/legal-aid.js';

t.test('the legal-aid offices each count their own office hours on the one official calendar', async (t) => {
  const { store } = await freshStore(t);
  const book = new CalendarBook(store, { buildRules: legalAidRules, officeHours: { [eastOffice]: eastHours } });
  await book.refresh();

  // Received Monday 2 March 2026 11:00; 4 working hours to call back.
  const receivedAt = local('2026-03-02 11:00');
  // West (default 09-12 / 13-18): 11-12, then 13-16 → 16:00.
  t.equal(book.rules(westOffice).callBackDueAt(receivedAt).toISOString(), local('2026-03-02 16:00').toISOString());
  // East (08:30-12 / 14-17:30): 11-12, then 14-17 → 17:00.
  t.equal(book.rules(eastOffice).callBackDueAt(receivedAt).toISOString(), local('2026-03-02 17:00').toISOString());
  // Working days do not depend on the hours: 7 working days → the end of Wednesday 11 March, for both.
  t.equal(book.rules(eastOffice).reviewDueAt(receivedAt).toISOString(), local('2026-03-12 00:00').toISOString());
  t.equal(book.rules(westOffice).reviewDueAt(receivedAt).toISOString(), local('2026-03-12 00:00').toISOString());

  t.same(book.calendarFor(eastOffice).officeHours, eastHours);
  t.same(book.calendarFor(westOffice).officeHours, DEFAULT_OFFICE_HOURS, 'an office with none configured: the default');
  t.same(book.calendarFor().officeHours, DEFAULT_OFFICE_HOURS, 'no organisation: the default');
  t.same(book.rules(eastOffice).configuredHours, eastHours, 'the rules builder is told the configured hours');
  t.equal(book.rules(westOffice).configuredHours, undefined, '… or that there are none');
  t.equal(book.calendarFor(eastOffice), book.calendarFor(eastOffice), 'cached per organisation');
  t.equal(book.calendarFor(westOffice), book.calendarFor('legal-aid-north'), 'offices on the default hours share one calendar');
  t.equal(book.calendarFor(eastOffice).version, book.calendarFor(westOffice).version, 'one calendar version: the hours are not the data');
});

t.test('given a year loaded on the stream, when the book refreshes, then every office computes on it', async (t) => {
  const { store } = await freshStore(t);
  const book = new CalendarBook(store, { buildRules: legalAidRules, officeHours: { [eastOffice]: eastHours } });
  t.equal(await book.refresh(), false, 'no stream yet: nothing changed');
  const east = book.calendarFor(eastOffice);
  t.throws(() => east.addWorkingDays(local('2026-12-28 10:00'), 7), { code: 'calendar_year_missing', year: 2027 });

  await handleCommand({
    store,
    registry: calendarEvents,
    streamName: officialCalendarStream,
    decider: book.decider(),
    command: { type: 'LoadOfficialCalendarYear', data: { year: '2027', ...year2027, replaceExisting: false, loadedBy: 'registrar-wu', loadedAt: new Date() } },
    context: { commandId: randomUUID(), actor: { id: 'registrar-wu', role: 'registrar', organisation: 'district-bureau' } },
  });
  t.equal(await book.refresh(), true, 'the calendar changed');
  t.equal(await book.refresh(), false, 'read again: nothing new');
  t.not(book.calendarFor(eastOffice), east, 'the cache was dropped with the old calendar');
  t.same(book.current(eastOffice).loads.map((l) => l.year), ['2027']);
  t.equal(book.current(eastOffice).revision, 0n);
  // 29, 30, 31 Dec, then 1–3 Jan off: 4, 5, 6, 7 January → the end of Thursday 7 January.
  t.equal(book.rules(eastOffice).reviewDueAt(local('2026-12-28 10:00')).toISOString(), local('2027-01-08 00:00').toISOString());
  t.equal(book.rules(westOffice).reviewDueAt(local('2026-12-28 10:00')).toISOString(), local('2027-01-08 00:00').toISOString());
});

t.test('given malformed office hours for an office, then the book refuses to start, naming it', async (t) => {
  const { store } = await freshStore(t);
  t.throws(
    () => new CalendarBook(store, { buildRules: legalAidRules, officeHours: { [eastOffice]: [{ start: '14:00', end: '17:30' }, { start: '08:30', end: '12:00' }] } }),
    OfficeHoursError,
  );
  t.throws(() => new CalendarBook(store, { buildRules: legalAidRules, officeHours: { [eastOffice]: [] } }), /legal-aid-east/);
});
