// Calendar months and dates in Beijing time. A month is Asia/Shanghai's, not UTC's: a service at
// 2026-03-31 23:30 +08:00 (15:30 UTC) belongs to March, and March ends at 2026-04-01 00:00 +08:00.
import { atLocalTime, endOfLocalDay, localDateOf } from '@bureau/working-calendar';
import type { LedgerMonth, LocalDate } from './vocabulary.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date in the form YYYY-MM-DD (2026-02-30 is not). */
export function isLocalDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Counted, not made into a Date and printed back: every row an import reads and decides asks this.
  return year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export function isLedgerMonth(value: string): boolean {
  return MONTH.test(value);
}

/** 'HH:MM', 00:00 to 23:59: when a service started. */
export function isClockTime(value: string): boolean {
  return CLOCK.test(value);
}

export function monthOf(date: LocalDate): LedgerMonth {
  return date.slice(0, 7);
}

/** The Beijing date an instant falls on. */
export function beijingDateOf(instant: Date): LocalDate {
  return localDateOf(instant);
}

/** The Beijing date and clock time of an instant, e.g. for an entry logged from a phone at the moment. */
export function beijingDateTimeOf(instant: Date): { date: LocalDate; startTime: string } {
  const date = localDateOf(instant);
  const minutes = Math.floor((instant.getTime() - atLocalTime(date).getTime()) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { date, startTime: `${hh}:${mm}` };
}

export function lastDayOf(month: LedgerMonth): LocalDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** 24:00 Beijing time of the month's last day: from this instant the month has ended. */
export function monthEndsAt(month: LedgerMonth): Date {
  return endOfLocalDay(lastDayOf(month));
}

/** 00:00 Beijing time of day `day` of the month (the review window opens then). */
export function dayOfMonthStartsAt(month: LedgerMonth, day: number): Date {
  const last = Number(lastDayOf(month).slice(8));
  return atLocalTime(`${month}-${String(Math.min(day, last)).padStart(2, '0')}`);
}
