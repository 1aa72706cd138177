// The report's figures in its own terms and units (the report service's figures.ts and
// docs/reports/counting-rules.md), and the shapes its answers come in.
export type Section = 'headline' | 'hotline' | 'legal_aid' | 'advisors' | 'walk_in';

export const sectionTitles: Readonly<Record<Section, string>> = {
  headline: '主要数据', hotline: '12345热线工单', legal_aid: '法律援助', advisors: '村(社区)法律顾问', walk_in: '来访咨询',
};
export const sections: readonly Section[] = ['headline', 'hotline', 'legal_aid', 'advisors', 'walk_in'];

export interface FigureWords {
  readonly key: string;
  readonly section: Section;
  readonly title: string;
  readonly unit: string;
  /** A sum (人次, hours): its drill-down list's total is the figure, not its length. */
  readonly sum?: boolean;
}
const f = (key: string, section: Section, title: string, unit: string, sum = false): FigureWords => ({ key, section, title, unit, ...(sum ? { sum } : {}) });

export const figureWords: readonly FigureWords[] = [
  f('walk_in_persons', 'headline', '来访咨询', '人次', true),
  f('work_orders', 'headline', '12345工单', '件'),
  f('legal_aid_cases', 'headline', '法律援助案件', '宗'),
  f('advisor_services', 'headline', '村(社区)法律顾问服务', '件/次'),
  f('signed_for_on_time', 'hotline', '及时签收', '件'),
  f('replied', 'hotline', '办结', '件'),
  f('replied_on_time', 'hotline', '按时办结', '件'),
  f('rated', 'hotline', '回访', '件'),
  f('satisfied', 'hotline', '满意(含基本满意)', '件'),
  f('resolved', 'hotline', '已解决', '件'),
  f('overdue', 'hotline', '超期', '件'),
  f('returned', 'hotline', '退单', '件'),
  f('received', 'legal_aid', '受理申请', '件'),
  f('notified', 'legal_aid', '通知辩护(代理)', '件'),
  f('decided', 'legal_aid', '审查决定', '件'),
  f('approved', 'legal_aid', '给予法律援助', '件'),
  f('refused', 'legal_aid', '不予法律援助', '件'),
  f('green_channel', 'legal_aid', '绿色通道受理', '件'),
  f('transferred_in', 'legal_aid', '市域通办转入', '件'),
  f('transferred_out', 'legal_aid', '市域通办转出', '件'),
  f('preliminary_aid', 'legal_aid', '先行提供法律援助', '件'),
  f('median_days_to_decision', 'legal_aid', '审查用时中位数', '个工作日'),
  f('quality_reviewed', 'legal_aid', '质量评估案件', '件'),
  f('quality_excellent_or_good', 'legal_aid', '评为优秀、良好', '件'),
  f('on_site_hours', 'advisors', '驻村(社区)服务时长', '小时', true),
  f('walk_in_visits', 'walk_in', '来访接待', '次'),
];
export const figureByKey = new Map(figureWords.map((w) => [w.key, w]));
export const VILLAGES_MET_EVERY_MONTH = 'villages_met_every_month';

export const rateWords: ReadonlyArray<{ key: string; section: Section; title: string }> = [
  { key: 'timely_sign_for_rate', section: 'hotline', title: '及时签收率' },
  { key: 'on_time_reply_rate', section: 'hotline', title: '按时办结率' },
  { key: 'satisfaction_rate', section: 'hotline', title: '满意率' },
  { key: 'resolution_rate', section: 'hotline', title: '解决率' },
  { key: 'return_rate', section: 'hotline', title: '退单率' },
  { key: 'green_channel_share', section: 'legal_aid', title: '绿色通道占比' },
  { key: 'excellent_or_good_rate', section: 'legal_aid', title: '优良率' },
];

export interface FigureValue {
  value: number | null;
  previous: number | null;
  change: number | null;
  changeRatio: number | null;
}
export interface RateValue {
  value: number | null;
  numerator: number;
  denominator: number;
  previous: number | null;
}
export interface Restatement {
  figure: string;
  asClosed: number | null;
  now: number | null;
  changes: Array<{ eventType: string; streamName: string; recordedAt: string; caseId: string; change: string }>;
}
export interface DistrictReport {
  districtId: string;
  name: string;
  closed: { closedAt: string; position: string; closedBy: string | null } | null;
  peerReviewRank: { year: number; rank: number; of: number; source: string; recordedAt: string } | null;
  figures: Record<string, FigureValue>;
  rates: Record<string, RateValue>;
  villagesMetEveryMonth: { value: number; previous: number; villages: number; judgedMonths: string[] };
  restatements: Restatement[];
}
export interface Report {
  scope: { id: string; name: string };
  period: { id: string; label: string };
  previousPeriod: { id: string; label: string };
  generatedAt: string;
  districts: DistrictReport[];
}
export interface Chart {
  key: string;
  section: Section;
  title: string;
  svg: string;
}

/** 1,234 / 12.5: figures as the report prints them. */
export const number = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export function change(v: FigureValue | undefined): string {
  if (!v || v.change === null) return '—';
  const sign = v.change > 0 ? '+' : '';
  return `${sign}${number(v.change)}${v.changeRatio === null ? '' : `（${sign}${(v.changeRatio * 100).toFixed(1)}%）`}`;
}

/** The report's own 422s in the person's terms. */
export const periodRules: Readonly<Record<string, string>> = {
  period_not_ended: '这一期尚未结束，不能关账。',
  period_already_closed: '这一期已经关账；此后的补录或更正会作为“更正说明”列出。',
  rank_beyond_field: '名次不能大于参评单位数。',
};

/** The charts the report service draws for each section (its section-charts.ts), to reserve their boxes. */
export const chartKeys: Readonly<Record<Section, readonly string[]>> = {
  headline: ['monthly_trend'],
  hotline: ['work_orders_by_category'],
  legal_aid: ['received_by_matter_type', 'received_by_channel'],
  advisors: ['services_by_type'],
  walk_in: ['walk_ins_by_topic', 'walk_ins_by_answer'],
};
