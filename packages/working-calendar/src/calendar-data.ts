// The official calendar as data (the format of docs/domain/calendar.json): per year, the days off
// (放假) and the make-up working days (调休上班). Published yearly, loaded without a code change.
import { epochDayOf } from './local-time.js';

export interface CalendarYearData {
  /** Days off: "YYYY-MM-DD" or an inclusive range "YYYY-MM-DD/YYYY-MM-DD". */
  readonly off: readonly string[];
  /** Make-up working days (调休上班), each a Saturday or Sunday: "YYYY-MM-DD" or a range. */
  readonly work: readonly string[];
}

export interface CalendarData {
  /** Where the data comes from, e.g. the State Council General Office's annual holiday notices. */
  readonly source: string;
  readonly timezone: 'Asia/Shanghai';
  /** Keyed by the four-digit year, e.g. "2025". */
  readonly years: Readonly<Record<string, CalendarYearData>>;
}

/** An inclusive run of days, as days since 1970-01-01. */
export interface DayRange {
  readonly first: number;
  readonly last: number;
}

export type EntryReading =
  | { readonly ok: true; readonly range: DayRange }
  | { readonly ok: false; readonly problem: string };

/** Reads one `off` / `work` entry; a problem is phrased for an administrator, quoting the entry. */
export function readEntry(entry: string): EntryReading {
  const parts = entry.split('/');
  const days = parts.map(epochDayOf);
  const [first, last = first] = days;
  if (parts.length > 2 || first === undefined || last === undefined) {
    return { ok: false, problem: `"${entry}" is neither a date YYYY-MM-DD nor a range YYYY-MM-DD/YYYY-MM-DD (or names a day that does not exist)` };
  }
  if (last < first) return { ok: false, problem: `"${entry}": the range ends (${parts[1]}) before it starts (${parts[0]})` };
  return { ok: true, range: { first, last } };
}

/** Every day an entry list covers, for data already validated by parseCalendarData. */
export function daysOf(entries: readonly string[]): Set<number> {
  const days = new Set<number>();
  for (const entry of entries) {
    const reading = readEntry(entry);
    if (!reading.ok) throw new Error(`unvalidated calendar entry: ${reading.problem}`);
    for (let d = reading.range.first; d <= reading.range.last; d++) days.add(d);
  }
  return days;
}
