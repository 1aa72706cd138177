// The state `decide` needs, also what a read side may show. A union keyed on `status`, so an assignment
// before approval or materials awaited without a request cannot be written down. The file keeps its
// competent (owning) office and the receiving organisation, so routes can scope it.
import type { ConflictWarning } from './conflicts.js';
import type { DeadlineRecord } from './deadlines.js';
import type { ApplicantRelation } from './events.js';
import type {
  AidForm,
  CaseOutcome,
  Channel,
  CustodyForwarding,
  EconomicStatus,
  GreenChannelGround,
  IsoInstant,
  MatterType,
  NotificationGround,
  ObjectionTarget,
  Person,
  PreliminaryAidGround,
  QualityGrade,
  TerminationGround,
} from './vocabulary.js';

/** The review clock (Art. 43): the running limit, or where it stopped while materials are awaited. */
export type ReviewClock = {
  readonly current: DeadlineRecord;
  readonly pausedAt: IsoInstant | null;
  readonly remaining: number | null;
  /** 一次性告知: one materials request per review round. */
  readonly materialsRequested: boolean;
  readonly overdueFor: IsoInstant | null;
};

export type LawyerRecord = {
  readonly lawyerId: string;
  readonly firmId: string;
  readonly relevantPracticeYears: number;
  readonly assignedAt: IsoInstant;
  readonly onTime: boolean;
  readonly preliminary: boolean;
  readonly conflicts: readonly ConflictWarning[];
};

export type ObjectionRecord = {
  readonly against: ObjectionTarget;
  readonly grounds: string;
  readonly filedAt: IsoInstant;
  readonly decision: DeadlineRecord;
  readonly overdueFor: IsoInstant | null;
  readonly outcome: 'upheld' | 'correction_ordered' | null;
};

export type MaterialsRecord = {
  readonly items: readonly string[];
  readonly requestedAt: IsoInstant;
  readonly due: DeadlineRecord;
  readonly suppliedAt: IsoInstant | null;
  readonly outstanding: readonly string[];
};

/** The application's own facts (null for a notified case). */
export type ApplicationRecord = {
  readonly applicationNumber: string;
  readonly channel: Channel;
  readonly custody: CustodyForwarding | null;
  readonly applicant: Person;
  readonly applicantRelation: ApplicantRelation;
  readonly matterType: MatterType;
  readonly aidForm: AidForm;
  readonly courtOrAuthority: string | null;
  readonly summary: string;
  readonly possibleDuplicateOf: readonly string[];
};

/** The notice's own facts (null for an application). */
export type NotificationRecord = {
  readonly authorityName: string;
  readonly ground: NotificationGround;
  readonly charge: string;
  readonly authorityInformedAt: IsoInstant | null;
};

/** What every file carries, whatever its status. Personal data (recipient, applicant): mask, never log. */
export interface LegalAidFile {
  readonly caseId: string;
  readonly kind: 'application' | 'notified';
  readonly receivingOrganisationId: string;
  /** The competent office (Art. 38): it owns the file. */
  readonly competentOfficeId: string;
  /** The office that has the file now: the receiving one until a transfer is received. */
  readonly holderOfficeId: string;
  readonly transfer: { readonly fromOfficeId: string; readonly toOfficeId: string; readonly transferredAt: IsoInstant; readonly receivedAt: IsoInstant | null } | null;
  readonly competenceOverride: { readonly reason: string; readonly at: IsoInstant } | null;
  readonly application: ApplicationRecord | null;
  readonly notification: NotificationRecord | null;
  readonly recipient: Person;
  readonly opposingParty: string | null;
  readonly capitalCase: boolean;
  readonly greenChannel: readonly GreenChannelGround[];
  /** Receipt (受理), or for custody the arrival, or the notice's receipt. */
  readonly receivedAt: IsoInstant;
  readonly review: ReviewClock | null;
  readonly materials: MaterialsRecord | null;
  readonly economicStatus: EconomicStatus | null;
  readonly preliminaryAid: { readonly ground: PreliminaryAidGround; readonly decidedAt: IsoInstant } | null;
  readonly decision: { readonly kind: 'approved' | 'refused'; readonly at: IsoInstant; readonly onTime: boolean; readonly reasons: string | null } | null;
  /** The pending assignment limit (Art. 43, notified cases, preliminary aid). */
  readonly assignmentDue: DeadlineRecord | null;
  readonly assignmentOverdueFor: IsoInstant | null;
  readonly lawyer: LawyerRecord | null;
  readonly objection: ObjectionRecord | null;
  readonly termination: { readonly ground: TerminationGround; readonly basis: 'lawyer_report' | 'own_finding'; readonly explanation: string; readonly at: IsoInstant } | null;
  readonly closing: { readonly outcome: CaseOutcome; readonly summary: string; readonly at: IsoInstant } | null;
  readonly followUpIds: readonly string[];
  readonly quality: { readonly grade: QualityGrade; readonly note: string; readonly at: IsoInstant } | null;
  readonly endedAt: IsoInstant | null;
}

export type NoFile = { readonly status: 'none' };

/** Art. 39: announced by the custody authority, not yet arrived. The forwarding clock (24 clock hours) runs. */
export type AwaitingCustodyForwarding = {
  readonly status: 'awaiting_custody_forwarding';
  readonly caseId: string;
  readonly receivingOrganisationId: string;
  readonly forwardingAuthority: string;
  readonly receivedByAuthorityAt: IsoInstant;
  readonly forwarding: DeadlineRecord;
  readonly forwardingOverdue: boolean;
};

export interface InReview extends LegalAidFile { readonly status: 'in_review'; readonly review: ReviewClock }
export interface AwaitingMaterials extends LegalAidFile {
  readonly status: 'awaiting_materials';
  readonly review: ReviewClock;
  readonly materials: MaterialsRecord;
}
/** Granted, waiting for a lawyer (Art. 43: within 3 days). */
export interface Approved extends LegalAidFile { readonly status: 'approved'; readonly lawyer: null }
export interface Refused extends LegalAidFile { readonly status: 'refused' }
/** Notified case waiting for a lawyer (3 days from the notice). */
export interface Notified extends LegalAidFile { readonly status: 'notified'; readonly lawyer: null }
/** Aid under way: a lawyer acts. */
export interface Aided extends LegalAidFile { readonly status: 'aided'; readonly lawyer: LawyerRecord }
export interface Terminated extends LegalAidFile { readonly status: 'terminated' }
export interface ObjectionPending extends LegalAidFile { readonly status: 'objection_pending'; readonly objection: ObjectionRecord }
export interface Closed extends LegalAidFile { readonly status: 'closed' }
export interface Withdrawn extends LegalAidFile { readonly status: 'withdrawn' | 'deemed_withdrawn' }

export type LegalAidState =
  | NoFile
  | AwaitingCustodyForwarding
  | InReview
  | AwaitingMaterials
  | Approved
  | Refused
  | Notified
  | Aided
  | Terminated
  | ObjectionPending
  | Closed
  | Withdrawn;
export type LegalAidStatus = LegalAidState['status'];
export type OpenFile = Exclude<LegalAidState, NoFile | AwaitingCustodyForwarding>;

export function initialState(): LegalAidState {
  return { status: 'none' };
}
