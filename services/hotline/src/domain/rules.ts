// The configured limits a district sets for 12345 work orders, and what every decision receives.
// Defaults follow domain reference §1 (docs/domain/README.md); each one is CONFIGURABLE there.
import type { OfficePeriod, WorkingCalendar } from '@bureau/working-calendar';
import type { WorkOrderCategory } from './vocabulary.js';

export interface HotlineLimits {
  /** 签收时限: working hours (office hours of working days) from dispatch. §1 default 2. */
  readonly signForWorkingHours: number;
  /** 办理时限 per category, in working days from receipt (= dispatch). §1 Guangdong defaults. */
  readonly replyWorkingDays: Readonly<Record<WorkOrderCategory, number>>;
  /** 退单时限: a return may be requested within this many working days of dispatch. §1 default 2. */
  readonly returnWindowWorkingDays: number;
  /** 延期上限: approved extensions over the order's whole life, in working days. §1 default 10. */
  readonly extensionCapWorkingDays: number;
  /**
   * 通报: the bureau's own rule (not in §1, which only says "repeated overdue leads to a formal notice"):
   * the Nth urge received while the order is overdue issues a notice. null = only when the platform says so.
   */
  readonly noticeAfterUrgesWhileOverdue: number | null;
}

export const defaultHotlineLimits: HotlineLimits = Object.freeze({
  signForWorkingHours: 2,
  // 咨询 2, 求助 10, 建议 10, 投诉 15, 举报 15 (§1, Guangdong rules).
  replyWorkingDays: Object.freeze({ consultation: 2, assistance: 10, suggestion: 10, complaint: 15, report: 15 }),
  returnWindowWorkingDays: 2,
  extensionCapWorkingDays: 10,
  noticeAfterUrgesWhileOverdue: 2,
});

/** The calendar and limits a decision applies. Build it once per configuration with `hotlineRules`. */
export interface HotlineRules {
  readonly calendar: WorkingCalendar;
  readonly limits: HotlineLimits;
  /**
   * The centre's configured office hours (办公时间), which `calendar` counts working hours in; recorded
   * with every deadline. Absent when none are configured: the calendar's default hours.
   */
  readonly officeHours?: readonly OfficePeriod[];
}

/** What `decide` receives besides the command and state: the moment it is decided and the rules. */
export interface DecisionContext {
  readonly now: Date;
  readonly rules: HotlineRules;
}

export type HotlineLimitOverrides = Partial<Omit<HotlineLimits, 'replyWorkingDays'>> & {
  readonly replyWorkingDays?: Partial<Record<WorkOrderCategory, number>>;
};

/**
 * Defaults overlaid with a district's configuration. Throws RangeError on a limit that is not a whole number ≥ 1.
 * `officeHours` must be the hours `calendar` was built with (the calendar book passes both).
 */
export function hotlineRules(
  calendar: WorkingCalendar,
  overrides: HotlineLimitOverrides = {},
  officeHours?: readonly OfficePeriod[],
): HotlineRules {
  const limits: HotlineLimits = {
    ...defaultHotlineLimits,
    ...overrides,
    replyWorkingDays: { ...defaultHotlineLimits.replyWorkingDays, ...overrides.replyWorkingDays },
  };
  const counts: [string, number | null][] = [
    ['signForWorkingHours', limits.signForWorkingHours],
    ['returnWindowWorkingDays', limits.returnWindowWorkingDays],
    ['extensionCapWorkingDays', limits.extensionCapWorkingDays],
    ['noticeAfterUrgesWhileOverdue', limits.noticeAfterUrgesWhileOverdue],
    ...Object.entries(limits.replyWorkingDays).map(([c, d]): [string, number] => [`replyWorkingDays.${c}`, d]),
  ];
  for (const [name, value] of counts) {
    if (value !== null && !(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(`hotline limit ${name} must be a whole number >= 1, got ${String(value)}`);
    }
  }
  return Object.freeze({ calendar, limits: Object.freeze(limits), ...(officeHours ? { officeHours } : {}) });
}
