// The one domain error: a command broke a legal-aid rule. A DomainRuleError, so the service kit answers
// it as 422 problem+json with `rule` as the stable code. Details never carry personal data.
import { DomainRuleError } from '@bureau/service-kit/domain-error';

const details = {
  not_found: '没有该法律援助案件 / there is no such legal-aid file',
  already_exists: '该案件已存在 / the file already exists',
  invalid_time: '时间无效 / the time is not a valid instant',
  not_a_receiving_organisation: '只有法律援助机构或工作站可以受理申请 / only a legal-aid office or station takes applications',
  text_required: '必须填写 / this text must not be empty',
  custody_facts_required: '羁押人员申请须写明转交机关及其收到申请的时间 (第三十九条) / custody forwarding needs the authority and when it received the application (Art. 39)',
  custody_authority_mismatch: '转交机关与此前登记的不一致 / the forwarding authority differs from the one announced',
  received_before_authority: '到达时间早于转交机关收到时间 / it cannot arrive before the authority received it',
  no_competent_office: '根据所填事实无法确定有管辖权的法律援助机构 (第三十八条) / the facts name no competent office (Art. 38)',
  applicant_choice_required: '多个机构有管辖权，须记录申请人的选择 (第三十八条) / several offices are competent: record the applicant’s choice (Art. 38)',
  choice_not_competent: '申请人选择的机构没有管辖权 (第三十八条) / the office chosen is not competent (Art. 38)',
  not_holding_office: '案卷不在本机构 / the file is not with this office',
  not_competent_office: '本机构对该案没有管辖权 / this office is not competent for the file',
  not_in_review: '案件不在审查阶段 / the application is not under review',
  transfer_not_needed: '受理机构即有管辖权，无需移送 / the office holding the file is competent: no transfer is needed',
  not_transfer_target: '案卷未移送本机构 / the file was not transferred to this office',
  override_same_office: '改定的机构与原机构相同 / the override names the same office',
  materials_items_required: '须一次性列明全部所缺材料 (第四十三条) / list every missing item at once (Art. 43)',
  materials_already_requested: '补充材料须一次性告知，本次审查已告知过 (第四十三条) / missing materials are listed once per review (Art. 43)',
  not_awaiting_materials: '没有待补充的材料 / no materials are awaited',
  economic_status_required: '尚未核查经济困难状况 (第四十一条) / the economic status is not established (Art. 41)',
  hardship_standard_not_met: '数据共享核查结果不符合经济困难标准 (第三十四条) / data sharing found the hardship standard not met (Art. 34)',
  art42_proof_required: '免予核查须写明依据并提交证明 (第四十二条) / an Art. 42 exemption needs its ground and proof',
  art42_not_applicable: '第四十二条情形与受援人或申请事项不符 / the Art. 42 ground does not fit the recipient or the matter',
  art32_not_applicable: '第三十二条情形与申请事项或受援人不符 / the Art. 32 ground does not fit the matter or the recipient',
  reasons_required: '不予法律援助须书面说明理由 (第四十三条) / a refusal needs written reasons (Art. 43)',
  not_approved: '尚未决定给予法律援助 / aid has not been granted',
  lawyer_already_assigned: '已指派律师 / a lawyer is already assigned',
  art26_experience_required: '可能判处无期徒刑、死刑及死刑复核案件须指派具有三年以上相关执业经历的律师 (第二十六条) / Art. 26: at least 3 years of relevant practice',
  preliminary_aid_not_allowed: '不符合先行提供法律援助的情形 (第四十四条) / the facts do not allow preliminary aid (Art. 44)',
  preliminary_aid_already_decided: '已决定先行提供法律援助 / preliminary aid is already decided',
  not_objectionable: '只能对不予援助或终止援助决定提出异议 (第四十九条) / an objection lies only against a refusal or a termination (Art. 49)',
  objection_already_decided: '该决定的异议已经处理 / the objection to this decision was already decided',
  objection_filing_period_over: '已超过异议提出期限 / the objection filing period is over',
  not_justice_bureau: '异议由司法行政部门审查决定 (第四十九条) / objections are decided by the justice bureau (Art. 49)',
  no_objection_pending: '没有待处理的异议 / no objection is pending',
  not_aided: '案件不在援助中 / aid is not under way',
  not_closed: '案件尚未结案 / the case is not closed',
  quality_already_reviewed: '该案已评估 / the case was already graded',
  not_notified_case: '不是通知辩护案件 / not a notified case',
  not_awaiting_custody_forwarding: '没有待转交的羁押人员申请 / no custody application is awaited',
  deadline_not_reached: '时限未到 / the deadline has not been reached yet',
  lawyer_not_registered: '该律师不在本区法律援助律师名册 / the lawyer is not on the district\'s registry',
  lawyer_inactive: '该律师已停止承办法律援助案件 / the lawyer is no longer active on the registry',
  lawyer_already_registered: '该律师已登记，信息不同 / the lawyer is already registered with other details',
  licence_number_taken: '该执业证号已登记给另一名律师 / the licence number is registered to another lawyer',
  invalid_licence_number: '律师执业证号为17位数字 / a licence number is 17 digits',
  invalid_practice_start: '相关执业起始日期须为真实日期且不晚于今日 / the practice start must be a real date, not after today',
  closed_or_ended: '案件已结束 / the file has ended',
} as const;

/** Stable rule codes, e.g. 'materials_already_requested'. */
export type LegalAidRule = keyof typeof details;

export class LegalAidRuleBroken extends DomainRuleError {
  constructor(override readonly rule: LegalAidRule) {
    super(rule, details[rule]);
  }
}

export function ruleDetail(rule: LegalAidRule): string {
  return details[rule];
}
