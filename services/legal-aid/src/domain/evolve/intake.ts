// evolve for receipt, notices, competence and transfer.
import type {
  ApplicationSubmitted,
  ApplicationTransferred,
  CompetenceOverridden,
  CustodyApplicationAnnounced,
  CustodyForwardingOverdue,
  NotificationReceived,
  TransferredApplicationReceived,
} from '../events.js';
import type { InReview, LegalAidFile, LegalAidState, Notified } from '../state.js';

type IntakeEvent =
  | CustodyApplicationAnnounced
  | ApplicationSubmitted
  | NotificationReceived
  | CompetenceOverridden
  | ApplicationTransferred
  | TransferredApplicationReceived
  | CustodyForwardingOverdue;

/** What a new file starts with before the facts of its kind. */
const blank = {
  transfer: null,
  competenceOverride: null,
  application: null,
  notification: null,
  materials: null,
  economicStatus: null,
  preliminaryAid: null,
  decision: null,
  assignmentDue: null,
  assignmentOverdueFor: null,
  lawyer: null,
  objection: null,
  termination: null,
  closing: null,
  followUpIds: [],
  quality: null,
  endedAt: null,
} as const satisfies Partial<LegalAidFile>;

function submitted({ data: e }: ApplicationSubmitted): InReview {
  return {
    ...blank,
    status: 'in_review',
    caseId: e.applicationId,
    kind: 'application',
    receivingOrganisationId: e.receivingOrganisationId,
    competentOfficeId: e.competence.competentOfficeId,
    holderOfficeId: e.holderOfficeId,
    application: {
      applicationNumber: e.applicationNumber,
      channel: e.channel,
      custody: e.custody,
      applicant: e.applicant,
      applicantRelation: e.applicantRelation,
      matterType: e.matterType,
      aidForm: e.aidForm,
      courtOrAuthority: e.courtOrAuthority,
      summary: e.summary,
      possibleDuplicateOf: e.possibleDuplicateOf,
    },
    recipient: e.recipient,
    opposingParty: e.opposingParty,
    capitalCase: false,
    greenChannel: e.greenChannel,
    receivedAt: e.receivedAt,
    review: { current: e.review, pausedAt: null, remaining: null, materialsRequested: false, overdueFor: null },
  };
}

function notified({ data: e }: NotificationReceived): Notified {
  return {
    ...blank,
    status: 'notified',
    caseId: e.caseId,
    kind: 'notified',
    receivingOrganisationId: e.officeId,
    competentOfficeId: e.officeId,
    holderOfficeId: e.officeId,
    notification: { authorityName: e.notifyingAuthority.name, ground: e.ground, charge: e.charge, authorityInformedAt: null },
    recipient: e.defendant,
    opposingParty: null,
    capitalCase: e.capitalCase,
    greenChannel: [],
    receivedAt: e.noticeReceivedAt,
    review: null,
    assignmentDue: e.assignment,
  };
}

export function evolveIntake(state: LegalAidState, event: IntakeEvent): LegalAidState {
  switch (event.type) {
    case 'CustodyApplicationAnnounced':
      if (state.status !== 'none') return state;
      return {
        status: 'awaiting_custody_forwarding',
        caseId: event.data.applicationId,
        receivingOrganisationId: event.data.receivingOrganisationId,
        forwardingAuthority: event.data.forwardingAuthority,
        receivedByAuthorityAt: event.data.receivedByAuthorityAt,
        forwarding: event.data.forwarding,
        forwardingOverdue: false,
      };
    case 'CustodyForwardingOverdue':
      return state.status === 'awaiting_custody_forwarding' ? { ...state, forwardingOverdue: true } : state;
    case 'ApplicationSubmitted':
      return state.status === 'none' || state.status === 'awaiting_custody_forwarding' ? submitted(event) : state;
    case 'NotificationReceived':
      return state.status === 'none' ? notified(event) : state;
    case 'CompetenceOverridden':
      if (state.status !== 'in_review') return state;
      return { ...state, competentOfficeId: event.data.competentOfficeId, competenceOverride: { reason: event.data.reason, at: event.data.overriddenAt } };
    case 'ApplicationTransferred':
      if (state.status !== 'in_review') return state;
      return { ...state, transfer: { fromOfficeId: event.data.fromOfficeId, toOfficeId: event.data.toOfficeId, transferredAt: event.data.transferredAt, receivedAt: null } };
    case 'TransferredApplicationReceived': {
      if (state.status !== 'in_review' || state.transfer === null) return state;
      // The same due moment keeps its overdue record: the restarted timer must not record it twice.
      const overdueFor = state.review.overdueFor === event.data.review.dueAt ? state.review.overdueFor : null;
      const review = { ...state.review, current: event.data.review, overdueFor };
      return { ...state, holderOfficeId: event.data.officeId, transfer: { ...state.transfer, receivedAt: event.data.receivedAt }, review };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
