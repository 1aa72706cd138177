// Validates calendar data from outside (the shipped JSON, or an administrator's upload of a new
// year through the API) before anything uses it. Every problem names its year and entry.
import { z } from 'zod';
import { type CalendarData, readEntry } from './calendar-data.js';
import { CalendarDataError, type CalendarDataIssue } from './errors.js';
import { formatEpochDay, weekdayOf } from './local-time.js';

/** Asia/Shanghai last observed daylight saving time in 1991; the fixed +08:00 offset holds after it. */
export const FIRST_SUPPORTED_YEAR = 1992;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

const yearSchema = z.strictObject({ off: z.array(z.string()), work: z.array(z.string()) });

const calendarDataSchema = z
  .strictObject({
    source: z.string().trim().min(1, 'must name where the calendar comes from'),
    timezone: z.literal('Asia/Shanghai', 'only "Asia/Shanghai" is supported'),
    years: z.record(z.string(), yearSchema),
  })
  .superRefine((data, ctx) => {
    const keys = Object.keys(data.years);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', path: ['years'], message: 'lists no year' });
    for (const key of keys) {
      const year = data.years[key];
      if (year) checkYear(key, year, ctx);
    }
  });

function checkYear(key: string, year: z.infer<typeof yearSchema>, ctx: Ctx): void {
  if (!/^\d{4}$/.test(key) || Number(key) < FIRST_SUPPORTED_YEAR) {
    const message = `"${key}" is not a four-digit year from ${FIRST_SUPPORTED_YEAR} on (Asia/Shanghai's fixed +08:00 offset holds only after 1991)`;
    ctx.addIssue({ code: 'custom', path: ['years', key], message });
    return;
  }
  const offDays = checkEntries(key, 'off', year.off, ctx);
  const workDays = checkEntries(key, 'work', year.work, ctx);
  for (const [day, at] of workDays) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) {
      const message = `${formatEpochDay(day)} is a ${WEEKDAY_NAMES[weekday]}: a make-up working day (调休上班) must be a Saturday or Sunday`;
      ctx.addIssue({ code: 'custom', path: at, message });
    }
    const offAt = offDays.get(day);
    if (offAt) {
      const message = `${formatEpochDay(day)} is listed both as a working day and as a day off (at ${formatPath(offAt)})`;
      ctx.addIssue({ code: 'custom', path: at, message });
    }
  }
}

/** Checks one list; returns each valid day with the path of the entry that lists it. */
function checkEntries(key: string, list: 'off' | 'work', entries: readonly string[], ctx: Ctx): Map<number, Path> {
  const days = new Map<number, Path>();
  entries.forEach((entry, i) => {
    const path: Path = ['years', key, list, i];
    const reading = readEntry(entry);
    if (!reading.ok) {
      ctx.addIssue({ code: 'custom', path, message: reading.problem });
      return;
    }
    const { first, last } = reading.range;
    if (formatEpochDay(first).slice(0, 4) !== key || formatEpochDay(last).slice(0, 4) !== key) {
      ctx.addIssue({ code: 'custom', path, message: `"${entry}" lies (partly) outside year ${key}` });
      return;
    }
    for (let d = first; d <= last; d++) days.set(d, path);
  });
  return days;
}

/** `years.2025.off[3]`: how an issue names its place in the JSON. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

function issueOf(issue: z.core.$ZodIssue): CalendarDataIssue {
  const where = formatPath(issue.path) || '(calendar)';
  return { path: where, message: issue.message };
}

/** Validates calendar data; throws CalendarDataError listing every problem found. */
export function parseCalendarData(json: unknown): CalendarData {
  const result = calendarDataSchema.safeParse(json);
  if (!result.success) throw new CalendarDataError(result.error.issues.map(issueOf));
  const { source, timezone, years } = result.data;
  const frozenYears: Record<string, CalendarData['years'][string]> = {};
  for (const key of Object.keys(years).sort()) {
    const year = years[key];
    if (year) frozenYears[key] = Object.freeze({ off: Object.freeze([...year.off]), work: Object.freeze([...year.work]) });
  }
  return Object.freeze({ source, timezone, years: Object.freeze(frozenYears) });
}
