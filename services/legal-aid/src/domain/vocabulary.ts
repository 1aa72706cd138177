// The words of a legal-aid file (法律援助) that commands, events and state share.
// Domain reference §2 (docs/domain/README.md); article numbers are the Legal Aid Law's (法律援助法).
import type { Person } from '@bureau/person-schemas';

/** An instant as stored in events and state: ISO 8601 in UTC, as `Date.toISOString()` writes it. */
export type IsoInstant = string;

export type { Person };

/** The matter within the law's scope, each with the article that brings it in. */
export const matterTypes = [
  'state_compensation', // Art. 31(1) 国家赔偿
  'social_insurance_or_assistance', // Art. 31(2) 社会保险待遇或者社会救助
  'survivor_pension', // Art. 31(3) 抚恤金
  'support_payment', // Art. 31(4) 给付赡养费、抚养费、扶养费
  'employment_or_wages', // Art. 31(5) 确认劳动关系或者支付劳动报酬
  'incapacity_declaration', // Art. 31(6) 认定公民无民事行为能力或者限制民事行为能力
  'personal_injury', // Art. 31(7) 工伤、交通事故、食品药品安全事故、医疗事故人身损害赔偿
  'environmental_damage', // Art. 31(8) 环境污染、生态破坏损害赔偿
  'other_civil_administrative', // Art. 31(9) 法律、法规、规章规定的其他情形
  'criminal_defence', // Art. 24 犯罪嫌疑人、被告人因经济困难
  'criminal_victim', // Art. 29 被害人、自诉人及其法定代理人或者近亲属
  'appeal_or_retrial', // Art. 33 申诉、再审
] as const;
export type MatterType = (typeof matterTypes)[number];

export const matterArticles: Readonly<Record<MatterType, string>> = {
  state_compensation: 'Art. 31(1)',
  social_insurance_or_assistance: 'Art. 31(2)',
  survivor_pension: 'Art. 31(3)',
  support_payment: 'Art. 31(4)',
  employment_or_wages: 'Art. 31(5)',
  incapacity_declaration: 'Art. 31(6)',
  personal_injury: 'Art. 31(7)',
  environmental_damage: 'Art. 31(8)',
  other_civil_administrative: 'Art. 31(9)',
  criminal_defence: 'Art. 24',
  criminal_victim: 'Art. 29',
  appeal_or_retrial: 'Art. 33',
};

/** Forms of aid (Art. 22). */
export const aidForms = [
  'consultation', // 法律咨询
  'document_drafting', // 代拟法律文书
  'criminal_defence_or_representation', // 刑事辩护与代理
  'civil_administrative_representation', // 民事、行政、国家赔偿案件诉讼代理及非诉讼代理
  'duty_lawyer', // 值班律师法律帮助
  'labour_dispute_representation', // 劳动争议调解与仲裁代理
] as const;
export type AidForm = (typeof aidForms)[number];

/** How the application reached the bureau. */
export type Channel =
  | { kind: 'counter' } // 窗口
  | { kind: 'online' } // 网上申请
  | { kind: 'hotline_referral'; workOrderId: string } // 12345 转办, with the work order's id
  | { kind: 'advisor_referral'; ledgerEntryId: string } // 法律顾问转介, with the ledger entry's id
  | { kind: 'custody_forwarding'; forwardingAuthority: string; receivedByAuthorityAt: IsoInstant } // Art. 39
  | { kind: 'authority_referral'; authority: string }; // 其他机关转交

/** Art. 39 forwarding as recorded: when the authority received it, when it arrived, whether late. */
export type CustodyForwarding = {
  forwardingAuthority: string;
  receivedByAuthorityAt: IsoInstant;
  arrivedAt: IsoInstant;
  /** Clock hours between the two, to the minute. */
  hoursTaken: number;
  late: boolean;
};

/** Where the office sits (Art. 38): a district's office or the city's. */
export type PlaceOfAuthority = { districtId: string } | { cityLevel: true };

/**
 * The facts that decide competence (Art. 38). Litigation: where the case-handling authority sits.
 * Otherwise: where the dispute-handling authority sits, or where the matter arose (either may be known).
 */
export type CompetenceFacts =
  | { kind: 'litigation'; caseAuthority: string; authoritySits: PlaceOfAuthority }
  | {
      kind: 'non_litigation';
      disputeAuthority: string | null;
      disputeAuthoritySits: PlaceOfAuthority | null;
      matterAroseIn: PlaceOfAuthority | null;
    };

/** How the competent office was settled. */
export type CompetenceBasis = 'single_competent_office' | 'applicant_choice' | 'supervisor_override';

/** Why the green channel applies (绿色通道, local practice; domain reference §2). */
export const greenChannelGrounds = [
  'elderly',
  'disabled',
  'minor',
  'migrant_worker_wages',
  'military_or_family',
  'art32_group',
  'art42_group',
] as const;
export type GreenChannelGround = (typeof greenChannelGrounds)[number];

/** Art. 42: exempt from the hardship check, with proof. */
export const art42Grounds = [
  'minor_elderly_or_disabled_without_fixed_income', // Art. 42(1)
  'social_or_judicial_assistance_or_preferential_care', // Art. 42(2)
  'migrant_worker_wages_or_work_injury', // Art. 42(3)
  'other_by_law', // Art. 42(4)
] as const;
export type Art42Ground = (typeof art42Grounds)[number];

/** Art. 32: no economic condition at all. */
export const art32Grounds = [
  'martyr_reputation', // Art. 32(1) 英雄烈士近亲属维护英雄烈士的人格权益
  'good_samaritan', // Art. 32(2) 因见义勇为行为主张相关民事权益
  'state_compensation_after_retrial_acquittal', // Art. 32(3) 再审改判无罪请求国家赔偿
  'abuse_abandonment_or_domestic_violence', // Art. 32(4) 遭受虐待、遗弃或者家庭暴力的受害人主张相关权益
  'other_by_law', // Art. 32(5)
] as const;
export type Art32Ground = (typeof art32Grounds)[number];

/** Economic status (经济困难状况) as established. */
export type EconomicStatus =
  | { kind: 'data_sharing'; meetsStandard: boolean; source: string; reference: string | null }
  | { kind: 'personal_pledge'; pledgeSignedAt: IsoInstant } // 告知承诺 / 个人诚信承诺
  | { kind: 'art42_exempt'; ground: Art42Ground; proof: string }
  | { kind: 'art32_not_required'; ground: Art32Ground };

/** Grounds for termination (Art. 48). */
export const terminationGrounds = [
  'fraud_or_concealment', // 以欺骗或者其他不正当手段获得法律援助
  'illegal_use', // 利用法律援助从事违法活动
  'no_longer_eligible', // 经济状况发生变化不再符合条件
  'case_ended_or_withdrawn', // 案件终止审理或者已经被撤销
  'own_lawyer_hired', // 自行委托律师或者其他代理人
  'recipient_request', // 受援人有正当理由要求终止
  'other_by_law', // 法律法规规定的其他情形
] as const;
export type TerminationGround = (typeof terminationGrounds)[number];

/** Outcome of a closed case (Art. 50 结案). */
export const caseOutcomes = ['judgment', 'mediation', 'settlement', 'withdrawn_by_party', 'non_litigation_completed', 'other'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** Case quality peer review (同行评估). 优良率 = (excellent + good) / reviewed. */
export const qualityGrades = ['excellent', 'good', 'pass', 'fail'] as const;
export type QualityGrade = (typeof qualityGrades)[number];
export const qualityGradeNames: Readonly<Record<QualityGrade, string>> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** Notifying authorities (Arts. 25, 28, 35-36). */
export type NotifyingAuthorityKind = 'court' | 'procuratorate' | 'public_security';

/** Why defence is mandatory (Art. 25; Art. 28 for compulsory medical treatment). */
export const notificationGrounds = [
  'minor',
  'blind_deaf_or_mute',
  'not_fully_able_to_understand',
  'possible_life_or_death_sentence',
  'death_penalty_review',
  'compulsory_medical_treatment', // Art. 28
  'other_by_law',
] as const;
export type NotificationGround = (typeof notificationGrounds)[number];

/** A lawyer as the registry gives them to an assignment. */
export type LawyerProfile = { lawyerId: string; firmId: string; relevantPracticeYears: number };

/** Art. 44 grounds for preliminary aid (先行提供). */
export type PreliminaryAidGround =
  | { kind: 'deadline_near'; deadline: 'limitation_period' | 'filing_deadline'; deadlineAt: IsoInstant }
  | { kind: 'preservation_needed'; what: 'property' | 'evidence' }
  | { kind: 'advance_execution' }; // 先予执行

export type ObjectionTarget = 'refusal' | 'termination';
