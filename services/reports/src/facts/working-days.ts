// Working days from a receipt to a decision, on the official calendar (domain reference §4); a year not
// loaded counts by weekday alone (provisional, as the services count it).
import { createOfficialWorkingCalendar, localDateOf } from '@bureau/working-calendar';
import type { WorkingDaysBetween } from './legal-aid-facts.js';

const DAY_MS = 86_400_000;

function weekdaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = Date.parse(`${from}T00:00:00Z`) + DAY_MS; day <= Date.parse(`${to}T00:00:00Z`); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

export function officialWorkingDays(): WorkingDaysBetween {
  const calendar = createOfficialWorkingCalendar();
  return (fromIso, toIso) => {
    const from = localDateOf(new Date(fromIso));
    const to = localDateOf(new Date(toIso));
    try {
      return calendar.workingDaysBetween(from, to);
    } catch {
      return weekdaysBetween(from, to);
    }
  };
}
