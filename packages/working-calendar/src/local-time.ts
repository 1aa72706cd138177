// Local dates and times in Asia/Shanghai (China Standard Time), computed with a fixed +08:00 offset.
//
// Why a fixed offset rather than Intl or the machine's TZ: Asia/Shanghai has been UTC+8 without
// daylight saving since 1991 (tzdata), so for every date this calendar can hold the offset is a
// constant. Doing the arithmetic ourselves makes a deadline independent of the server's TZ setting
// and of the ICU build Node ships with: the same input gives the same instant on every machine.
import { InvalidCalendarInputError } from './errors.js';
import type { LocalDate } from './types.js';

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a well-formed, real calendar date; undefined otherwise (e.g. 2025-02-30). */
export function epochDayOf(date: string): number | undefined {
  const m = LOCAL_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2025-02-30 over to 2025-03-02; a round trip catches it. Years 0–99 are mapped to
  // 1900+ by Date.UTC, which the round trip also rejects: the calendar has no use for them.
  if (formatEpochDay(ms / DAY_MS) !== date) return undefined;
  return ms / DAY_MS;
}

// Formatted days, kept: deciders and the calendar format the same few thousand days over and over
// (the year generator millions of times), and a Date's toISOString was a tenth of its time.
const formatted = new Map<number, LocalDate>();

export function formatEpochDay(epochDay: number): LocalDate {
  let date = formatted.get(epochDay);
  if (date === undefined) {
    date = new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
    // Whole days only (a fraction would format as its day, but must not fill the map), and bounded.
    if (Number.isInteger(epochDay) && formatted.size < 100_000) formatted.set(epochDay, date);
  }
  return date;
}

/** Like epochDayOf, but a malformed date is the caller's error. */
export function requireEpochDay(date: LocalDate, what = 'date'): number {
  const day = epochDayOf(date);
  if (day === undefined) throw new InvalidCalendarInputError(what, `"${date}" is not a calendar date in the form YYYY-MM-DD`);
  return day;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

function requireInstant(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidCalendarInputError(what, 'is not a valid Date');
  return ms;
}

/** The Asia/Shanghai calendar date an instant falls on. */
export function localDateOf(instant: Date): LocalDate {
  return formatEpochDay(Math.floor((requireInstant(instant, 'instant') + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** Milliseconds since local (Asia/Shanghai) midnight of the instant's day. */
export function localTimeOfDayMs(instant: Date): number {
  const shifted = requireInstant(instant, 'instant') + SHANGHAI_OFFSET_MS;
  return shifted - Math.floor(shifted / DAY_MS) * DAY_MS;
}

/** 00:00 Asia/Shanghai of the date, as an instant. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(requireEpochDay(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** 24:00 Asia/Shanghai of the date, i.e. the next day's 00:00, as an instant. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(startOfLocalDay(date).getTime() + DAY_MS);
}

const CLOCK_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes since midnight for "HH:MM" (00:00–24:00); undefined when malformed. */
export function minutesOfClockTime(time: string): number | undefined {
  const m = CLOCK_TIME.exec(time);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/** The instant of a wall-clock time in Asia/Shanghai, e.g. atLocalTime('2025-09-30', '10:00'). */
export function atLocalTime(date: LocalDate, time = '00:00'): Date {
  const minutes = minutesOfClockTime(time);
  if (minutes === undefined) throw new InvalidCalendarInputError('time', `"${time}" is not a clock time in the form HH:MM`);
  return new Date(startOfLocalDay(date).getTime() + minutes * MINUTE_MS);
}
