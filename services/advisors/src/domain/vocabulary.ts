// The advisors' words (村(社区)法律顾问), domain reference §3. Plain JSON shapes, storable as they are.

/** A calendar date in Beijing time (Asia/Shanghai), 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A calendar month in Beijing time, 'YYYY-MM': the unit of the ledger, the review and the minimum. */
export type LedgerMonth = string;
/** An instant as an ISO string in UTC. */
export type IsoInstant = string;

/**
 * The service types of §3, in the order the reference lists them. The reviews of village rules, contracts,
 * collective-asset deals or major decisions are one type there (审查), as on the bureau's ledgers; what
 * was reviewed is kept beside it when known (`reviewSubject`).
 */
export const serviceTypes = [
  'consultation',
  'legal_opinion',
  'mediation',
  'legal_aid_referral',
  'lecture',
  'review',
  'legal_health_check',
  'on_site_duty',
] as const;
export type ServiceType = (typeof serviceTypes)[number];

/** The names the bureau uses on its ledgers (and the import template's). */
export const serviceTypeNames: Readonly<Record<ServiceType, string>> = {
  consultation: '咨询',
  legal_opinion: '法律意见',
  mediation: '调解',
  legal_aid_referral: '法援转介',
  lecture: '普法讲座',
  review: '审查村规民约/合同/集体资产/重大决策',
  legal_health_check: '法治体检',
  on_site_duty: '驻点值班',
};

/** What a review (审查) looked at: the four subjects §3 names. */
export const reviewSubjects = ['village_rules', 'contract', 'collective_assets', 'major_decision'] as const;
export type ReviewSubject = (typeof reviewSubjects)[number];

export const reviewSubjectNames: Readonly<Record<ReviewSubject, string>> = {
  village_rules: '村规民约',
  contract: '合同',
  collective_assets: '集体资产',
  major_decision: '重大决策',
};

/** 驻点 (in the village: counts toward the monthly on-site minimum) or 线上 (phone, WeChat, video). */
export const serviceModes = ['on_site', 'remote'] as const;
export type ServiceMode = (typeof serviceModes)[number];

/** Personal data: mask on the read side, never log. */
export type PersonServed = { name: string; phone: string | null };

/** A file the advisor attached (photo, scanned sign-in sheet), kept by content hash in the evidence store. */
export type EvidenceReference = { sha256: string; sizeBytes: number; mediaType: string | null };

/** Why the office excused a month's on-site shortfall (§3: advisor ill, replaced). */
export const shortfallCauses = ['advisor_ill', 'advisor_replaced', 'other'] as const;
export type ShortfallCause = (typeof shortfallCauses)[number];

/** The organisations a stream belongs to, from the registry, so routes can scope it. */
export type VillageOwnership = { villageId: string; judicialOfficeId: string };
