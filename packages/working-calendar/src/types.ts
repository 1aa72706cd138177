// 工作日 with 调休: deadlines count working days and working hours on the official calendar
// (Asia/Shanghai), where holidays (放假) and make-up working days (调休上班) move the weekend.

/** A calendar date in Asia/Shanghai, "YYYY-MM-DD". */
export type LocalDate = string;

export interface WorkingCalendar {
  /** Identifies the calendar data a deadline was computed on (e.g. a content hash), for auditors. */
  readonly version: string;
  /** Years with official data loaded. */
  readonly years: readonly number[];
  /** Throws CalendarYearMissingError when the date's year has no calendar loaded. */
  isWorkingDay(date: LocalDate): boolean;
  /**
   * "Within N working days" of `from`: the end of the Nth working day after the day of `from`
   * (counting starts the next working day; a start on a day off changes nothing), i.e. 24:00
   * Asia/Shanghai of that day, returned as an instant. Throws CalendarYearMissingError when any day
   * it must inspect lies in a year with no calendar loaded — never a guess.
   * `days` = 0 means "the same working day": the end of `from`'s day if it is a working day, else
   * the end of the next working day. `days` must be a whole number ≥ 0.
   */
  addWorkingDays(from: Date, days: number): Date;
  /**
   * `hours` of office time after `from`, counting only office hours of working days
   * (default 09:00–12:00 and 13:00–18:00 Asia/Shanghai). Same error rule as addWorkingDays.
   */
  addWorkingHours(from: Date, hours: number): Date;
}

export class CalendarYearMissingError extends Error {
  readonly code = 'calendar_year_missing';
  constructor(readonly year: number) {
    super(`no official working-day calendar is loaded for ${year}`);
    this.name = 'CalendarYearMissingError';
  }
}
