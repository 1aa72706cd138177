// The report's figures, each over facts of some kinds (docs/reports/counting-rules.md, one line each):
// a count, a sum of the facts' values (人次, hours) or their median (working days); a rate is one figure
// over another; a breakdown is a figure split by one of its facts' dims.
import { serviceTypeNames } from '@bureau/advisors/domain';
import { workOrderCategoryLabels } from '@bureau/hotline-service/domain';
import type { FactKind } from '../facts/fact.js';

export type Section = 'headline' | 'hotline' | 'legal_aid' | 'advisors' | 'walk_in';

export interface FigureDef {
  readonly key: string;
  readonly section: Section;
  readonly title: string;
  readonly unit: string;
  readonly kinds: readonly FactKind[];
  readonly measure: 'count' | 'sum' | 'median';
  /** Only the facts whose dims have these values. */
  readonly where?: Readonly<Record<string, string>>;
}

export interface RateDef {
  readonly key: string;
  readonly section: Section;
  readonly title: string;
  readonly numerator: string;
  readonly denominator: string;
}

export interface BreakdownDef {
  readonly key: string;
  readonly section: Section;
  readonly title: string;
  readonly figure: string;
  readonly dim: string;
  readonly labels: Readonly<Record<string, string>>;
}

const f = (key: string, section: Section, title: string, unit: string, kinds: readonly FactKind[], measure: FigureDef['measure'] = 'count', where?: Record<string, string>): FigureDef =>
  ({ key, section, title, unit, kinds, measure, ...(where ? { where } : {}) });

export const figures: readonly FigureDef[] = [
  f('walk_in_persons', 'headline', '来访咨询', '人次', ['walk_in.visit'], 'sum'),
  f('work_orders', 'headline', '12345工单', '件', ['work_order.dispatched']),
  f('legal_aid_cases', 'headline', '法律援助案件', '宗', ['legal_aid.case']),
  f('advisor_services', 'headline', '村(社区)法律顾问服务', '件/次', ['advisors.service']),

  f('signed_for_on_time', 'hotline', '及时签收', '件', ['work_order.signed_for_on_time']),
  f('replied', 'hotline', '办结', '件', ['work_order.replied']),
  f('replied_on_time', 'hotline', '按时办结', '件', ['work_order.replied_on_time']),
  f('rated', 'hotline', '回访', '件', ['work_order.rated']),
  f('satisfied', 'hotline', '满意(含基本满意)', '件', ['work_order.satisfied']),
  f('resolved', 'hotline', '已解决', '件', ['work_order.resolved']),
  f('overdue', 'hotline', '超期', '件', ['work_order.overdue']),
  f('returned', 'hotline', '退单', '件', ['work_order.returned']),

  f('received', 'legal_aid', '受理申请', '件', ['legal_aid.received']),
  f('notified', 'legal_aid', '通知辩护(代理)', '件', ['legal_aid.notified']),
  f('decided', 'legal_aid', '审查决定', '件', ['legal_aid.approved', 'legal_aid.refused']),
  f('approved', 'legal_aid', '给予法律援助', '件', ['legal_aid.approved']),
  f('refused', 'legal_aid', '不予法律援助', '件', ['legal_aid.refused']),
  f('green_channel', 'legal_aid', '绿色通道受理', '件', ['legal_aid.green_channel']),
  f('transferred_in', 'legal_aid', '市域通办转入', '件', ['legal_aid.transferred_in']),
  f('transferred_out', 'legal_aid', '市域通办转出', '件', ['legal_aid.transferred_out']),
  f('preliminary_aid', 'legal_aid', '先行提供法律援助', '件', ['legal_aid.preliminary_aid']),
  f('median_days_to_decision', 'legal_aid', '审查用时中位数', '个工作日', ['legal_aid.approved', 'legal_aid.refused'], 'median'),
  f('quality_reviewed', 'legal_aid', '质量评估案件', '件', ['legal_aid.quality_reviewed']),
  f('quality_excellent_or_good', 'legal_aid', '评为优秀、良好', '件', ['legal_aid.quality_excellent_or_good']),

  f('on_site_hours', 'advisors', '驻村(社区)服务时长', '小时', ['advisors.service'], 'sum', { mode: 'on_site' }),

  f('walk_in_visits', 'walk_in', '来访接待', '次', ['walk_in.visit']),
];

export const rates: readonly RateDef[] = [
  { key: 'timely_sign_for_rate', section: 'hotline', title: '及时签收率', numerator: 'signed_for_on_time', denominator: 'work_orders' },
  { key: 'on_time_reply_rate', section: 'hotline', title: '按时办结率', numerator: 'replied_on_time', denominator: 'replied' },
  { key: 'satisfaction_rate', section: 'hotline', title: '满意率', numerator: 'satisfied', denominator: 'rated' },
  { key: 'resolution_rate', section: 'hotline', title: '解决率', numerator: 'resolved', denominator: 'rated' },
  { key: 'return_rate', section: 'hotline', title: '退单率', numerator: 'returned', denominator: 'work_orders' },
  { key: 'green_channel_share', section: 'legal_aid', title: '绿色通道占比', numerator: 'green_channel', denominator: 'received' },
  { key: 'excellent_or_good_rate', section: 'legal_aid', title: '优良率', numerator: 'quality_excellent_or_good', denominator: 'quality_reviewed' },
];

const matterTypeNames: Record<string, string> = {
  state_compensation: '国家赔偿', social_insurance_or_assistance: '社会保险或社会救助', survivor_pension: '抚恤金', support_payment: '赡养费、抚养费、扶养费',
  employment_or_wages: '劳动关系或劳动报酬', incapacity_declaration: '认定无/限制民事行为能力', personal_injury: '人身损害赔偿', environmental_damage: '环境污染、生态破坏损害赔偿',
  other_civil_administrative: '其他民事、行政事项', criminal_defence: '刑事辩护', criminal_victim: '刑事被害人代理', appeal_or_retrial: '申诉、再审', notified_defence: '通知辩护(代理)',
};
const channelNames: Record<string, string> = {
  counter: '窗口申请', online: '网上申请', hotline_referral: '12345转办', advisor_referral: '法律顾问转介', custody_forwarding: '羁押场所转交', authority_referral: '其他机关转交',
  notified_by_court: '法院通知', notified_by_procuratorate: '检察院通知', notified_by_public_security: '公安机关通知',
};
const topicNames: Record<string, string> = {
  marriage_family: '婚姻家庭', labour: '劳动争议', contract_debt: '合同债务', property_housing: '房产物业', neighbour_land: '邻里土地',
  personal_injury: '人身损害', consumer: '消费维权', criminal: '刑事', administrative: '行政', other: '其他',
};
const answerNames: Record<string, string> = {
  answered_on_the_spot: '当场解答', referred_to_legal_aid: '转法律援助', referred_to_mediation: '转调解', referred_to_other_authority: '转其他部门',
};

export const breakdowns: readonly BreakdownDef[] = [
  { key: 'work_orders_by_category', section: 'hotline', title: '工单按类别', figure: 'work_orders', dim: 'category', labels: workOrderCategoryLabels },
  { key: 'received_by_matter_type', section: 'legal_aid', title: '受理申请按事项类别', figure: 'received', dim: 'matterType', labels: matterTypeNames },
  { key: 'received_by_channel', section: 'legal_aid', title: '受理申请按渠道', figure: 'received', dim: 'channel', labels: channelNames },
  { key: 'cases_by_kind', section: 'legal_aid', title: '案件按来源', figure: 'legal_aid_cases', dim: 'kind', labels: { application: '申请给予', notified: '通知指派' } },
  { key: 'services_by_type', section: 'advisors', title: '法律顾问服务按类型', figure: 'advisor_services', dim: 'type', labels: serviceTypeNames },
  { key: 'walk_ins_by_topic', section: 'walk_in', title: '来访咨询按事项(人次)', figure: 'walk_in_persons', dim: 'topic', labels: topicNames },
  { key: 'walk_ins_by_answer', section: 'walk_in', title: '来访咨询按处理方式(人次)', figure: 'walk_in_persons', dim: 'answer', labels: answerNames },
];

export const sectionTitles: Readonly<Record<Section, string>> = {
  headline: '主要数据', hotline: '12345热线工单', legal_aid: '法律援助', advisors: '村(社区)法律顾问', walk_in: '来访咨询',
};

export const figureByKey = new Map(figures.map((d) => [d.key, d]));
/** The derived figure (a count of villages, not of facts): 每月达标村(社区). */
export const VILLAGES_MET_EVERY_MONTH = 'villages_met_every_month';
