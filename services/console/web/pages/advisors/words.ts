// The advisors' words as the bureau writes them on its ledgers (台账), for the pages of this area.

export const serviceTypes = ['consultation', 'legal_opinion', 'mediation', 'legal_aid_referral', 'lecture', 'review', 'legal_health_check', 'on_site_duty'] as const;

export const typeNames: Readonly<Record<string, string>> = {
  consultation: '咨询',
  legal_opinion: '法律意见',
  mediation: '调解',
  legal_aid_referral: '法援转介',
  lecture: '普法讲座',
  review: '审查（村规民约/合同/集体资产/重大决策）',
  legal_health_check: '法治体检',
  on_site_duty: '驻点值班',
};

export const reviewSubjectNames: Readonly<Record<string, string>> = {
  village_rules: '村规民约',
  contract: '合同',
  collective_assets: '集体资产',
  major_decision: '重大决策',
};

export const modeNames: Readonly<Record<string, string>> = { on_site: '驻点', remote: '线上' };

export const ledgerStatusNames: Readonly<Record<string, string>> = {
  unopened: '尚无记录',
  open: '登记中',
  in_review: '审核中',
  approved: '已审核',
};

export const outcomeNames: Readonly<Record<string, string>> = { met: '达标', short: '不足', excused: '已说明' };

export const changeNames: Readonly<Record<string, string>> = { logged: '登记', corrected: '更正', returned: '退回', voided: '作废' };

export const causeNames: Readonly<Record<string, string>> = { advisor_ill: '顾问生病', advisor_replaced: '更换顾问', other: '其他原因' };

/** Minutes as the ledgers write them: 90 → "1.5 小时". */
export function hours(minutes: number): string {
  return `${Math.round((minutes / 60) * 100) / 100} 小时`;
}

/** The field a service's rule (422) is about, so the form marks it as it marks a 400's field. */
const ruleFields: Readonly<Record<string, string>> = {
  advisor_not_appointed: 'villageId',
  service_in_future: 'date',
  invalid_date: 'date',
  wrong_month: 'date',
  correction_changes_month: 'date',
  invalid_start_time: 'startTime',
  duplicate_entry_differs: 'startTime',
  invalid_service_type: 'type',
  invalid_review_subject: 'reviewSubject',
  review_subject_only_for_review: 'reviewSubject',
  invalid_mode: 'mode',
  duty_must_be_on_site: 'mode',
  invalid_duration: 'durationMinutes',
  summary_required: 'summary',
  person_name_required: 'personsServed',
  invalid_phone: 'personsServed',
  application_id_only_for_referral: 'legalAidApplicationId',
  reason_required: 'reason',
  no_shortfall: 'cause',
};

export function ruleField(rule: string | undefined): string | undefined {
  return rule ? ruleFields[rule] : undefined;
}
