// Loading a newly published year without a deploy.
import t from 'tap';
import { CalendarDataError, atLocalTime, createWorkingCalendar, endOfLocalDay, mergeCalendarYears, officialCalendarData } from '../src/index.js';

// A made-up year for the test, NOT the official 2027 calendar (not published when this was written).
const year2027 = { source: 'test fixture', timezone: 'Asia/Shanghai', years: { '2027': { off: ['2027-01-01'], work: [] } } };

t.test('given the shipped calendar, when a 2027 calendar is merged in, then deadlines crossing into 2027 can be computed', async (t) => {
  const merged = mergeCalendarYears(officialCalendarData, year2027);
  const calendar = createWorkingCalendar(merged);
  t.same(calendar.years, [2024, 2025, 2026, 2027]);
  // Sun 2026-12-20: Dec 21–31 hold 9 working days; Fri Jan 1 2027 off; Jan 4–8 are 10–14; Mon Jan 11 is 15.
  t.same(calendar.addWorkingDays(atLocalTime('2026-12-20', '10:00'), 15), endOfLocalDay('2027-01-11'));
  t.equal(merged.source, `${officialCalendarData.source}; test fixture`);
  t.not(calendar.version, createWorkingCalendar(officialCalendarData).version, 'new data, new version');
});

t.test('given the same year merged twice (a retried upload), then the result and its version do not change', async (t) => {
  const once = mergeCalendarYears(officialCalendarData, year2027);
  const twice = mergeCalendarYears(once, year2027);
  t.same(twice, once);
  t.equal(createWorkingCalendar(twice).version, createWorkingCalendar(once).version);
});

t.test('given a loaded year with different entries, when merged, then it is refused unless replaceExisting', async (t) => {
  const amended = { source: 'amended notice', timezone: 'Asia/Shanghai', years: { '2026': { off: ['2026-01-01'], work: [] } } };
  t.throws(() => mergeCalendarYears(officialCalendarData, amended), {
    name: 'CalendarDataError',
    issues: [{ path: 'years.2026', message: /already loaded with different entries/ }],
  });
  const replaced = mergeCalendarYears(officialCalendarData, amended, { replaceExisting: true });
  t.same(replaced.years['2026'], { off: ['2026-01-01'], work: [] });
  t.same(replaced.years['2025'], officialCalendarData.years['2025'], 'other years are kept');
});

t.test('given an invalid addition, then nothing is merged and the error names the entry', async (t) => {
  const bad = { source: 'upload', timezone: 'Asia/Shanghai', years: { '2027': { off: ['2027-02-30'], work: [] } } };
  t.throws(() => mergeCalendarYears(officialCalendarData, bad), CalendarDataError);
  t.throws(() => mergeCalendarYears(officialCalendarData, bad), { name: 'CalendarDataError', issues: [{ path: 'years.2027.off[0]' }] });
  t.same(Object.keys(officialCalendarData.years), ['2024', '2025', '2026'], 'the base is untouched');
});
