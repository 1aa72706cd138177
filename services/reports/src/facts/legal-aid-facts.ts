// Legal-aid files (法律援助): what the report needs of one file's stream, folded from its events, and the
// facts it gives (docs/reports/counting-rules.md, "Legal aid"; the same rules as the legal-aid statistics).
import type { LegalAidEvent } from '@bureau/legal-aid/domain';
import { fact, type Fact } from './fact.js';

type Decision = { readonly at: string; readonly officeId: string; readonly workingDays: number };

export interface LegalAidSummary {
  readonly caseId: string;
  readonly kind: 'application' | 'notified';
  readonly receivingOrganisationId: string;
  readonly competentOfficeId: string;
  readonly matterType: string;
  readonly channel: string;
  readonly greenChannel: boolean;
  readonly receivedAt: string;
  readonly approvals: readonly Decision[];
  readonly refusals: readonly Decision[];
  readonly transfers: readonly { readonly from: string; readonly to: string; readonly at: string }[];
  readonly preliminaryAidAt: string | null;
  readonly firstAssignedAt: string | null;
  readonly quality: { readonly grade: string; readonly at: string } | null;
}

/** Working days from a receipt to a decision (the official calendar; weekdays for a year not loaded). */
export type WorkingDaysBetween = (fromIso: string, toIso: string) => number;

export function evolveLegalAidSummary(s: LegalAidSummary | null, event: LegalAidEvent, workingDays: WorkingDaysBetween): LegalAidSummary | null {
  if (event.type === 'ApplicationSubmitted') {
    const d = event.data;
    return {
      caseId: d.applicationId, kind: 'application', receivingOrganisationId: d.receivingOrganisationId,
      competentOfficeId: d.competence.competentOfficeId, matterType: d.matterType, channel: d.channel.kind,
      greenChannel: d.greenChannel.length > 0, receivedAt: d.receivedAt, approvals: [], refusals: [], transfers: [],
      preliminaryAidAt: null, firstAssignedAt: null, quality: null,
    };
  }
  if (event.type === 'NotificationReceived') {
    const d = event.data;
    return {
      caseId: d.caseId, kind: 'notified', receivingOrganisationId: d.officeId, competentOfficeId: d.officeId,
      matterType: 'notified_defence', channel: `notified_by_${d.notifyingAuthority.kind}`, greenChannel: false,
      receivedAt: d.noticeReceivedAt, approvals: [], refusals: [], transfers: [], preliminaryAidAt: null, firstAssignedAt: null, quality: null,
    };
  }
  if (!s) return null;
  switch (event.type) {
    case 'CompetenceOverridden':
      return { ...s, competentOfficeId: event.data.competentOfficeId };
    case 'ApplicationTransferred':
      return { ...s, transfers: [...s.transfers, { from: event.data.fromOfficeId, to: event.data.toOfficeId, at: event.data.transferredAt }] };
    case 'TransferredApplicationReceived':
      return { ...s, competentOfficeId: event.data.officeId };
    case 'ApplicationApproved': {
      const at = event.data.approvedAt;
      return { ...s, approvals: [...s.approvals, { at, officeId: s.competentOfficeId, workingDays: workingDays(s.receivedAt, at) }] };
    }
    case 'ApplicationRefused': {
      const at = event.data.refusedAt;
      return { ...s, refusals: [...s.refusals, { at, officeId: s.competentOfficeId, workingDays: workingDays(s.receivedAt, at) }] };
    }
    case 'PreliminaryAidDecided':
      return { ...s, preliminaryAidAt: s.preliminaryAidAt ?? event.data.decidedAt };
    case 'LawyerAssigned':
      return { ...s, firstAssignedAt: s.firstAssignedAt ?? event.data.assignedAt };
    case 'QualityReviewed':
      return { ...s, quality: { grade: event.data.grade, at: event.data.reviewedAt } };
    case 'CustodyApplicationAnnounced':
    case 'MaterialsRequested':
    case 'MaterialsSupplied':
    case 'ApplicationDeemedWithdrawn':
    case 'ApplicationWithdrawn':
    case 'EconomicStatusRecorded':
    case 'AuthorityInformed':
    case 'ObjectionFiled':
    case 'ObjectionUpheld':
    case 'CorrectionOrdered':
    case 'AidTerminated':
    case 'CaseClosed':
    case 'FollowUpRecorded':
    // A provisional deadline recounted on the official calendar moves a limit, not a figure: an overdue
    // limit is counted from its own event.
    case 'DeadlinesRecomputed':
    case 'ReviewOverdue':
    case 'AssignmentOverdue':
    case 'ObjectionDecisionOverdue':
    case 'CustodyForwardingOverdue':
      return s;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function legalAidFacts(s: LegalAidSummary | null): Fact[] {
  if (!s) return [];
  const base = { caseKind: 'legal-aid' as const, caseId: s.caseId };
  const dims = { matterType: s.matterType, channel: s.channel };
  const facts: Fact[] = [];
  if (s.kind === 'application') {
    facts.push(fact({ ...base, kind: 'legal_aid.received', orgId: s.receivingOrganisationId, occurredAt: s.receivedAt, dims }));
    if (s.greenChannel) facts.push(fact({ ...base, kind: 'legal_aid.green_channel', orgId: s.receivingOrganisationId, occurredAt: s.receivedAt, dims }));
    const granted = s.approvals.at(-1);
    if (granted) facts.push(fact({ ...base, kind: 'legal_aid.case', orgId: granted.officeId, occurredAt: granted.at, dims: { ...dims, kind: 'application' } }));
    s.approvals.forEach((d, i) => facts.push(fact({ ...base, key: String(i), kind: 'legal_aid.approved', orgId: d.officeId, occurredAt: d.at, value: d.workingDays, dims })));
    s.refusals.forEach((d, i) => facts.push(fact({ ...base, key: String(i), kind: 'legal_aid.refused', orgId: d.officeId, occurredAt: d.at, value: d.workingDays, dims })));
  } else {
    facts.push(fact({ ...base, kind: 'legal_aid.notified', orgId: s.competentOfficeId, occurredAt: s.receivedAt, dims }));
    if (s.firstAssignedAt) facts.push(fact({ ...base, kind: 'legal_aid.case', orgId: s.competentOfficeId, occurredAt: s.firstAssignedAt, dims: { ...dims, kind: 'notified' } }));
  }
  s.transfers.forEach((t, i) => {
    facts.push(fact({ ...base, key: String(i), kind: 'legal_aid.transferred_in', orgId: t.to, occurredAt: t.at, dims: { ...dims, from: t.from } }));
    facts.push(fact({ ...base, key: String(i), kind: 'legal_aid.transferred_out', orgId: t.from, occurredAt: t.at, dims: { ...dims, to: t.to } }));
  });
  if (s.preliminaryAidAt) facts.push(fact({ ...base, kind: 'legal_aid.preliminary_aid', orgId: s.competentOfficeId, occurredAt: s.preliminaryAidAt, dims }));
  if (s.quality) {
    const q = { ...base, orgId: s.competentOfficeId, occurredAt: s.quality.at, dims: { ...dims, grade: s.quality.grade } };
    facts.push(fact({ ...q, kind: 'legal_aid.quality_reviewed' }));
    if (s.quality.grade === 'excellent' || s.quality.grade === 'good') facts.push(fact({ ...q, kind: 'legal_aid.quality_excellent_or_good' }));
  }
  return facts;
}
