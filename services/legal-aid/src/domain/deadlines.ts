// The due moments a decision records, computed with the same pure arithmetic the durable timers use
// (@bureau/durable-timers/arithmetic: Civil Code Art. 201 counting, paused clocks in their own unit), so
// the file shows the moment its timer fires at. A limit reaching into a year with no calendar loaded is
// computed by weekday alone and recorded as provisional (domain reference §4), as the hotline does.
import { dueOf, dueOnResume, remainingAtPause, type Deadline, type TimerCalendar } from '@bureau/durable-timers/arithmetic';
import { officialOrProvisional, type WorkingCalendar } from '@bureau/working-calendar';
import type { LegalAidRules } from './rules.js';
import type { IsoInstant } from './vocabulary.js';

/** A limit as recorded: what it is, what it counts from, when it falls due, on which calendar. */
export type DeadlineRecord = {
  unit: Deadline['unit'];
  amount: number;
  countedFrom: IsoInstant;
  dueAt: IsoInstant;
  calendarVersion: string;
  /** Years counted by weekday alone (no official calendar loaded yet); empty when official. */
  provisionalYears: number[];
};

function computed<T>(rules: LegalAidRules, compute: (calendar: TimerCalendar) => T): { value: T; provisionalYears: number[] } {
  const { calendar } = rules;
  const withHours = (c: WorkingCalendar): TimerCalendar => ({
    version: c.version,
    years: c.years,
    isWorkingDay: (d) => c.isWorkingDay(d),
    addWorkingDays: (from, days) => c.addWorkingDays(from, days),
    addWorkingHours: (from, hours) => c.addWorkingHours(from, hours),
    officeHours: calendar.officeHours,
  });
  const result = officialOrProvisional(calendar, (c) => compute(c === calendar ? calendar : withHours(c)));
  return { value: result.value, provisionalYears: [...result.provisionalYears] };
}

/** `deadline` counted from `from`. */
export function deadlineFrom(rules: LegalAidRules, deadline: Deadline, from: Date): DeadlineRecord {
  const { value, provisionalYears } = computed(rules, (calendar) => dueOf(deadline, from, calendar));
  return {
    unit: deadline.unit,
    amount: deadline.amount,
    countedFrom: from.toISOString(),
    dueAt: value.toISOString(),
    calendarVersion: rules.calendar.version,
    provisionalYears,
  };
}

/** What is left of a running clock paused at `pausedAt`, in the clock's own unit (Art. 201 for days). */
export function remainingOf(rules: LegalAidRules, clock: DeadlineRecord, pausedAt: Date): number {
  return computed(rules, (calendar) => remainingAtPause(clock.unit, new Date(clock.dueAt), pausedAt, calendar)).value;
}

/** The clock resumed at `resumedAt` with `remaining` left: a new record counted from the resumption. */
export function resumedDeadline(rules: LegalAidRules, unit: Deadline['unit'], remaining: number, resumedAt: Date): DeadlineRecord {
  const { value, provisionalYears } = computed(rules, (calendar) => dueOnResume(unit, remaining, resumedAt, calendar));
  return {
    unit,
    amount: remaining,
    countedFrom: resumedAt.toISOString(),
    dueAt: value.toISOString(),
    calendarVersion: rules.calendar.version,
    provisionalYears,
  };
}
