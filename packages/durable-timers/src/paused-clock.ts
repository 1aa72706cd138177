// The paused clock (期间中止 / 暂停计算): legal aid stops the review clock while materials are awaited.
// What is left is kept in the timer's own unit on the calendar, never in wall-clock milliseconds, so a
// pause across a weekend or a holiday gives back exactly the working time that was left.
//
// CIVIL_CODE_ART_201 (民法典第二百零一条: 期间按照日计算的，开始的当日不计入，自下一日开始计算):
// - the day a clock starts or resumes does not count; counting begins the next (working / calendar) day;
// - the day of the pause counts as used (the clock ran that day);
// - so at a pause, the days left are those after the pause day up to and including the due day, and on
//   resumption the new due moment is the end of the (days left)-th day after the resumption day.
// Working hours: the office time between the pause and the due moment, added again from the resumption.
// Clock hours: the time between the pause and the due moment, added again from the resumption.
import { localDateOf } from '@bureau/working-calendar';
import { addLocalDays, dueOf, type Deadline, type TimerCalendar } from './deadline.js';
import { workingHoursBetween } from './working-time.js';

/** The counting rule's name, for grep: 民法典第二百零一条, 开始的当日不计入. */
export const CIVIL_CODE_ART_201 = 'civil_code_art_201';

const HOUR_MS = 3_600_000;

/** The local day a due moment belongs to: a due of 24:00 (the next 00:00) is the day before. */
const dueDayOf = (due: Date) => localDateOf(new Date(due.getTime() - 1));

function calendarDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addLocalDays(from, 1); day <= to; day = addLocalDays(day, 1)) count += 1;
  return count;
}

/** What is left of a clock in `unit` that was due at `due`, paused at `pausedAt` (Art. 201 for days). */
export function remainingAtPause(unit: Deadline['unit'], due: Date, pausedAt: Date, calendar: TimerCalendar): number {
  switch (unit) {
    case 'working_days': {
      const pauseDay = localDateOf(pausedAt);
      const dueDay = dueDayOf(due);
      let count = 0;
      for (let day = addLocalDays(pauseDay, 1); day <= dueDay; day = addLocalDays(day, 1)) if (calendar.isWorkingDay(day)) count += 1;
      return count;
    }
    case 'calendar_days':
      return calendarDaysBetween(localDateOf(pausedAt), dueDayOf(due));
    case 'working_hours':
      return workingHoursBetween(pausedAt, due, calendar);
    case 'clock_hours':
      return Math.max(0, due.getTime() - pausedAt.getTime()) / HOUR_MS;
    default: {
      const unknown: never = unit;
      throw new Error(`unknown deadline unit ${String(unknown)}`);
    }
  }
}

/** The new due moment of a clock resumed at `resumedAt` with `remaining` left in `unit`. */
export function dueOnResume(unit: Deadline['unit'], remaining: number, resumedAt: Date, calendar: TimerCalendar): Date {
  return dueOf({ unit, amount: remaining }, resumedAt, calendar);
}
