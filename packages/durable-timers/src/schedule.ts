// Schedules that repeat: month end in Beijing time (the advisors' monthly ledgers, 台账月末) and daily at a
// local time (audit anchors). Pure: an occurrence is computed from the previous one, never from "now",
// so a restart neither skips an occurrence nor fires one twice.
import { atLocalTime, endOfLocalDay, localDateOf } from '@bureau/working-calendar';
import { addLocalDays } from './deadline.js';

export type Repeat =
  /** 24:00 Asia/Shanghai of the last day of each month. */
  | { readonly every: 'month_end' }
  /** Each day at `at` ("HH:MM", Asia/Shanghai). */
  | { readonly every: 'day'; readonly at: string };

/** The first occurrence strictly after `after`. */
export function nextOccurrence(repeat: Repeat, after: Date): Date {
  switch (repeat.every) {
    case 'month_end': {
      const [year, month] = localDateOf(after).split('-').map(Number) as [number, number];
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const end = endOfLocalDay(`${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`);
      // `after` at exactly a month end's 24:00 lies in the next month, whose end this already is.
      return end > after ? end : nextOccurrence(repeat, new Date(end.getTime() + 1));
    }
    case 'day': {
      const today = atLocalTime(localDateOf(after), repeat.at);
      return today > after ? today : atLocalTime(addLocalDays(localDateOf(after), 1), repeat.at);
    }
    default: {
      const unknown: never = repeat;
      throw new Error(`unknown repeat ${JSON.stringify(unknown)}`);
    }
  }
}
