// The one domain error of the advisors' streams: a command broke a named rule. It is the kit's
// DomainRuleError, so the service's error handler answers 422 problem+json with `rule` as the stable code.
import { DomainRuleError } from '@bureau/service-kit/domain';

const details = {
  // The register (律师名册)
  advisor_id_required: '必须提供顾问编号 / an advisor id is required',
  advisor_already_registered: '该法律顾问已登记，且信息不同 / the advisor is already registered with different details',
  advisor_not_registered: '法律顾问未登记 / the advisor is not on the register',
  advisor_removed: '法律顾问已从名册移除 / the advisor has been removed from the register',
  licence_number_taken: '执业证号已被其他顾问使用 / another advisor on the register holds this licence number',
  invalid_licence_number: '律师执业证号应为17位数字 / a lawyer licence number is 17 digits',
  invalid_phone: '电话号码格式不正确 / the phone number is not a mobile or landline number',
  name_required: '必须填写姓名 / the name is required',
  firm_required: '必须填写律师事务所 / the law firm is required',
  details_unchanged: '信息没有变化 / nothing in the details changes',
  wrong_district: '不属于本区名册 / the command is for another district register',
  // Appointments (聘任)
  invalid_period: '聘期无效：开始日期须不晚于结束日期 / the contract period must start on or before it ends',
  appointment_overlaps: '该村（社区）在此期间已有顾问，须先结束原聘任 / the village has an advisor in that period: end the earlier appointment first',
  appointment_id_required: '必须提供聘任编号 / an appointment id is required',
  appointment_id_reused: '聘任编号已用于其他聘任 / the appointment id was already used for a different appointment',
  appointment_not_found: '没有该聘任 / there is no such appointment',
  invalid_end_date: '结束日期须在聘期内 / the end date must fall within the appointment',
  wrong_village: '不属于本村（社区） / the command names another village',
  // The ledger (台账)
  invalid_date: '日期无效 / the date is not a calendar date',
  service_in_future: '服务日期不能晚于今天 / a service cannot be logged for a date after today',
  wrong_month: '日期不在本月台账内 / the date is not in this month’s ledger',
  correction_changes_month: '更正不能把记录移到其他月份，请作废后重新登记 / a correction cannot move an entry to another month: void it and log it there',
  invalid_service_type: '服务类型不在规定范围内 / the service type is not one of the listed types',
  invalid_review_subject: '审查对象须为村规民约、合同、集体资产或重大决策 / the review subject must be village rules, a contract, collective assets or a major decision',
  review_subject_only_for_review: '只有审查类服务才有审查对象 / only a review has a review subject',
  invalid_mode: '须为驻点或线上 / the mode must be on site or remote',
  invalid_start_time: '开始时间应为 HH:MM / the start time must be HH:MM',
  invalid_duration: '时长须为1至1440分钟的整数 / the duration must be whole minutes from 1 to 1440',
  duty_must_be_on_site: '驻点值班必须在村（社区）现场 / on-site duty is on site by definition',
  summary_required: '必须填写内容摘要 / a summary is required',
  person_name_required: '服务对象必须有姓名 / every person served needs a name',
  invalid_evidence: '证据须以SHA-256内容哈希和字节数登记 / evidence is referenced by its SHA-256 hex hash and its size in bytes',
  evidence_too_large: '证据文件超过大小上限 / an evidence file exceeds the size limit',
  application_id_only_for_referral: '只有法援转介才能关联法律援助申请 / only a legal-aid referral names a legal-aid application',
  advisor_not_appointed: '该日期该村（社区）聘任的不是这位顾问 / the advisor was not appointed to the village on that date',
  entry_id_required: '必须提供记录编号 / an entry id is required',
  entry_id_reused: '记录编号已用于内容不同的记录 / the entry id was already used for a different entry',
  duplicate_entry_differs: '同一顾问、日期、类型和开始时间已有记录，且内容不同；如需修改请更正 / an entry with the same advisor, date, type and start exists with different content: correct it instead',
  entry_not_found: '没有该记录 / there is no such entry in this ledger',
  entry_voided: '记录已作废 / the entry has been voided',
  reason_required: '必须填写理由 / a reason is required',
  correction_changes_nothing: '更正没有改变任何内容 / the correction changes nothing',
  // The monthly review (月度审核)
  month_approved: '本月已审核通过，须先由司法所重新打开 / the month is approved and closed: the judicial office must reopen it first',
  review_window_not_open: '尚未到审核开始日 / the month’s review has not opened yet',
  review_not_started: '本月审核尚未开始 / the month’s review has not started',
  month_not_ended: '月份尚未结束，不能审核通过 / the month has not ended yet, so it cannot be approved',
  entry_already_returned: '记录已退回待更正 / the entry is already returned for correction',
  returned_entries_outstanding: '有退回的记录尚未更正 / returned entries have not been corrected yet',
  month_not_approved: '本月尚未审核通过 / the month has not been approved',
  invalid_shortfall_cause: '原因须为顾问生病、更换顾问或其他 / the cause must be advisor_ill, advisor_replaced or other',
  no_shortfall: '本月驻点时长已达标，无需说明 / the month meets the on-site minimum: there is no shortfall to excuse',
} as const;

/** Stable rule codes, e.g. 'advisor_not_appointed'. */
export type AdvisorRule = keyof typeof details;

export class AdvisorRuleBroken extends DomainRuleError {
  declare readonly rule: AdvisorRule;
  constructor(rule: AdvisorRule) {
    super(rule, details[rule]);
  }
}

/** The human detail of a rule, for documentation and problem+json titles. */
export function ruleDetail(rule: AdvisorRule): string {
  return details[rule];
}

export function requireText(value: string, rule: AdvisorRule): string {
  const text = value.trim();
  if (text.length === 0) throw new AdvisorRuleBroken(rule);
  return text;
}
