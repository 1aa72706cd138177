// Office time between two instants: what a paused working-hours clock has left. The inverse of the
// calendar's addWorkingHours (same office periods, same working days), to the minute.
import { atLocalTime, localDateOf } from '@bureau/working-calendar';
import { addLocalDays, type TimerCalendar } from './deadline.js';

const MINUTE_MS = 60_000;

/** Working hours (office hours of working days) from `from` to `to`; 0 when `to` is not after `from`. */
export function workingHoursBetween(from: Date, to: Date, calendar: TimerCalendar): number {
  if (to <= from) return 0;
  let ms = 0;
  const last = localDateOf(to);
  for (let day = localDateOf(from); day <= last; day = addLocalDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    for (const period of calendar.officeHours) {
      const start = Math.max(atLocalTime(day, period.start).getTime(), from.getTime());
      const end = Math.min(atLocalTime(day, period.end).getTime(), to.getTime());
      if (end > start) ms += end - start;
    }
  }
  // The calendar counts to the minute; so does what is left.
  return Math.round(ms / MINUTE_MS) / 60;
}
