// Deadlines in the units the rules use (期限): the end of the Nth working day, N working hours (office
// hours), N clock hours (legal aid's 24-hour limits), N calendar days. Pure: the calendar is an input.
import { atLocalTime, endOfLocalDay, localDateOf, type OfficePeriod, type WorkingCalendar } from '@bureau/working-calendar';

export type DeadlineUnit = 'working_days' | 'working_hours' | 'clock_hours' | 'calendar_days';

/** "Within `amount` <unit>", counted from an instant the rule names (receipt, acceptance, resumption). */
export interface Deadline {
  readonly unit: DeadlineUnit;
  readonly amount: number;
}

/** What counted deadlines are computed on: the official calendar with the district's office hours. */
export type TimerCalendar = WorkingCalendar & { readonly officeHours: readonly OfficePeriod[] };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The local date `days` calendar days after `date` (Asia/Shanghai has a fixed offset, so whole days add). */
export function addLocalDays(date: string, days: number): string {
  return localDateOf(new Date(atLocalTime(date).getTime() + days * DAY_MS));
}

/**
 * The due moment of `deadline` counted from `from`. Days follow the Civil Code Art. 201 (the day of
 * `from` does not count): the end (24:00 Asia/Shanghai) of the Nth working / calendar day after it.
 */
export function dueOf(deadline: Deadline, from: Date, calendar: TimerCalendar): Date {
  switch (deadline.unit) {
    case 'working_days':
      return calendar.addWorkingDays(from, deadline.amount);
    case 'working_hours':
      return calendar.addWorkingHours(from, deadline.amount);
    case 'clock_hours':
      return new Date(from.getTime() + Math.round(deadline.amount * HOUR_MS));
    case 'calendar_days':
      return endOfLocalDay(addLocalDays(localDateOf(from), Math.max(0, deadline.amount)));
    default: {
      const unknown: never = deadline.unit;
      throw new Error(`unknown deadline unit ${String(unknown)}`);
    }
  }
}
