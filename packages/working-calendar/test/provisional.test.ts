// Work that reaches into a year with no official calendar is still recorded: its deadlines are counted
// by weekday alone (provisional) and say which years were guessed (domain reference §4).
import t from 'tap';
import { atLocalTime, createOfficialWorkingCalendar, endOfLocalDay, officialOrProvisional } from '../src/index.js';

const calendar = createOfficialWorkingCalendar();
const from = atLocalTime('2026-12-20', '10:00'); // a Sunday; Dec 21–31 hold 9 working days

t.test('given a count that stays in loaded years, then it is official', async (t) => {
  t.same(officialOrProvisional(calendar, (c) => c.addWorkingDays(from, 9)), { value: endOfLocalDay('2026-12-31'), provisionalYears: [] });
});

t.test('given 15 working days into 2027, then weekdays alone count in 2027 and the year is named', async (t) => {
  // 9 in December, then Fri 1 (10th), Mon 4 .. Fri 8 (11th to 15th): by weekday alone, Fri 2027-01-08.
  const due = officialOrProvisional(calendar, (c) => c.addWorkingDays(from, 15));
  t.same(due, { value: endOfLocalDay('2027-01-08'), provisionalYears: [2027] });
});

t.test('given working hours over the new year, then provisional too', async (t) => {
  const due = officialOrProvisional(calendar, (c) => c.addWorkingHours(atLocalTime('2026-12-31', '17:00'), 2));
  t.same(due, { value: atLocalTime('2027-01-01', '10:00'), provisionalYears: [2027] }, 'Jan 1 is a Friday: by weekday, a working day');
});

t.test('the official calendar itself still never guesses', async (t) => {
  t.throws(() => calendar.addWorkingDays(from, 15), { code: 'calendar_year_missing', year: 2027 });
  const provisional = calendar.provisional(() => undefined);
  t.equal(provisional.isWorkingDay('2027-01-02'), false, 'a Saturday');
  t.equal(provisional.isWorkingDay('2026-10-01'), false, 'loaded years keep their holidays');
});
