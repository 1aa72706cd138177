// The words of a 12345 work order (工单) that both commands and events use.
// Domain reference §1: docs/domain/README.md.

/** An instant as stored in events and state: ISO 8601 in UTC, exactly as `Date.toISOString()` writes it. */
export type IsoInstant = string;

/** 工单类别. Stable codes in data; the Chinese label is what the bureau reads. */
export const workOrderCategories = ['consultation', 'assistance', 'suggestion', 'complaint', 'report'] as const;
export type WorkOrderCategory = (typeof workOrderCategories)[number];
export const workOrderCategoryLabels: Readonly<Record<WorkOrderCategory, string>> = {
  consultation: '咨询',
  assistance: '求助',
  suggestion: '建议',
  complaint: '投诉',
  report: '举报',
};

/** 主办 (lead) or 协办 (assisting): the centre's part in the order. */
export type UnitRole = 'lead' | 'assisting';
export const unitRoleLabels: Readonly<Record<UnitRole, string>> = { lead: '主办', assisting: '协办' };

/**
 * The citizen's contact: personal data, kept in its own sub-object so the read side can mask it and
 * nothing copies it into a log line. Anonymous callers (匿名来电) leave either part null.
 */
export type CitizenContact = { name: string | null; phone: string | null };

/** 回访结果. A dissatisfied result says whether the platform holds the unit responsible (only then 重办). */
export type FollowUpResult =
  | { satisfaction: 'satisfied' | 'basically_satisfied'; resolved: boolean; comment: string | null }
  | { satisfaction: 'dissatisfied'; resolved: boolean; causedByUnit: boolean; comment: string | null };
export const satisfactionLabels = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;

/** 催办 (urge) or 督办 (supervise, the stronger form). */
export type UrgeLevel = 'urge' | 'supervise';

// Who decided, recorded in every event's data (the envelope's actor says who sent the request; the data
// says whose decision it is, which is what an auditor of the order asks).
export type StaffActor = { kind: 'staff'; staffId: string };
export type PlatformActor = { kind: 'platform'; platformId: string };
/** The durable deadline timer that fires at a due moment. */
export type TimerActor = { kind: 'deadline_timer' };
/** A bureau rule applied by the decider itself (see `noticeAfterUrgesWhileOverdue`). */
export type RuleActor = { kind: 'rule'; rule: 'repeated_urging_while_overdue' };
/** The rule that counts provisional deadlines again once their year's official calendar is loaded (§4). */
export type CalendarRuleActor = { kind: 'rule'; rule: 'calendar_year_loaded' };

export function staff(staffId: string): StaffActor {
  return { kind: 'staff', staffId };
}

export function platform(platformId: string): PlatformActor {
  return { kind: 'platform', platformId };
}

/** One office period (办公时间) as recorded with a deadline: Asia/Shanghai wall-clock "HH:MM". */
export type OfficePeriodRecord = { start: string; end: string };
