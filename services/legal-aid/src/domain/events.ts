// Events of one legal-aid stream (法律援助案件: an application, or a notified case), past tense. Data is
// plain JSON. Who acted (id, role, organisation) is in the envelope, never here: the data says what was
// decided and when; the acting office is the file's holder, which the envelope's organisation confirms.
import type { ConflictWarning } from './conflicts.js';
import type { DeadlineRecord } from './deadlines.js';
import type { RecountableLimit } from './recount.js';
import type {
  AidForm,
  CaseOutcome,
  Channel,
  CompetenceBasis,
  CompetenceFacts,
  CustodyForwarding,
  EconomicStatus,
  GreenChannelGround,
  IsoInstant,
  MatterType,
  NotificationGround,
  NotifyingAuthorityKind,
  ObjectionTarget,
  Person,
  PlaceOfAuthority,
  PreliminaryAidGround,
  QualityGrade,
  TerminationGround,
} from './vocabulary.js';

type Event<Type extends string, Data> = { type: Type; data: Data };

/** A document handed in: stored by content hash elsewhere; the file keeps the reference. */
/** A document handed in: its scan is stored by content hash (POST /scans); the media type is the store's (absent in files recorded before scans were stored). */
export type DocumentReference = { name: string; contentHash: string; sizeBytes: number; mediaType?: string | null };

/** Art. 40: the applicant and the recipient, and how they are related when they differ. */
export type ApplicantRelation = 'self' | 'legal_representative' | 'close_relative';

/** Art. 39: an authority told the office it received an application from a person in custody. */
export type CustodyApplicationAnnounced = Event<
  'CustodyApplicationAnnounced',
  { applicationId: string; forwardingAuthority: string; receivedByAuthorityAt: IsoInstant; announcedAt: IsoInstant; receivingOrganisationId: string; forwarding: DeadlineRecord }
>;

/** 受理 (receipt). The review clock counts from `receivedAt` (for custody: the arrival, Art. 39). */
export type ApplicationSubmitted = Event<
  'ApplicationSubmitted',
  {
    applicationId: string;
    /** Given at receipt from the receiving district's sequence; never changed by a transfer or override. */
    applicationNumber: string;
    receivingOrganisationId: string;
    /** The office the receiving organisation belongs to: it holds the file until a transfer. */
    holderOfficeId: string;
    channel: Channel;
    custody: CustodyForwarding | null;
    applicant: Person;
    recipient: Person;
    applicantRelation: ApplicantRelation;
    matterType: MatterType;
    aidForm: AidForm;
    opposingParty: string | null;
    courtOrAuthority: string | null;
    summary: string;
    documents: DocumentReference[];
    competence: { facts: CompetenceFacts; candidateOfficeIds: string[]; competentOfficeId: string; basis: CompetenceBasis };
    greenChannel: GreenChannelGround[];
    /** Open applications the duplicate check warned of (a warning: the application is still taken). */
    possibleDuplicateOf: string[];
    receivedAt: IsoInstant;
    review: DeadlineRecord;
  }
>;

/** A supervisor's override of the proposed competent office, with the reason. */
export type CompetenceOverridden = Event<
  'CompetenceOverridden',
  { previousOfficeId: string; competentOfficeId: string; reason: string; overriddenAt: IsoInstant }
>;

/** 移送 to the competent office (市域通办). The review clock keeps counting from the original receipt. */
export type ApplicationTransferred = Event<
  'ApplicationTransferred',
  { fromOfficeId: string; toOfficeId: string; transferredAt: IsoInstant }
>;

/** The competent office received it: it reviews as if received directly, on its own limit, from the original receipt. */
export type TransferredApplicationReceived = Event<
  'TransferredApplicationReceived',
  { officeId: string; receivedAt: IsoInstant; review: DeadlineRecord }
>;

/** 一次性告知 (Art. 43): every missing item at once; the review clock stops with `reviewRemaining` left. */
export type MaterialsRequested = Event<
  'MaterialsRequested',
  { items: string[]; requestedAt: IsoInstant; reviewRemaining: number; materialsDue: DeadlineRecord }
>;

/** The review clock runs again with the working time that was left. */
export type MaterialsSupplied = Event<
  'MaterialsSupplied',
  { items: string[]; outstanding: string[]; suppliedAt: IsoInstant; review: DeadlineRecord }
>;

/** 视为撤回: the materials were not supplied in time (recorded by the timer). */
export type ApplicationDeemedWithdrawn = Event<'ApplicationDeemedWithdrawn', { dueAt: IsoInstant; recordedAt: IsoInstant }>;

export type ApplicationWithdrawn = Event<'ApplicationWithdrawn', { reason: string; withdrawnAt: IsoInstant }>;

/** 经济困难状况 (Arts. 32, 34, 41, 42). */
export type EconomicStatusRecorded = Event<'EconomicStatusRecorded', { status: EconomicStatus; recordedAt: IsoInstant }>;

/** 先行提供 (Art. 44): aid before the review ends; a lawyer at once; the review completes as usual. */
export type PreliminaryAidDecided = Event<
  'PreliminaryAidDecided',
  { ground: PreliminaryAidGround; decidedAt: IsoInstant; assignment: DeadlineRecord }
>;

/** 给予法律援助. `assignment` is null when a lawyer already acts (preliminary aid). */
export type ApplicationApproved = Event<
  'ApplicationApproved',
  { approvedAt: IsoInstant; reviewDueAt: IsoInstant; onTime: boolean; assignment: DeadlineRecord | null }
>;

/** 不予法律援助: written reasons, and the right to object to the justice bureau (Art. 49). */
export type ApplicationRefused = Event<
  'ApplicationRefused',
  {
    reasons: string;
    refusedAt: IsoInstant;
    reviewDueAt: IsoInstant;
    onTime: boolean;
    rightToObject: { article: 'Art. 49'; decidedBy: 'justice_bureau'; filingDeadline: DeadlineRecord | null };
  }
>;

/** 通知辩护 / 通知代理 (Arts. 25, 28, 35-36): no application, no review; a lawyer within 3 days. */
export type NotificationReceived = Event<
  'NotificationReceived',
  {
    caseId: string;
    officeId: string;
    notifyingAuthority: { kind: NotifyingAuthorityKind; name: string; sits: PlaceOfAuthority };
    ground: NotificationGround;
    /** Art. 26 applies (possible life imprisonment or death; death-penalty review). */
    capitalCase: boolean;
    defendant: Person;
    charge: string;
    noticeReceivedAt: IsoInstant;
    assignment: DeadlineRecord;
  }
>;

/** 指派. `conflicts` are warnings (the lawyer or firm acts for the opposing party elsewhere). */
export type LawyerAssigned = Event<
  'LawyerAssigned',
  {
    lawyerId: string;
    firmId: string;
    relevantPracticeYears: number;
    assignedAt: IsoInstant;
    dueAt: IsoInstant | null;
    onTime: boolean;
    preliminary: boolean;
    conflicts: ConflictWarning[];
  }
>;

/** The notifying authority was told who was assigned (Art. 36). */
export type AuthorityInformed = Event<'AuthorityInformed', { informedAt: IsoInstant; method: string }>;

/** 异议 (Art. 49), filed with the justice bureau against a refusal or a termination. */
export type ObjectionFiled = Event<
  'ObjectionFiled',
  { against: ObjectionTarget; grounds: string; filedAt: IsoInstant; decision: DeadlineRecord }
>;

/** The bureau upholds the office's decision. */
export type ObjectionUpheld = Event<'ObjectionUpheld', { reasons: string; decidedAt: IsoInstant; onTime: boolean }>;

/**
 * The bureau orders the office to correct: a refusal reopens the review (`review`, counted from the
 * order); a termination reinstates the aid (`review` null), and where no lawyer had been assigned yet the
 * assignment limit runs again from the order (`assignment`).
 */
export type CorrectionOrdered = Event<
  'CorrectionOrdered',
  { against: ObjectionTarget; reasons: string; decidedAt: IsoInstant; onTime: boolean; review: DeadlineRecord | null; assignment: DeadlineRecord | null }
>;

/** 终止法律援助 (Art. 48), on the lawyer's report or the office's own finding. */
export type AidTerminated = Event<
  'AidTerminated',
  {
    ground: TerminationGround;
    basis: 'lawyer_report' | 'own_finding';
    explanation: string;
    terminatedAt: IsoInstant;
    rightToObject: { article: 'Art. 49'; decidedBy: 'justice_bureau'; filingDeadline: DeadlineRecord | null };
  }
>;

/** 结案 (Art. 50). */
export type CaseClosed = Event<'CaseClosed', { outcome: CaseOutcome; summary: string; closedAt: IsoInstant }>;

/** 回访 (Art. 59). */
export type FollowUpRecorded = Event<
  'FollowUpRecorded',
  { followUpId: string; satisfied: boolean; note: string; recordedAt: IsoInstant }
>;

/** 同行评估: 优秀 / 良好 / 合格 / 不合格. */
export type QualityReviewed = Event<'QualityReviewed', { grade: QualityGrade; note: string; reviewedAt: IsoInstant }>;

/** Recorded by the timers at a due moment when the step was still not done. */
export type ReviewOverdue = Event<'ReviewOverdue', { dueAt: IsoInstant; recordedAt: IsoInstant }>;
export type AssignmentOverdue = Event<'AssignmentOverdue', { dueAt: IsoInstant; recordedAt: IsoInstant }>;
export type ObjectionDecisionOverdue = Event<'ObjectionDecisionOverdue', { dueAt: IsoInstant; recordedAt: IsoInstant }>;
export type CustodyForwardingOverdue = Event<'CustodyForwardingOverdue', { dueAt: IsoInstant; recordedAt: IsoInstant }>;

/** 时限重算: running limits counted again on the calendar now in force (recount.ts); the timers move with them. */
export type DeadlinesRecomputed = Event<
  'DeadlinesRecomputed',
  {
    by: 'calendar_year_loaded';
    recomputedAt: IsoInstant;
    limits: { limit: RecountableLimit; previousDueAt: IsoInstant; deadline: DeadlineRecord }[];
  }
>;

export type LegalAidEvent =
  | CustodyApplicationAnnounced
  | ApplicationSubmitted
  | CompetenceOverridden
  | ApplicationTransferred
  | TransferredApplicationReceived
  | MaterialsRequested
  | MaterialsSupplied
  | ApplicationDeemedWithdrawn
  | ApplicationWithdrawn
  | EconomicStatusRecorded
  | PreliminaryAidDecided
  | ApplicationApproved
  | ApplicationRefused
  | NotificationReceived
  | LawyerAssigned
  | AuthorityInformed
  | ObjectionFiled
  | ObjectionUpheld
  | CorrectionOrdered
  | AidTerminated
  | CaseClosed
  | FollowUpRecorded
  | QualityReviewed
  | ReviewOverdue
  | AssignmentOverdue
  | ObjectionDecisionOverdue
  | CustodyForwardingOverdue
  | DeadlinesRecomputed;

export type LegalAidEventType = LegalAidEvent['type'];
