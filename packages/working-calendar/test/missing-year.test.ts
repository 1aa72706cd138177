// A deadline that needs a year with no official calendar loaded fails loudly: never a guess.
import t from 'tap';
import { CalendarYearMissingError, atLocalTime, createOfficialWorkingCalendar, endOfLocalDay } from '../src/index.js';

const calendar = createOfficialWorkingCalendar();
const missing = (year: number) => ({ name: 'CalendarYearMissingError', code: 'calendar_year_missing', year });

t.test('given the shipped calendar, then exactly 2024–2026 are loaded', async (t) => {
  t.same(calendar.years, [2024, 2025, 2026]);
});

t.test('given a day of 2027 or 2023, when asked whether it is a working day, then CalendarYearMissingError names the year', async (t) => {
  t.throws(() => calendar.isWorkingDay('2027-01-04'), missing(2027));
  t.throws(() => calendar.isWorkingDay('2023-12-29'), missing(2023));
  t.throws(() => calendar.isWorkingDay('2027-01-04'), CalendarYearMissingError);
});

t.test('working days crossing from 2026 into 2027', async (t) => {
  const from = atLocalTime('2026-12-20', '10:00'); // a Sunday; Dec 21–31 hold 9 working days
  t.test('given 15 working days from Sun 2026-12-20, then the count needs January 2027: CalendarYearMissingError(2027)', async (t) => {
    t.throws(() => calendar.addWorkingDays(from, 15), missing(2027));
  });
  t.test('given 9 working days from the same day, then the deadline is end of Thu Dec 31 and 2027 is never inspected', async (t) => {
    t.same(calendar.addWorkingDays(from, 9), endOfLocalDay('2026-12-31'));
  });
  t.test('given a range reaching into 2027, then workingDaysBetween fails too', async (t) => {
    t.throws(() => calendar.workingDaysBetween('2026-12-30', '2027-01-05'), missing(2027));
  });
});

t.test('working hours crossing from 2026 into 2027', async (t) => {
  t.test('given 2 hours from 17:00 on Thu 2026-12-31, then the second hour needs 2027: CalendarYearMissingError(2027)', async (t) => {
    t.throws(() => calendar.addWorkingHours(atLocalTime('2026-12-31', '17:00'), 2), missing(2027));
  });
  t.test('given 2 hours from 16:00 on Thu 2026-12-31, then they end at 18:00 that day', async (t) => {
    t.same(calendar.addWorkingHours(atLocalTime('2026-12-31', '16:00'), 2), atLocalTime('2026-12-31', '18:00'));
  });
});

t.test('starting in 2023', async (t) => {
  t.test('given an order on Thu 2023-12-28, when 1 working day is added, then Dec 29 2023 is unknown: CalendarYearMissingError(2023)', async (t) => {
    t.throws(() => calendar.addWorkingDays(atLocalTime('2023-12-28', '10:00'), 1), missing(2023));
  });
  t.test('given 0 working days from Sun 2023-12-31, then that day itself is unknown: CalendarYearMissingError(2023)', async (t) => {
    t.throws(() => calendar.addWorkingDays(atLocalTime('2023-12-31', '10:00'), 0), missing(2023));
  });
  t.test('given 1 working day from Sun 2023-12-31, then only 2024 is counted (Jan 1 off): end of Tue 2024-01-02', async (t) => {
    t.same(calendar.addWorkingDays(atLocalTime('2023-12-31', '10:00'), 1), endOfLocalDay('2024-01-02'));
  });
  t.test('given 2 working hours from 10:00 on 2023-12-31, then that day is unknown: CalendarYearMissingError(2023)', async (t) => {
    t.throws(() => calendar.addWorkingHours(atLocalTime('2023-12-31', '10:00'), 2), missing(2023));
  });
  t.test('given 2 working hours from 20:00 on 2023-12-31 (after closing), then only 2024 is counted: 11:00 Tue 2024-01-02', async (t) => {
    t.same(calendar.addWorkingHours(atLocalTime('2023-12-31', '20:00'), 2), atLocalTime('2024-01-02', '11:00'));
  });
});
