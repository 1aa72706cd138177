// The paused clock, pure: given a clock started, paused and resumed on the official calendar (调休 of
// 2025), then the time left and the new due moment follow the Civil Code Art. 201 rule (README).
import t from 'tap';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { applyChange, dueOf, dueOnResume, remainingAtPause, type ChangeContext, type TimerRow } from '../src/index.js';
import { local } from './support/time.js';

const calendar = createOfficialWorkingCalendar();

t.test('working days across a weekend: the pause day counts as used, the resumption day does not', async (t) => {
  // 7 working days from Mon 3 Nov 10:00: Tue 4 … Wed 12, due at the end of Wed 12 November.
  const due = dueOf({ unit: 'working_days', amount: 7 }, local('2025-11-03 10:00'), calendar);
  t.same(due, local('2025-11-13 00:00'));
  // Paused Thu 6 (used): left are Fri 7, Mon 10, Tue 11, Wed 12.
  t.equal(remainingAtPause('working_days', due, local('2025-11-06 15:00'), calendar), 4);
  // Resumed Mon 10 (not counted): Tue 11, Wed 12, Thu 13, Fri 14.
  t.same(dueOnResume('working_days', 4, local('2025-11-10 09:30'), calendar), local('2025-11-15 00:00'));
  // Resumed on Saturday 8, a day off: counting starts at the next working day, Mon 10 … Thu 13.
  t.same(dueOnResume('working_days', 4, local('2025-11-08 11:00'), calendar), local('2025-11-14 00:00'));
  t.equal(remainingAtPause('working_days', due, local('2025-11-12 16:00'), calendar), 0, 'paused on the due day: nothing left');
});

t.test('working days across the National Day holiday (10-01..08 off, Sun 09-28 and Sat 10-11 worked)', async (t) => {
  // 7 working days from Thu 25 Sep: Fri 26, Sun 28, Mon 29, Tue 30, Thu 9, Fri 10, Sat 11 Oct.
  const due = dueOf({ unit: 'working_days', amount: 7 }, local('2025-09-25 10:00'), calendar);
  t.same(due, local('2025-10-12 00:00'));
  // Paused Mon 29 Sep: left are Tue 30, Thu 9, Fri 10, Sat 11.
  t.equal(remainingAtPause('working_days', due, local('2025-09-29 11:00'), calendar), 4);
  // Resumed during the holiday (Fri 3 Oct): Thu 9, Fri 10, Sat 11, Mon 13.
  t.same(dueOnResume('working_days', 4, local('2025-10-03 10:00'), calendar), local('2025-10-14 00:00'));
  // Resumed Thu 9 Oct, the first working day: Fri 10, Sat 11, Mon 13, Tue 14.
  t.same(dueOnResume('working_days', 4, local('2025-10-09 10:00'), calendar), local('2025-10-15 00:00'));
});

t.test('working hours keep the office time left, across a weekend and a holiday', async (t) => {
  // 16 working hours from Thu 6 Nov 10:00: 7 h Thu, 8 h Fri, 1 h Mon: due Mon 10 Nov 10:00.
  const due = dueOf({ unit: 'working_hours', amount: 16 }, local('2025-11-06 10:00'), calendar);
  t.same(due, local('2025-11-10 10:00'));
  // Paused in Friday's lunch break: 5 h Friday afternoon + 1 h Monday.
  t.equal(remainingAtPause('working_hours', due, local('2025-11-07 12:30'), calendar), 6);
  t.same(dueOnResume('working_hours', 6, local('2025-11-11 17:00'), calendar), local('2025-11-12 15:00'), '1 h Tue, 3 h Wed morning, 2 h Wed afternoon');
  // 4 working hours from Tue 30 Sep 16:00: 2 h that day, 2 h on Thu 9 Oct.
  const holidayDue = dueOf({ unit: 'working_hours', amount: 4 }, local('2025-09-30 16:00'), calendar);
  t.same(holidayDue, local('2025-10-09 11:00'));
  t.equal(remainingAtPause('working_hours', holidayDue, local('2025-09-30 17:30'), calendar), 2.5);
  t.same(dueOnResume('working_hours', 2.5, local('2025-10-09 10:00'), calendar), local('2025-10-09 13:30'), 'over the lunch break');
});

t.test('clock hours (legal aid 24-hour limits) and calendar days', async (t) => {
  const due = dueOf({ unit: 'clock_hours', amount: 24 }, local('2025-11-07 10:00'), calendar);
  t.same(due, local('2025-11-08 10:00'), 'a weekend is no different');
  t.equal(remainingAtPause('clock_hours', due, local('2025-11-07 16:00'), calendar), 18);
  t.same(dueOnResume('clock_hours', 18, local('2025-11-10 09:00'), calendar), local('2025-11-11 03:00'));

  const days = dueOf({ unit: 'calendar_days', amount: 10 }, local('2025-09-29 10:00'), calendar);
  t.same(days, local('2025-10-10 00:00'), 'holidays count: the end of 9 Oct');
  t.equal(remainingAtPause('calendar_days', days, local('2025-10-02 08:00'), calendar), 7, 'Oct 3 … Oct 9');
  t.same(dueOnResume('calendar_days', 7, local('2025-10-05 20:00'), calendar), local('2025-10-13 00:00'), 'Oct 6 … Oct 12');
});

t.test('a timer row started, paused and resumed records what its due time was computed from', async (t) => {
  const context = (at: string): ChangeContext => ({ subjectId: 'review-1', recordedAt: local(at), calendar: () => calendar });
  let row: TimerRow | undefined = applyChange(undefined, { kind: 'start', timer: 'review', deadline: { unit: 'working_days', amount: 7 }, from: local('2025-11-03 10:00').toISOString() }, context('2025-11-03 10:00'));
  t.match(row, { timer_id: 'review-1/review', state: 'pending', basis: 'working_days', amount: 7, calendar_version: calendar.version, due_at_iso: local('2025-11-13 00:00').toISOString() });
  row = applyChange(row, { kind: 'pause', timer: 'review', at: local('2025-11-06 15:00').toISOString() }, context('2025-11-06 15:00'));
  t.match(row, { state: 'paused', remaining: 4, paused_at: local('2025-11-06 15:00') });
  t.same(applyChange(row, { kind: 'fired', timer: 'review', dueAt: local('2025-11-13 00:00').toISOString() }, context('2025-11-13 00:00')), row, 'a paused clock is not fired');
  row = applyChange(row, { kind: 'resume', timer: 'review', at: local('2025-11-10 09:30').toISOString() }, context('2025-11-10 09:30'));
  t.match(row, { state: 'pending', remaining: null, due_at_iso: local('2025-11-15 00:00').toISOString(), counted_from: local('2025-11-10 09:30'), attempts: 0 });
});
