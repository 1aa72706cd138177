// Every time limit of a legal-aid file, named so a newcomer finds it by grepping (REVIEW_WORKING_DAYS…),
// with the article it comes from; the district's configuration overrides the defaults (CONFIGURABLE in
// domain reference §2), and what every decision receives besides the command and state.
import type { Deadline, TimerCalendar } from '@bureau/durable-timers/arithmetic';
import type { OrganisationKind } from '@bureau/organisations';
import type { OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { OfficeDirectory } from './competence.js';

/** Art. 43: review and decide within 7 days of receipt (day type CONFIGURABLE, default working days). */
export const REVIEW_WORKING_DAYS = 7;
/** Art. 43: assign a lawyer within 3 days of the decision to grant aid. */
export const ASSIGNMENT_WORKING_DAYS = 3;
/** Arts. 25, 28, 35-36: a notified case gets a lawyer within 3 days of receiving the notice. */
export const NOTIFIED_ASSIGNMENT_WORKING_DAYS = 3;
/** Art. 49: the justice bureau decides an objection within 5 days of receiving it. */
export const OBJECTION_DECISION_WORKING_DAYS = 5;
/** Art. 39: the case-handling authority or detention facility forwards an application within 24 hours. */
export const CUSTODY_FORWARDING_CLOCK_HOURS = 24;
/** Art. 43 (一次性告知) and the province's rule: materials not supplied in this period → 视为撤回. CONFIGURABLE, default 15. */
export const MATERIALS_WORKING_DAYS = 15;
/** Art. 44: preliminary aid when fewer than 7 calendar days remain before a limitation period or filing deadline. */
export const PRELIMINARY_AID_CALENDAR_DAYS = 7;
/** Art. 44: "a lawyer is assigned at once": by the end of the same working day (0 working days). */
export const PRELIMINARY_AID_ASSIGNMENT_WORKING_DAYS = 0;
/** Art. 26: life imprisonment / death penalty defence and death-penalty review need ≥ 3 years' relevant practice. */
export const CAPITAL_CASE_MIN_PRACTICE_YEARS = 3;
/** 绿色通道 (local practice, CONFIGURABLE): same-day review and assignment, i.e. 0 working days. */
export const GREEN_CHANNEL_REVIEW_WORKING_DAYS = 0;
export const GREEN_CHANNEL_ASSIGNMENT_WORKING_DAYS = 0;

export interface LegalAidLimits {
  readonly review: Deadline;
  readonly assignment: Deadline;
  readonly notifiedAssignment: Deadline;
  readonly objectionDecision: Deadline;
  readonly custodyForwarding: Deadline;
  /** How long the applicant has to supply requested materials before 视为撤回. */
  readonly materials: Deadline;
  readonly preliminaryAidAssignment: Deadline;
  /** Art. 44 threshold, in calendar days (the law says days; not configurable in unit). */
  readonly preliminaryAidCalendarDays: number;
  readonly greenChannelReview: Deadline;
  readonly greenChannelAssignment: Deadline;
  /** Art. 49 sets no filing deadline for an objection: null (default) = none. */
  readonly objectionFiling: Deadline | null;
  /** Green channel: the hardship check is waived (default) or a personal pledge is required. */
  readonly greenChannelHardship: 'waived' | 'pledge';
}

const workingDays = (amount: number): Deadline => Object.freeze({ unit: 'working_days', amount });

export const defaultLegalAidLimits: LegalAidLimits = Object.freeze({
  review: workingDays(REVIEW_WORKING_DAYS),
  assignment: workingDays(ASSIGNMENT_WORKING_DAYS),
  notifiedAssignment: workingDays(NOTIFIED_ASSIGNMENT_WORKING_DAYS),
  objectionDecision: workingDays(OBJECTION_DECISION_WORKING_DAYS),
  custodyForwarding: Object.freeze({ unit: 'clock_hours', amount: CUSTODY_FORWARDING_CLOCK_HOURS }),
  materials: workingDays(MATERIALS_WORKING_DAYS),
  preliminaryAidAssignment: workingDays(PRELIMINARY_AID_ASSIGNMENT_WORKING_DAYS),
  preliminaryAidCalendarDays: PRELIMINARY_AID_CALENDAR_DAYS,
  greenChannelReview: workingDays(GREEN_CHANNEL_REVIEW_WORKING_DAYS),
  greenChannelAssignment: workingDays(GREEN_CHANNEL_ASSIGNMENT_WORKING_DAYS),
  objectionFiling: null,
  greenChannelHardship: 'waived',
});

/** A district's configuration: any limit replaced whole (e.g. `review: { unit: 'calendar_days', amount: 7 }`). */
export type LegalAidLimitOverrides = Partial<LegalAidLimits>;

/** The calendar (with the office hours it counts working hours in) and the limits a decision applies. */
export interface LegalAidRules {
  readonly calendar: OfficialWorkingCalendar;
  readonly limits: LegalAidLimits;
}

/** The organisation the actor acts for (the envelope records the actor itself; the domain needs only this). */
export interface ActingOrganisation {
  readonly id: string;
  readonly kind: OrganisationKind;
}

/** What `decide` receives besides the command and the state. */
export interface DecisionContext {
  readonly now: Date;
  readonly rules: LegalAidRules;
  readonly organisation: ActingOrganisation;
  /** The city's legal-aid offices and stations (from the organisation registry), for Art. 38. */
  readonly offices: OfficeDirectory;
}

/** Defaults overlaid with a district's overrides. Throws RangeError on an amount that is not a whole number ≥ 0. */
export function legalAidRules(calendar: OfficialWorkingCalendar, overrides: LegalAidLimitOverrides = {}): LegalAidRules {
  const limits: LegalAidLimits = { ...defaultLegalAidLimits, ...overrides };
  const deadlines: [string, Deadline | null][] = [
    ['review', limits.review],
    ['assignment', limits.assignment],
    ['notifiedAssignment', limits.notifiedAssignment],
    ['objectionDecision', limits.objectionDecision],
    ['custodyForwarding', limits.custodyForwarding],
    ['materials', limits.materials],
    ['preliminaryAidAssignment', limits.preliminaryAidAssignment],
    ['greenChannelReview', limits.greenChannelReview],
    ['greenChannelAssignment', limits.greenChannelAssignment],
    ['objectionFiling', limits.objectionFiling],
    ['preliminaryAidCalendarDays', { unit: 'calendar_days', amount: limits.preliminaryAidCalendarDays }],
  ];
  for (const [name, deadline] of deadlines) {
    if (deadline !== null && !(Number.isInteger(deadline.amount) && deadline.amount >= 0)) {
      throw new RangeError(`legal-aid limit ${name} must be a whole number >= 0, got ${String(deadline.amount)}`);
    }
  }
  return Object.freeze({ calendar, limits: Object.freeze(limits) });
}

/** The calendar as the timer arithmetic takes it. */
export function timerCalendarOf(rules: LegalAidRules): TimerCalendar {
  return rules.calendar;
}
