// Loading a newly published year (around November) into the calendar in use, without a deploy.
import type { CalendarData, CalendarYearData } from './calendar-data.js';
import { CalendarDataError, type CalendarDataIssue } from './errors.js';
import { parseCalendarData } from './parse.js';
import { canonicalJson } from './version.js';

export interface MergeOptions {
  /**
   * Replace a year already loaded with different entries (the State Council amended a notice).
   * Off by default: overwriting an official year by accident would silently move deadlines.
   */
  readonly replaceExisting?: boolean;
}

/**
 * `base` plus the years of `addition` (same JSON format). Loading a year again with the same entries
 * changes nothing, so a retried upload is harmless; different entries for a loaded year are refused
 * unless `replaceExisting`. Both inputs are validated; on any error nothing is merged.
 */
export function mergeCalendarYears(base: unknown, addition: unknown, options: MergeOptions = {}): CalendarData {
  const current = parseCalendarData(base);
  const added = parseCalendarData(addition);
  const conflicts: CalendarDataIssue[] = [];
  const years: Record<string, CalendarYearData> = { ...current.years };
  for (const [key, year] of Object.entries(added.years)) {
    const loaded = current.years[key];
    if (loaded && canonicalJson(loaded) !== canonicalJson(year) && !options.replaceExisting) {
      conflicts.push({
        path: `years.${key}`,
        message: `year ${key} is already loaded with different entries; replacing an official year needs replaceExisting`,
      });
    }
    years[key] = year;
  }
  if (conflicts.length > 0) throw new CalendarDataError(conflicts);
  return parseCalendarData({ source: mergeSources(current.source, added.source), timezone: current.timezone, years });
}

/** "A; B", each source once, so merging the same upload twice gives the same data (and version). */
function mergeSources(a: string, b: string): string {
  const parts = [...a.split('; '), ...b.split('; ')];
  return [...new Set(parts)].join('; ');
}
