// A small, honest WorkingCalendar for the domain tests, following the interface's documented rules and
// the official 2025–2026 data (shared/domain/calendar.json): Asia/Shanghai is UTC+8 all year (no DST),
// days off and make-up working days override the Monday–Friday week, office hours 09–12 and 13–18.
import { CalendarYearMissingError, type LocalDate, type WorkingCalendar } from '@bureau/working-calendar';

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const official: Record<number, { off: string[]; work: string[] }> = {
  2025: {
    off: ['2025-01-01', '2025-01-28/2025-02-04', '2025-04-04/2025-04-06', '2025-05-01/2025-05-05', '2025-05-31/2025-06-02', '2025-10-01/2025-10-08'],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: ['2026-01-01/2026-01-03', '2026-02-15/2026-02-23', '2026-04-04/2026-04-06', '2026-05-01/2026-05-05', '2026-06-19/2026-06-21', '2026-09-25/2026-09-27', '2026-10-01/2026-10-07'],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

function expand(entries: string[]): Set<LocalDate> {
  const days = new Set<LocalDate>();
  for (const entry of entries) {
    const [first = entry, last = first] = entry.split('/');
    for (let d = Date.parse(first); d <= Date.parse(last); d += DAY_MS) days.add(new Date(d).toISOString().slice(0, 10));
  }
  return days;
}

/** Epoch day (UTC midnight of the local date) of an instant, read in Asia/Shanghai. */
function localDay(instant: Date): number {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

function dateOf(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of a local day's hh:00 in Asia/Shanghai. */
function localTime(day: number, hour: number): number {
  return day * DAY_MS + hour * 3_600_000 - OFFSET_MS;
}

export function testCalendar(years: readonly number[] = [2025, 2026]): WorkingCalendar {
  const off = new Set(years.flatMap((y) => [...expand(official[y]?.off ?? [])]));
  const work = new Set(years.flatMap((y) => [...expand(official[y]?.work ?? [])]));
  const isWorkingDay = (date: LocalDate): boolean => {
    const year = Number(date.slice(0, 4));
    if (!years.includes(year)) throw new CalendarYearMissingError(year);
    if (work.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !off.has(date);
  };
  return {
    version: `test-${years.join('-')}`,
    years,
    isWorkingDay,
    addWorkingDays(from, days) {
      let day = localDay(from);
      for (let counted = 0; counted < days; ) {
        day += 1;
        if (isWorkingDay(dateOf(day))) counted += 1;
      }
      return new Date(localTime(day + 1, 0));
    },
    addWorkingHours(from, hours) {
      let remaining = hours * 3_600_000;
      let cursor = from.getTime();
      for (let day = localDay(from); ; day += 1) {
        if (!isWorkingDay(dateOf(day))) continue;
        for (const [open, close] of [[9, 12], [13, 18]] as const) {
          const start = Math.max(cursor, localTime(day, open));
          const available = localTime(day, close) - start;
          if (available <= 0) continue;
          if (remaining <= available) return new Date(start + remaining);
          remaining -= available;
          cursor = localTime(day, close);
        }
      }
    },
  };
}
