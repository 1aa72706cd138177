// Counting office time (办公时间) forward across lunch breaks, evenings, weekends and holidays.
import { DAY_MS, SHANGHAI_OFFSET_MS } from './local-time.js';
import type { OfficeSpan } from './office-hours.js';

/**
 * The instant at which `durationMs` of office time has elapsed after `from`. Time before the next
 * office period (lunch, evening, a day off) does not count, so a start outside office hours counts
 * from the next period's opening; a duration that runs out exactly at a period's close ends there.
 * `isWorkingDay` is consulted only for days that still have office time to offer, so it throws
 * CalendarYearMissingError only for a day the count really depends on.
 */
export function addOfficeTime(
  from: Date,
  durationMs: number,
  spans: readonly OfficeSpan[],
  isWorkingDay: (epochDay: number) => boolean,
): Date {
  const shifted = from.getTime() + SHANGHAI_OFFSET_MS;
  let day = Math.floor(shifted / DAY_MS);
  let at = shifted - day * DAY_MS;
  let remaining = durationMs;
  const closing = spans.at(-1)?.endMs ?? 0;
  for (;;) {
    if (at < closing && isWorkingDay(day)) {
      for (const span of spans) {
        if (at >= span.endMs) continue;
        const begin = Math.max(at, span.startMs);
        const available = span.endMs - begin;
        if (remaining <= available) return new Date(day * DAY_MS - SHANGHAI_OFFSET_MS + begin + remaining);
        remaining -= available;
        at = span.endMs;
      }
    }
    // Ends when the time is used up, or when a day of an unloaded year throws: never runs forever.
    day += 1;
    at = 0;
  }
}
