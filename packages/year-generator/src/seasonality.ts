// When things happen: the year's days weighted by the official calendar (docs/domain/calendar.json via
// @bureau/working-calendar). Counters work on working days; days off and make-up days follow the State
// Council's notice; the weeks around the Spring Festival and the National Day holidays dip further
// (people travel home before and come back after), which is what the bureau's monthly figures show.
import { atLocalTime, localDateOf, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;

export interface Day {
  readonly date: string;
  readonly working: boolean;
  /** Within a week of a long holiday (Spring Festival, National Day). */
  readonly nearLongHoliday: boolean;
}

/** Every day of the year, Beijing dates. */
export function daysOf(calendar: OfficialWorkingCalendar, year: number): Day[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS) dates.push(new Date(t).toISOString().slice(0, 10));
  const working = dates.map((d) => calendar.isWorkingDay(d));
  // A long holiday: a run of at least five days off.
  const near = new Array<boolean>(dates.length).fill(false);
  for (let i = 0; i < dates.length; ) {
    if (working[i]) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < dates.length && !working[j]) j += 1;
    if (j - i >= 5) for (let k = Math.max(0, i - 7); k < Math.min(dates.length, j + 7); k += 1) near[k] = true;
    i = j;
  }
  return dates.map((date, i) => ({ date, working: working[i] ?? false, nearLongHoliday: near[i] ?? false }));
}

/** How busy a day is for a kind of work: `offDay` is the weight of a day off (counters mostly closed). */
export function weightOf(day: Day, offDay: number): number {
  const base = day.working ? 1 : offDay;
  return day.nearLongHoliday ? base * 0.55 : base;
}

/** Exactly `n` items spread over the days by weight (largest remainder), deterministic. */
export function spread(days: readonly Day[], n: number, offDay: number): string[] {
  const weights = days.map((d) => weightOf(d, offDay));
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (n * w) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return days.flatMap((d, i) => new Array<string>(counts[i] ?? 0).fill(d.date));
}

/** An instant on `date` between the clock times (Beijing), whole minutes. */
export function timeOn(random: Random, date: string, from = '08:45', to = '17:30'): Date {
  const start = atLocalTime(date, from).getTime();
  const end = atLocalTime(date, to).getTime();
  return new Date(start + Math.floor((random.next() * (end - start)) / 60_000) * 60_000);
}

/** `at` moved to the clock time on its own Beijing date. */
export function atClock(at: Date, time: string): Date {
  return atLocalTime(localDateOf(at), time);
}

export const minutes = (at: Date, n: number): Date => new Date(at.getTime() + n * 60_000);
