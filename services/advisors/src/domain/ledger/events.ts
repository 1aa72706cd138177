// Events of one village's ledger for one month, past tense. Plain JSON (instants as ISO strings). The
// actor is in the envelope; the times here are the domain's (when the fact counts), given as `now`.
import type {
  EvidenceReference,
  IsoInstant,
  LedgerMonth,
  LocalDate,
  PersonServed,
  ReviewSubject,
  ServiceMode,
  ServiceType,
  ShortfallCause,
} from '../vocabulary.js';

type Event<Type extends string, Data> = { type: Type; data: Data };

/** An entry as it stands: what was logged, or its latest correction. */
export type EntryContent = {
  advisorId: string;
  /** The appointment in force for the village on `date` (advisor_not_appointed), for audit. */
  appointmentId: string;
  date: LocalDate;
  startTime: string | null;
  type: ServiceType;
  reviewSubject: ReviewSubject | null;
  durationMinutes: number;
  mode: ServiceMode;
  /** Personal data: mask in lists, never log. */
  personsServed: PersonServed[];
  summary: string;
  evidence: EvidenceReference[];
  legalAidApplicationId: string | null;
};

/** The stream's first event: whose ledger it is, so routes can scope it without reading entries. */
export type LedgerMonthOpened = Event<'LedgerMonthOpened', { villageId: string; judicialOfficeId: string; month: LedgerMonth }>;

export type ServiceLogged = Event<'ServiceLogged', { entryId: string; content: EntryContent; loggedAt: IsoInstant }>;

/** The whole content after the correction, and which fields it changed. */
export type EntryCorrected = Event<
  'EntryCorrected',
  { entryId: string; content: EntryContent; changed: string[]; reason: string; resubmitted: boolean; correctedAt: IsoInstant }
>;

export type EntryVoided = Event<'EntryVoided', { entryId: string; reason: string; voidedAt: IsoInstant }>;

export type MonthReviewStarted = Event<'MonthReviewStarted', { startedAt: IsoInstant }>;

export type EntryReturned = Event<'EntryReturned', { entryId: string; reason: string; returnedAt: IsoInstant }>;

/** The on-site check as it stood when approved, so a report cites what the office saw. */
export type MonthApproved = Event<
  'MonthApproved',
  { approvedAt: IsoInstant; onSiteMinutes: number; minimumMinutes: number; onSiteOutcome: 'met' | 'short' | 'excused' }
>;

export type MonthReopened = Event<'MonthReopened', { reason: string; reopenedAt: IsoInstant }>;

export type ShortfallExcused = Event<
  'ShortfallExcused',
  { cause: ShortfallCause; reason: string; shortByMinutes: number; excusedAt: IsoInstant }
>;

/**
 * The month's on-site judgement as recorded for reports and audits: each advisor's share, and by how much
 * short. A later change that alters it records a new judgement beside the old one (never replaces it).
 */
export type OnSiteMinimumJudged = Event<
  'OnSiteMinimumJudged',
  {
    outcome: 'met' | 'short' | 'excused';
    onSiteMinutes: number;
    minimumMinutes: number;
    shortByMinutes: number;
    byAdvisor: { advisorId: string; onSiteMinutes: number }[];
    judgedAt: IsoInstant;
  }
>;

export type LedgerEvent =
  | LedgerMonthOpened
  | ServiceLogged
  | EntryCorrected
  | EntryVoided
  | MonthReviewStarted
  | EntryReturned
  | MonthApproved
  | MonthReopened
  | ShortfallExcused
  | OnSiteMinimumJudged;
