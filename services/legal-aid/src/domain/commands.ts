// Commands to one legal-aid stream, imperative. Instants are Dates (parsed at the edge). Who sends them
// is the envelope's business; the acting organisation arrives in the DecisionContext.
import type { LawyerRegistryState } from './lawyer-registry/state.js';
import type { OpenCaseOfLawyer } from './conflicts.js';
import type { OpenApplicationSummary } from './duplicates.js';
import type { ApplicantRelation, DocumentReference } from './events.js';
import type {
  AidForm,
  Art32Ground,
  Art42Ground,
  CaseOutcome,
  CompetenceFacts,
  MatterType,
  NotificationGround,
  NotifyingAuthorityKind,
  ObjectionTarget,
  Person,
  PlaceOfAuthority,
  QualityGrade,
  TerminationGround,
} from './vocabulary.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

/** The channel as a clerk records it; custody forwarding carries when the authority received it (Art. 39). */
export type ChannelInput =
  | { kind: 'counter' }
  | { kind: 'online' }
  | { kind: 'hotline_referral'; workOrderId: string }
  | { kind: 'advisor_referral'; ledgerEntryId: string }
  | { kind: 'custody_forwarding'; forwardingAuthority: string; receivedByAuthorityAt: Date }
  | { kind: 'authority_referral'; authority: string };

/** Art. 39: the custody authority says it has an application (before the paper arrives). */
export type AnnounceCustodyApplication = Command<
  'AnnounceCustodyApplication',
  { applicationId: string; forwardingAuthority: string; receivedByAuthorityAt: Date }
>;

/** 受理. `now` is the receipt (for custody forwarding: the arrival). */
export type SubmitApplication = Command<
  'SubmitApplication',
  {
    applicationId: string;
    applicationNumber: string;
    channel: ChannelInput;
    applicant: Person;
    /** Art. 40: null when the applicant is the recipient. */
    recipient: Person | null;
    applicantRelation: ApplicantRelation;
    matterType: MatterType;
    aidForm: AidForm;
    opposingParty: string | null;
    courtOrAuthority: string | null;
    summary: string;
    documents: readonly DocumentReference[];
    competenceFacts: CompetenceFacts;
    /** Art. 38: where several offices are competent, the one the applicant chose. */
    applicantChoice: string | null;
    /** The recipient's open applications, for the duplicate check (a warning only). */
    openApplications: readonly OpenApplicationSummary[];
  }
>;

export type OverrideCompetence = Command<'OverrideCompetence', { competentOfficeId: string; reason: string }>;
export type TransferApplication = Command<'TransferApplication', Record<string, never>>;
export type ReceiveTransferredApplication = Command<'ReceiveTransferredApplication', Record<string, never>>;
export type RequestMaterials = Command<'RequestMaterials', { items: readonly string[] }>;
export type SupplyMaterials = Command<'SupplyMaterials', { items: readonly string[] }>;
export type WithdrawApplication = Command<'WithdrawApplication', { reason: string }>;

export type EconomicStatusInput =
  | { kind: 'data_sharing'; meetsStandard: boolean; source: string; reference: string | null }
  | { kind: 'personal_pledge'; pledgeSignedAt: Date }
  | { kind: 'art42_exempt'; ground: Art42Ground; proof: string }
  | { kind: 'art32_not_required'; ground: Art32Ground };
export type RecordEconomicStatus = Command<'RecordEconomicStatus', { status: EconomicStatusInput }>;

export type PreliminaryAidGroundInput =
  | { kind: 'deadline_near'; deadline: 'limitation_period' | 'filing_deadline'; deadlineAt: Date }
  | { kind: 'preservation_needed'; what: 'property' | 'evidence' }
  | { kind: 'advance_execution' };
export type DecidePreliminaryAid = Command<'DecidePreliminaryAid', { ground: PreliminaryAidGroundInput }>;

export type ApproveApplication = Command<'ApproveApplication', Record<string, never>>;
export type RefuseApplication = Command<'RefuseApplication', { reasons: string }>;

export type ReceiveNotification = Command<
  'ReceiveNotification',
  {
    caseId: string;
    notifyingAuthority: { kind: NotifyingAuthorityKind; name: string; sits: PlaceOfAuthority };
    ground: NotificationGround;
    capitalCase: boolean;
    defendant: Person;
    charge: string;
  }
>;

/** 指派, with the registry's open cases for the conflict check. */
/**
 * The lawyer is named by id and taken from the office's district registry (given with the command, as
 * read): Art. 26's years of practice are counted from the registry's record, the conflict check uses the
 * firm the registry gives each lawyer today.
 */
export type AssignLawyer = Command<'AssignLawyer', { lawyerId: string; registry: LawyerRegistryState; openCases: readonly OpenCaseOfLawyer[] }>;
export type RecordAuthorityInformed = Command<'RecordAuthorityInformed', { method: string }>;

export type FileObjection = Command<'FileObjection', { grounds: string }>;
export type UpholdDecision = Command<'UpholdDecision', { reasons: string }>;
export type OrderCorrection = Command<'OrderCorrection', { reasons: string }>;

export type TerminateAid = Command<
  'TerminateAid',
  { ground: TerminationGround; basis: 'lawyer_report' | 'own_finding'; explanation: string }
>;
export type CloseCase = Command<'CloseCase', { outcome: CaseOutcome; summary: string }>;
export type RecordFollowUp = Command<'RecordFollowUp', { followUpId: string; satisfied: boolean; note: string }>;
export type ReviewQuality = Command<'ReviewQuality', { grade: QualityGrade; note: string }>;

/** From the durable timers, with the due time each was set for (a moved deadline makes it stale). */
export type RecordReviewOverdue = Command<'RecordReviewOverdue', { dueAt: Date }>;
export type RecordAssignmentOverdue = Command<'RecordAssignmentOverdue', { dueAt: Date }>;
export type RecordObjectionDecisionOverdue = Command<'RecordObjectionDecisionOverdue', { dueAt: Date }>;
export type RecordCustodyForwardingOverdue = Command<'RecordCustodyForwardingOverdue', { dueAt: Date }>;
export type RecordDeemedWithdrawn = Command<'RecordDeemedWithdrawn', { dueAt: Date }>;

/** 时限重算 when a calendar year is loaded (the service's own pass, src/calendar/provisional-deadlines.ts). */
export type RecomputeDeadlines = Command<'RecomputeDeadlines', Record<string, never>>;

export type LegalAidCommand =
  | AnnounceCustodyApplication
  | SubmitApplication
  | OverrideCompetence
  | TransferApplication
  | ReceiveTransferredApplication
  | RequestMaterials
  | SupplyMaterials
  | WithdrawApplication
  | RecordEconomicStatus
  | DecidePreliminaryAid
  | ApproveApplication
  | RefuseApplication
  | ReceiveNotification
  | AssignLawyer
  | RecordAuthorityInformed
  | FileObjection
  | UpholdDecision
  | OrderCorrection
  | TerminateAid
  | CloseCase
  | RecordFollowUp
  | ReviewQuality
  | RecomputeDeadlines
  | RecordReviewOverdue
  | RecordAssignmentOverdue
  | RecordObjectionDecisionOverdue
  | RecordCustodyForwardingOverdue
  | RecordDeemedWithdrawn;

export type LegalAidCommandType = LegalAidCommand['type'];
