// 审查用时 for the statistics: working days from the clock's start to the decision on the official
// calendar (Art. 201: the start day not counted), the paused time left out as the review clock leaves it.
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import t from 'tap';
import { workingDaysBetween, workingDaysToDecision } from '../../src/read-models/decision-clock.js';

const calendar = createOfficialWorkingCalendar();
const local = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

t.test('across National Day 2026: the holiday is not counted, the make-up Saturday is', async (t) => {
  // 10-01..10-07 off; 10-10 (Saturday) a working day: 10-08, 10-09, 10-10, 10-12.
  t.equal(workingDaysBetween(calendar, local('2026-09-30 10:00'), local('2026-10-12 10:00')), 4);
  t.equal(workingDaysBetween(calendar, local('2026-03-02 09:00'), local('2026-03-02 17:00')), 0, 'decided the day of receipt: 0');
  t.equal(workingDaysBetween(calendar, local('2026-03-02 09:00'), local('2026-03-03 09:00')), 1);
});

t.test('given a pause, when the decision comes, then the paused working days are left out', async (t) => {
  const clock = { startedAt: local('2026-09-30 10:00').toISOString(), pausedAt: null, pausedDays: workingDaysBetween(calendar, local('2026-10-09 10:00'), local('2026-10-10 10:00')) };
  t.equal(clock.pausedDays, 1, 'the clock stood still over 10-10');
  t.equal(workingDaysToDecision(clock, local('2026-10-12 10:00'), calendar), 3);
  const stillPaused = { startedAt: local('2026-09-30 10:00').toISOString(), pausedAt: local('2026-10-09 10:00').toISOString(), pausedDays: 0 };
  t.equal(workingDaysToDecision(stillPaused, local('2026-10-12 10:00'), calendar), 2, 'refused while materials are awaited: counted to the pause');
});

t.test('a year with no calendar loaded is counted by weekday', async (t) => {
  t.equal(workingDaysBetween(calendar, local('2030-01-04 10:00'), local('2030-01-08 10:00')), 2, 'Fri → Tue: Mon and Tue');
});
