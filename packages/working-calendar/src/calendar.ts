// The working-day calendar (工作日 with 调休) built from official data: what deadlines are computed on.
import { daysOf } from './calendar-data.js';
import { InvalidCalendarInputError } from './errors.js';
import { DAY_MS, MINUTE_MS, SHANGHAI_OFFSET_MS, formatEpochDay, requireEpochDay, weekdayOf } from './local-time.js';
import { DEFAULT_OFFICE_HOURS, type OfficePeriod, officeSpansOf } from './office-hours.js';
import { parseCalendarData } from './parse.js';
import { CalendarYearMissingError, type LocalDate, type WorkingCalendar } from './types.js';
import { calendarVersion } from './version.js';
import { addOfficeTime } from './working-hours.js';

export interface WorkingCalendarOptions {
  /** CONFIGURABLE; default 09:00–12:00 and 13:00–18:00 Asia/Shanghai. */
  readonly officeHours?: readonly OfficePeriod[];
}

export interface OfficialWorkingCalendar extends WorkingCalendar {
  readonly source: string;
  readonly officeHours: readonly OfficePeriod[];
  /**
   * Working days strictly after `from`, up to and including `to` (0 when `to` is not after `from`):
   * the N for which addWorkingDays(a moment of `from`, N) ends on `to`, when `to` is a working day.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /**
   * The same calendar, except that a day of a year with no official calendar loaded counts by its weekday
   * alone (Monday to Friday working): a provisional count (domain reference §4: work that reaches into
   * an unloaded year is still recorded, its deadlines provisional). `onYear` hears each such year used.
   */
  provisional(onYear: (year: number) => void): WorkingCalendar;
}

/** A result on the official calendar, or provisional where it needed years not loaded (named here). */
export interface MaybeProvisional<T> {
  readonly value: T;
  /** Years counted by weekday alone; empty when the result is official. */
  readonly provisionalYears: readonly number[];
}

/**
 * Computes on the official calendar; where that needs a year not loaded, computes again counting that
 * year's days by weekday alone and says which years it had to guess. The rule for work that must be
 * recorded before the State Council's notice for the next year is out (a 15-working-day order in late
 * December).
 */
export function officialOrProvisional<T>(calendar: OfficialWorkingCalendar, compute: (calendar: WorkingCalendar) => T): MaybeProvisional<T> {
  try {
    return { value: compute(calendar), provisionalYears: [] };
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
    const years = new Set<number>();
    const value = compute(calendar.provisional((year) => years.add(year)));
    return { value, provisionalYears: [...years].sort((a, b) => a - b) };
  }
}

/** Validates `data` (CalendarData or raw JSON, via parseCalendarData) and the options, then builds the calendar. */
export function createWorkingCalendar(data: unknown, options: WorkingCalendarOptions = {}): OfficialWorkingCalendar {
  const parsed = parseCalendarData(data);
  const officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const spans = officeSpansOf(officeHours);
  const years = Object.keys(parsed.years).map(Number).sort((a, b) => a - b);
  const loadedYears = new Set(years);
  const offDays = new Set<number>();
  const workDays = new Set<number>();
  for (const year of Object.values(parsed.years)) {
    for (const d of daysOf(year.off)) offDays.add(d);
    for (const d of daysOf(year.work)) workDays.add(d);
  }

  const version = calendarVersion(parsed);
  const official = calendarOn((year) => {
    throw new CalendarYearMissingError(year);
  });
  return Object.freeze({ ...official, years: Object.freeze(years), source: parsed.source, officeHours, provisional: (onYear: (year: number) => void) => calendarOn(onYear) });

  /**
   * The calendar's arithmetic, with what to do on a day of a year not loaded: the official calendar
   * throws (never a guess); the provisional one notes the year and counts the day by its weekday.
   */
  function calendarOn(missingYear: (year: number) => void) {
    /** Mon–Fri and not off, or a make-up working day. */
    function isWorkingEpochDay(day: number): boolean {
      const weekday = weekdayOf(day);
      const year = Number(formatEpochDay(day).slice(0, 4));
      if (!loadedYears.has(year)) {
        missingYear(year);
        return weekday !== 0 && weekday !== 6;
      }
      if (workDays.has(day)) return true;
      return weekday !== 0 && weekday !== 6 && !offDays.has(day);
    }
    return arithmetic(isWorkingEpochDay);
  }

  function arithmetic(isWorkingEpochDay: (day: number) => boolean) {
    return {
      version,
      years: Object.freeze(years),

      isWorkingDay(date: LocalDate): boolean {
        return isWorkingEpochDay(requireEpochDay(date));
      },

      addWorkingDays(from: Date, days: number): Date {
        if (!Number.isSafeInteger(days) || days < 0) {
          throw new InvalidCalendarInputError('days', `must be a whole number of working days ≥ 0, got ${days}`);
        }
        let day = epochDayOfInstant(from);
        // days = 0 ("the same working day"): the day of `from` if it is a working day, else the next one.
        if (days === 0) {
          while (!isWorkingEpochDay(day)) day += 1;
          return endOfEpochDay(day);
        }
        for (let counted = 0; counted < days; ) {
          day += 1;
          if (isWorkingEpochDay(day)) counted += 1;
        }
        return endOfEpochDay(day);
      },

      addWorkingHours(from: Date, hours: number): Date {
        if (!Number.isFinite(hours) || hours < 0) {
          throw new InvalidCalendarInputError('hours', `must be a number of working hours ≥ 0, got ${hours}`);
        }
        // Minute precision: 1.5 h is 90 min; a fraction that is not a whole minute rounds to the nearest.
        const minutes = Math.round(hours * 60);
        return addOfficeTime(validInstant(from), minutes * MINUTE_MS, spans, isWorkingEpochDay);
      },

      workingDaysBetween(from: LocalDate, to: LocalDate): number {
        const first = requireEpochDay(from, 'from');
        const last = requireEpochDay(to, 'to');
        let count = 0;
        for (let day = first + 1; day <= last; day++) if (isWorkingEpochDay(day)) count += 1;
        return count;
      },
    };
  }
}

function endOfEpochDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

function validInstant(instant: Date): Date {
  if (!(instant instanceof Date) || !Number.isFinite(instant.getTime())) {
    throw new InvalidCalendarInputError('from', 'is not a valid Date');
  }
  return instant;
}

function epochDayOfInstant(instant: Date): number {
  return Math.floor((validInstant(instant).getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}
