// Commands to one village's ledger for one month (台账). Imperative. The village and month are the
// stream's; the acting person (advisor, office clerk) travels in the envelope, not here.
import type { EvidenceReference, LocalDate, PersonServed, ReviewSubject, ServiceMode, ServiceType, ShortfallCause } from '../vocabulary.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

/** What an advisor writes about one service; the appointment it falls under is found by the decider. */
export type ServiceDetails = {
  advisorId: string;
  date: LocalDate;
  /** 'HH:MM' Beijing time when known: part of an entry's identity (two consultations on one day differ by it). */
  startTime: string | null;
  type: ServiceType;
  /** For a review (审查): what was reviewed, when the advisor says; null otherwise. */
  reviewSubject: ReviewSubject | null;
  durationMinutes: number;
  mode: ServiceMode;
  personsServed: PersonServed[];
  summary: string;
  evidence: EvidenceReference[];
  /** For a legal-aid referral: the application it led to, when known, so audit can link the two. */
  legalAidApplicationId: string | null;
};

/** 登记服务. `entryId` is chosen by the client (or derived by the import), so a retry is recorded once. */
export type LogService = Command<'LogService', { entryId: string; villageId: string } & ServiceDetails>;

/** 更正: never in place; the fields given replace the entry's, with a reason. A returned entry goes back to review. */
export type CorrectEntry = Command<'CorrectEntry', { entryId: string; correction: Partial<ServiceDetails>; reason: string }>;

/** 作废: the entry stays in the history but no longer counts. */
export type VoidEntry = Command<'VoidEntry', { entryId: string; reason: string }>;

/** 开始月度审核 (司法所): from the 25th (CONFIGURABLE) on what is logged so far. */
export type StartMonthReview = Command<'StartMonthReview', Record<string, never>>;

/** 退回更正 (司法所). */
export type ReturnEntry = Command<'ReturnEntry', { entryId: string; reason: string }>;

/** 审核通过 (司法所): only after the month has ended; the month is then closed. */
export type ApproveMonth = Command<'ApproveMonth', Record<string, never>>;

/** 重新打开 (司法所): a closed month taken back into review, with a reason, so it can be corrected. */
export type ReopenMonth = Command<'ReopenMonth', { reason: string }>;

/** 说明未达标原因 (司法所): the month's on-site shortfall is excused (advisor ill, replaced). */
export type ExcuseShortfall = Command<'ExcuseShortfall', { cause: ShortfallCause; reason: string }>;

/**
 * 月末判定: the month's on-site judgement, by the month-end timer (a repeating month_end schedule in Beijing
 * time) and again after any later change to an ended month. Records a judgement only when it differs.
 */
export type JudgeOnSiteMinimum = Command<'JudgeOnSiteMinimum', Record<string, never>>;

export type LedgerCommand =
  | LogService
  | CorrectEntry
  | VoidEntry
  | StartMonthReview
  | ReturnEntry
  | ApproveMonth
  | ReopenMonth
  | ExcuseShortfall
  | JudgeOnSiteMinimum;
