// The legal-aid file's words at the counter (the service's vocabulary: services/legal-aid/src/domain/vocabulary.ts).
export const matterNames: Readonly<Record<string, string>> = {
  employment_or_wages: '确认劳动关系或者支付劳动报酬',
  personal_injury: '工伤、交通事故等人身损害赔偿',
  support_payment: '给付赡养费、抚养费、扶养费',
  social_insurance_or_assistance: '社会保险待遇或者社会救助',
  survivor_pension: '抚恤金',
  state_compensation: '国家赔偿',
  incapacity_declaration: '认定无民事行为能力或者限制民事行为能力',
  environmental_damage: '环境污染、生态破坏损害赔偿',
  other_civil_administrative: '其他民事、行政事项',
  criminal_defence: '刑事辩护（经济困难）',
  criminal_victim: '刑事被害人、自诉人代理',
  appeal_or_retrial: '申诉、再审',
};

export const aidFormNames: Readonly<Record<string, string>> = {
  labour_dispute_representation: '劳动争议调解与仲裁代理',
  civil_administrative_representation: '民事、行政诉讼代理及非诉讼代理',
  consultation: '法律咨询',
  document_drafting: '代拟法律文书',
  criminal_defence_or_representation: '刑事辩护与代理',
  duty_lawyer: '值班律师法律帮助',
};

export const fileStatusNames: Readonly<Record<string, string>> = {
  awaiting_custody_forwarding: '待转交', in_review: '审查中', awaiting_materials: '待补材料', approved: '已给予援助（待指派）', refused: '不予援助',
  notified: '通知辩护（待指派）', aided: '已指派', terminated: '已终止', objection_pending: '异议审查中', closed: '已结案', withdrawn: '已撤回', deemed_withdrawn: '视为撤回',
};

export const dueKindNames: Readonly<Record<string, string>> = {
  review: '审查期限', materials: '补材料期限', assignment: '指派期限', objection: '异议决定期限', forwarding: '转交期限', custody_forwarding: '转交期限',
};

/** The districts of the city (the demo city's; the registry is the service's). */
export const districtNames: Readonly<Record<string, string>> = { huadu: '花都区', baiyun: '白云区' };

/** How the applicant's economic hardship (经济困难状况) was established (Legal Aid Law Arts. 32, 34, 41, 42). */
export const economicStatusKindNames = {
  personal_pledge: '个人诚信承诺（告知承诺）',
  data_sharing: '信息共享核查（第四十一条）',
  art42_exempt: '免予核查（第四十二条）',
  art32_not_required: '不受经济困难条件限制（第三十二条）',
} as const;

/** Art. 42: exempt from verifying the hardship, with proof. */
export const art42GroundNames: Readonly<Record<string, string>> = {
  social_or_judicial_assistance_or_preferential_care: '社会救助、司法救助或者优抚对象（如城乡低保、特困供养人员）',
  minor_elderly_or_disabled_without_fixed_income: '无固定生活来源的未成年人、老年人、残疾人等特定群体',
  migrant_worker_wages_or_work_injury: '申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员',
  other_by_law: '法律、法规、规章规定的其他人员',
};

/** Art. 32: no economic condition at all. */
export const art32GroundNames: Readonly<Record<string, string>> = {
  abuse_abandonment_or_domestic_violence: '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益',
  martyr_reputation: '英雄烈士近亲属为维护英雄烈士的人格权益',
  good_samaritan: '因见义勇为行为主张相关民事权益',
  state_compensation_after_retrial_acquittal: '再审改判无罪请求国家赔偿',
  other_by_law: '法律、法规、规章规定的其他情形',
};
