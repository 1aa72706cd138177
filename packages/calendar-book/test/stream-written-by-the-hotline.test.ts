// The calendar stream as the hotline wrote it before the book was a package (same stream name, event
// type and data, version 1 or unstamped) loads in the book unchanged: no migration of stored events.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { calendarVersion, mergeCalendarYears, officialCalendarData } from '@bureau/working-calendar';
import { CalendarBook } from '../src/index.js';
import { freshStore, legalAidRules, local, storedEnvelope, year2027 } from './support/legal-aid.js';

t.test('given a calendar stream of the hotline\'s events, when a book reads it, then the years and version are as loaded', async (t) => {
  const { store } = await freshStore(t);
  const merged = mergeCalendarYears(officialCalendarData, { source: year2027.source, timezone: 'Asia/Shanghai', years: { 2027: { off: year2027.off, work: year2027.work } } });
  const amended = { ...year2027, off: [...year2027.off, '2027-04-05'] };
  const mergedAmended = mergeCalendarYears(merged, { source: year2027.source, timezone: 'Asia/Shanghai', years: { 2027: { off: amended.off, work: amended.work } } }, { replaceExisting: true });
  const { schemaVersion: _unstamped, ...olderEnvelope } = storedEnvelope('2026-11-21T02:00:00.000Z');
  // Byte for byte what services/hotline stored: a load, then an amended notice replacing it.
  await store.appendToStream('calendar-official', [
    {
      id: randomUUID(), type: 'OfficialCalendarYearLoaded', metadata: storedEnvelope('2026-11-20T02:00:00.000Z'),
      data: { year: '2027', ...year2027, loadedBy: 'user-administrator', loadedAt: '2026-11-20T02:00:00.000Z', calendarVersion: calendarVersion(merged), replacedExisting: false },
    },
    {
      id: randomUUID(), type: 'OfficialCalendarYearLoaded', metadata: olderEnvelope,
      data: { year: '2027', ...amended, loadedBy: 'user-administrator', loadedAt: '2026-11-21T02:00:00.000Z', calendarVersion: calendarVersion(mergedAmended), replacedExisting: true },
    },
  ]);

  const book = new CalendarBook(store, { buildRules: legalAidRules });
  t.equal(await book.refresh(), true);
  const { calendar, loads, revision } = book.current();
  t.same(calendar.years, [2024, 2025, 2026, 2027]);
  t.equal(calendar.version, calendarVersion(mergedAmended), 'the version each load recorded is the version the book computes');
  t.same(loads.map((l) => [l.year, l.replacedExisting]), [['2027', false], ['2027', true]]);
  t.equal(revision, 1n);
  t.equal(calendar.isWorkingDay('2027-04-05'), false, 'the amended notice is in force');
  t.equal(book.rules().reviewDueAt(local('2026-12-28 10:00')).toISOString(), local('2027-01-08 00:00').toISOString());
});
