// Working-hour limits (e.g. 签收 within 2 working hours) count office time of working days only.
import t from 'tap';
import { InvalidCalendarInputError, atLocalTime, createOfficialWorkingCalendar, createWorkingCalendar, officialCalendarData } from '../src/index.js';

const calendar = createOfficialWorkingCalendar();
const plus = (date: string, time: string, hours: number) => calendar.addWorkingHours(atLocalTime(date, time), hours);

t.test('default office hours 09:00–12:00 and 13:00–18:00 Asia/Shanghai', async (t) => {
  t.test('given an order dispatched Tue 2025-09-30 17:30, when 2 working hours are added, then 30 min count that day and 90 min on Thu Oct 9: 10:30', async (t) => {
    const due = plus('2025-09-30', '17:30', 2);
    t.equal(due.toISOString(), '2025-10-09T02:30:00.000Z');
    t.same(due, atLocalTime('2025-10-09', '10:30'));
  });
  t.test('given 11:00, when 2 hours are added, then the lunch break is skipped: 14:00', async (t) => {
    t.same(plus('2025-09-30', '11:00', 2), atLocalTime('2025-09-30', '14:00'));
  });
  t.test('given a start in the lunch break, before opening or after closing, then counting starts at the next office period', async (t) => {
    t.same(plus('2025-09-29', '12:30', 1), atLocalTime('2025-09-29', '14:00'), 'lunch');
    t.same(plus('2025-09-29', '07:00', 0.5), atLocalTime('2025-09-29', '09:30'), 'early morning');
    t.same(plus('2025-09-30', '20:00', 1), atLocalTime('2025-10-09', '10:00'), 'evening before the holiday');
  });
  t.test('given a start on a day off, then counting starts on the next working day', async (t) => {
    t.same(plus('2025-10-04', '10:00', 1), atLocalTime('2025-10-09', '10:00'), 'National Day holiday');
    t.same(plus('2025-09-27', '10:00', 1), atLocalTime('2025-09-28', '10:00'), 'Sat Sep 27 off; make-up Sun Sep 28 counts');
  });
  t.test('given the 2026 Spring Festival, when 2 hours are added at 17:00 on make-up Sat Feb 14, then 1 h that day and 1 h on Tue Feb 24', async (t) => {
    t.same(plus('2026-02-14', '17:00', 2), atLocalTime('2026-02-24', '10:00'));
  });
  t.test('given time that runs out exactly at a close, then the deadline is the close, not the next opening', async (t) => {
    t.same(plus('2025-09-28', '10:00', 2), atLocalTime('2025-09-28', '12:00'));
    t.same(plus('2025-09-29', '09:00', 8), atLocalTime('2025-09-29', '18:00'), 'a full office day');
    t.same(plus('2025-09-29', '09:00', 8.5), atLocalTime('2025-09-30', '09:30'));
  });
  t.test('given fractional hours, then they count to the minute', async (t) => {
    t.same(plus('2025-09-29', '09:00', 1.25), atLocalTime('2025-09-29', '10:15'));
    t.same(plus('2025-09-29', '09:00', 0.1), atLocalTime('2025-09-29', '09:06'));
    t.same(plus('2025-09-29', '09:00', 1 / 3), atLocalTime('2025-09-29', '09:20'), 'rounded to the nearest minute');
  });
  t.test('given a start with seconds, then the seconds carry over', async (t) => {
    const from = new Date(atLocalTime('2025-09-29', '09:00').getTime() + 30_000);
    t.equal(calendar.addWorkingHours(from, 1).getTime(), atLocalTime('2025-09-29', '10:00').getTime() + 30_000);
  });
  t.test('given 0 hours, then the deadline is the next office moment', async (t) => {
    t.same(plus('2025-09-29', '10:00', 0), atLocalTime('2025-09-29', '10:00'));
    t.same(plus('2025-09-29', '12:10', 0), atLocalTime('2025-09-29', '13:00'));
  });
});

t.test('office hours are CONFIGURABLE', async (t) => {
  const district = createWorkingCalendar(officialCalendarData, {
    officeHours: [
      { start: '08:30', end: '12:00' },
      { start: '14:30', end: '17:30' },
    ],
  });
  t.test('given 08:30–12:00 and 14:30–17:30, when 2 hours are added at 11:00, then 1 h before noon and 1 h from 14:30: 15:30', async (t) => {
    t.same(district.addWorkingHours(atLocalTime('2025-09-30', '11:00'), 2), atLocalTime('2025-09-30', '15:30'));
  });
  t.test('given the same hours, when 1 hour is added at 17:00 before National Day, then 30 min remain for Oct 9 from 08:30: 09:00', async (t) => {
    t.same(district.addWorkingHours(atLocalTime('2025-09-30', '17:00'), 1), atLocalTime('2025-10-09', '09:00'));
  });
  t.same(district.officeHours[1], { start: '14:30', end: '17:30' });
  t.equal(district.version, calendar.version, 'the version names the calendar data; office hours are configuration beside it');
  t.test('given invalid office hours, then the calendar is refused with the period named', async (t) => {
    const make = (officeHours: { start: string; end: string }[]) => () => createWorkingCalendar(officialCalendarData, { officeHours });
    t.throws(make([]), InvalidCalendarInputError);
    t.throws(make([{ start: '9:00', end: '12:00' }]), { name: 'InvalidCalendarInputError', field: 'officeHours[0]' });
    t.throws(make([{ start: '13:00', end: '12:00' }]), { name: 'InvalidCalendarInputError', field: 'officeHours[0]', message: /ends before it starts/ });
    t.throws(make([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }]), { name: 'InvalidCalendarInputError', field: 'officeHours[1]', message: /overlaps/ });
    t.throws(make([{ start: '09:00', end: '24:30' }]), { name: 'InvalidCalendarInputError', field: 'officeHours[0]' });
  });
});

t.test('bad hours get a clear error', async (t) => {
  const from = atLocalTime('2025-09-30', '10:00');
  t.throws(() => calendar.addWorkingHours(from, -1), { name: 'InvalidCalendarInputError', field: 'hours' });
  t.throws(() => calendar.addWorkingHours(from, Number.NaN), { name: 'InvalidCalendarInputError', field: 'hours' });
  t.throws(() => calendar.addWorkingHours(new Date(Number.NaN), 1), { name: 'InvalidCalendarInputError', field: 'from' });
});
