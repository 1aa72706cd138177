// Deadline arithmetic on the working-day calendar (工作日 with 调休, domain reference §4). Pure: the
// calendar is an input. It throws CalendarYearMissingError when a year it needs is not loaded — never a guess.
import type { WorkingCalendar } from '@bureau/working-calendar';
import type { ReplyDueSource } from './events.js';
import type { HotlineRules } from './rules.js';
import type { IsoInstant, OfficePeriodRecord, WorkOrderCategory } from './vocabulary.js';

export type DispatchDeadlines = {
  signForDueAt: IsoInstant;
  replyDueAt: IsoInstant;
  replyDueSource: ReplyDueSource;
  returnWindowEndsAt: IsoInstant;
};

/**
 * The deadlines of a newly dispatched order. Receipt (受理) is taken to be the dispatch time: the centre
 * has the order from the moment the platform dispatches it, and the platform measures from there too.
 * The platform's own due time wins only when it is earlier than the category limit.
 */
export function dispatchDeadlines(
  rules: HotlineRules,
  category: WorkOrderCategory,
  dispatchedAt: Date,
  platformDueAt: Date | null,
): DispatchDeadlines {
  const { calendar, limits } = rules;
  const byCategory = calendar.addWorkingDays(dispatchedAt, limits.replyWorkingDays[category]);
  const platformIsEarlier = platformDueAt !== null && platformDueAt.getTime() < byCategory.getTime();
  return {
    signForDueAt: calendar.addWorkingHours(dispatchedAt, limits.signForWorkingHours).toISOString(),
    replyDueAt: (platformIsEarlier ? platformDueAt : byCategory).toISOString(),
    replyDueSource: platformIsEarlier ? 'platform' : 'category_limit',
    returnWindowEndsAt: calendar.addWorkingDays(dispatchedAt, limits.returnWindowWorkingDays).toISOString(),
  };
}

/**
 * A due time moved on by `workingDays`. A computed due time is 24:00 of its last day, which as an instant
 * is 00:00 of the next day; counting from that next day would give one working day too many, so the
 * count starts from the day the due time ends (one millisecond earlier).
 */
export function extendDue(calendar: WorkingCalendar, due: Date, workingDays: number): Date {
  if (workingDays === 0) return due;
  return calendar.addWorkingDays(new Date(due.getTime() - 1), workingDays);
}

/**
 * How many working days an explicit new due time takes beyond the current one: the fewest whole
 * working days that reach it, or undefined when even `max` do not.
 */
export function workingDaysToReach(calendar: WorkingCalendar, due: Date, target: Date, max: number): number | undefined {
  for (let days = 1; days <= max; days += 1) {
    if (extendDue(calendar, due, days).getTime() >= target.getTime()) return days;
  }
  return undefined;
}

/**
 * The office hours a deadline was counted in, recorded beside its calendar version so an auditor can redo
 * the count. Only configured hours are written here: without them the calendar counts its default hours,
 * and the event registry records those (so every stored deadline names its hours).
 */
export function officeHoursRecord(rules: HotlineRules): { officeHours?: OfficePeriodRecord[] } {
  return rules.officeHours ? { officeHours: rules.officeHours.map(({ start, end }) => ({ start, end })) } : {};
}
