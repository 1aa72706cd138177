// 审查用时: the working days from the moment the review clock starts (the receipt, or a custody
// application's arrival; a transferred file keeps the original receipt's) to the decision (approval or
// refusal), on the official calendar, with the time the clock stood still (materials requested until
// supplied) left out, as the review clock leaves it out. Counted as the review limit is (Civil Code
// Art. 201: the day the clock starts is not counted, so a decision on the next working day took 1).
// A year with no calendar loaded is counted by weekday alone (as a provisional limit is).
import { CalendarYearMissingError, type OfficialWorkingCalendar, type WorkingCalendar } from '@bureau/working-calendar';
import { localDateOf } from '@bureau/working-calendar';
import type { LegalAidState } from '../domain/index.js';

/** The clock as the row keeps it between events. */
export type DecisionClock = {
  readonly startedAt: string;
  readonly pausedAt: string | null;
  /** Working days the clock stood still in closed pauses. */
  readonly pausedDays: number;
};

const DAY = 86_400_000;

/**
 * The calendar that counts a year with no calendar loaded by weekday: the official calendar's own
 * provisional arithmetic, made once per calendar. (Catching the official calendar's error day by day
 * cost a thrown error per day counted: most of a rebuild's time over years before the loaded ones.)
 */
const weekdayWhereMissing = new WeakMap<WorkingCalendar, WorkingCalendar>();
function counting(calendar: WorkingCalendar): WorkingCalendar {
  if (!('provisional' in calendar)) return calendar;
  let provisional = weekdayWhereMissing.get(calendar);
  if (!provisional) {
    provisional = (calendar as OfficialWorkingCalendar).provisional(() => undefined);
    weekdayWhereMissing.set(calendar, provisional);
  }
  return provisional;
}

function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  try {
    return calendar.isWorkingDay(date);
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}

/** Working days d with from's date < d <= to's date (Beijing dates). */
export function workingDaysBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const first = localDateOf(from);
  const last = localDateOf(to);
  const days = counting(calendar);
  let n = 0;
  for (let t = Date.parse(`${first}T00:00:00Z`) + DAY; t <= Date.parse(`${last}T00:00:00Z`); t += DAY) {
    if (isWorkingDay(days, new Date(t).toISOString().slice(0, 10))) n += 1;
  }
  return n;
}

/** The clock after an event, from the state after it (null before the review starts, and for notified cases). */
export function nextDecisionClock(before: DecisionClock | null, state: LegalAidState, calendar: WorkingCalendar): DecisionClock | null {
  if (state.status === 'none' || state.status === 'awaiting_custody_forwarding' || state.kind !== 'application') return before;
  const review = state.review;
  if (before === null) return review ? { startedAt: review.current.countedFrom, pausedAt: review.pausedAt, pausedDays: 0 } : null;
  const pausedAt = review?.pausedAt ?? null;
  if (before.pausedAt === null && pausedAt !== null) return { ...before, pausedAt };
  if (before.pausedAt !== null && pausedAt === null && review) {
    // Resumed: the clock counts again from the resumption.
    return { ...before, pausedAt: null, pausedDays: before.pausedDays + workingDaysBetween(calendar, new Date(before.pausedAt), new Date(review.current.countedFrom)) };
  }
  return before;
}

/** Working days from the start to the decision at `decidedAt`, pauses left out. */
export function workingDaysToDecision(clock: DecisionClock, decidedAt: Date, calendar: WorkingCalendar): number {
  const end = clock.pausedAt !== null ? new Date(clock.pausedAt) : decidedAt;
  return Math.max(0, workingDaysBetween(calendar, new Date(clock.startedAt), end) - clock.pausedDays);
}
