// Office hours (办公时间) of a working day, Asia/Shanghai wall-clock time. CONFIGURABLE per district;
// working-hour limits (e.g. sign-for within 2 working hours) count only this time.
import { InvalidCalendarInputError } from './errors.js';
import { MINUTE_MS, minutesOfClockTime } from './local-time.js';

export interface OfficePeriod {
  /** "HH:MM", inclusive. */
  readonly start: string;
  /** "HH:MM", exclusive; "24:00" for midnight. */
  readonly end: string;
}

/** 09:00–12:00 and 13:00–18:00, with the lunch break between. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = Object.freeze([
  Object.freeze({ start: '09:00', end: '12:00' }),
  Object.freeze({ start: '13:00', end: '18:00' }),
]);

/** A period as milliseconds since local midnight. */
export interface OfficeSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** Validates the periods: well-formed, start before end, in order, not overlapping, at least one. */
export function officeSpansOf(periods: readonly OfficePeriod[]): readonly OfficeSpan[] {
  if (periods.length === 0) throw new InvalidCalendarInputError('officeHours', 'needs at least one period');
  const spans: OfficeSpan[] = [];
  periods.forEach((p, i) => {
    const field = `officeHours[${i}]`;
    const start = minutesOfClockTime(p.start);
    const end = minutesOfClockTime(p.end);
    if (start === undefined || end === undefined) {
      throw new InvalidCalendarInputError(field, `"${p.start}"–"${p.end}" must be clock times HH:MM between 00:00 and 24:00`);
    }
    if (end <= start) throw new InvalidCalendarInputError(field, `${p.start}–${p.end} ends before it starts`);
    const previous = spans.at(-1);
    if (previous && start * MINUTE_MS < previous.endMs) {
      throw new InvalidCalendarInputError(field, `${p.start}–${p.end} overlaps or precedes the period before it`);
    }
    spans.push({ startMs: start * MINUTE_MS, endMs: end * MINUTE_MS });
  });
  return Object.freeze(spans);
}
