// The stored form of the legal-aid events (法律援助): every event's data is checked against its schema
// before it is appended, and again when read back (schema version 1 throughout). Who acted is in the
// envelope (actor id, role, organisation), never in the data.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import { recountableLimits, type LegalAidEvent } from '../domain/index.js';
import {
  channel,
  competenceFacts,
  custodyForwarding,
  deadlineRecord,
  economicStatus,
  enums,
  instant,
  overdue,
  person,
  place,
  preliminaryAidGround,
  rightToObject,
  text,
} from './schemas.js';

const documentReference = z.object({ name: text, contentHash: text, sizeBytes: z.number().int().min(0), mediaType: z.string().nullable().optional() });
const conflict = z.object({ caseId: text, by: z.enum(['lawyer', 'firm']) });

/** The receipt's data: also carried by the application number's allocation (src/numbering). */
export const applicationSubmittedSchema = z.object({
  applicationId: text,
  applicationNumber: text,
  receivingOrganisationId: text,
  holderOfficeId: text,
  channel,
  custody: custodyForwarding.nullable(),
  applicant: person,
  recipient: person,
  applicantRelation: z.enum(['self', 'legal_representative', 'close_relative']),
  matterType: enums.matterType,
  aidForm: enums.aidForm,
  opposingParty: z.string().nullable(),
  courtOrAuthority: z.string().nullable(),
  summary: text,
  documents: z.array(documentReference),
  competence: z.object({
    facts: competenceFacts,
    candidateOfficeIds: z.array(text).min(1),
    competentOfficeId: text,
    basis: z.enum(['single_competent_office', 'applicant_choice', 'supervisor_override']),
  }),
  greenChannel: z.array(enums.greenChannelGround),
  possibleDuplicateOf: z.array(text),
  receivedAt: instant,
  review: deadlineRecord,
    });

export const legalAidEvents = createEventRegistry<LegalAidEvent>({
  CustodyApplicationAnnounced: defineEvent({
    type: 'CustodyApplicationAnnounced',
    schema: z.object({
      applicationId: text,
      forwardingAuthority: text,
      receivedByAuthorityAt: instant,
      announcedAt: instant,
      receivingOrganisationId: text,
      forwarding: deadlineRecord,
    }),
  }),
  ApplicationSubmitted: defineEvent({ type: 'ApplicationSubmitted', schema: applicationSubmittedSchema }),
  CompetenceOverridden: defineEvent({
    type: 'CompetenceOverridden',
    schema: z.object({ previousOfficeId: text, competentOfficeId: text, reason: text, overriddenAt: instant }),
  }),
  ApplicationTransferred: defineEvent({
    type: 'ApplicationTransferred',
    schema: z.object({ fromOfficeId: text, toOfficeId: text, transferredAt: instant }),
  }),
  TransferredApplicationReceived: defineEvent({
    type: 'TransferredApplicationReceived',
    schema: z.object({ officeId: text, receivedAt: instant, review: deadlineRecord }),
  }),
  MaterialsRequested: defineEvent({
    type: 'MaterialsRequested',
    schema: z.object({ items: z.array(text).min(1), requestedAt: instant, reviewRemaining: z.number().min(0), materialsDue: deadlineRecord }),
  }),
  MaterialsSupplied: defineEvent({
    type: 'MaterialsSupplied',
    schema: z.object({ items: z.array(text).min(1), outstanding: z.array(text), suppliedAt: instant, review: deadlineRecord }),
  }),
  ApplicationDeemedWithdrawn: defineEvent({ type: 'ApplicationDeemedWithdrawn', schema: overdue }),
  ApplicationWithdrawn: defineEvent({ type: 'ApplicationWithdrawn', schema: z.object({ reason: text, withdrawnAt: instant }) }),
  EconomicStatusRecorded: defineEvent({ type: 'EconomicStatusRecorded', schema: z.object({ status: economicStatus, recordedAt: instant }) }),
  PreliminaryAidDecided: defineEvent({
    type: 'PreliminaryAidDecided',
    schema: z.object({ ground: preliminaryAidGround, decidedAt: instant, assignment: deadlineRecord }),
  }),
  ApplicationApproved: defineEvent({
    type: 'ApplicationApproved',
    schema: z.object({ approvedAt: instant, reviewDueAt: instant, onTime: z.boolean(), assignment: deadlineRecord.nullable() }),
  }),
  ApplicationRefused: defineEvent({
    type: 'ApplicationRefused',
    schema: z.object({ reasons: text, refusedAt: instant, reviewDueAt: instant, onTime: z.boolean(), rightToObject }),
  }),
  NotificationReceived: defineEvent({
    type: 'NotificationReceived',
    schema: z.object({
      caseId: text,
      officeId: text,
      notifyingAuthority: z.object({ kind: z.enum(['court', 'procuratorate', 'public_security']), name: text, sits: place }),
      ground: enums.notificationGround,
      capitalCase: z.boolean(),
      defendant: person,
      charge: text,
      noticeReceivedAt: instant,
      assignment: deadlineRecord,
    }),
  }),
  LawyerAssigned: defineEvent({
    type: 'LawyerAssigned',
    schema: z.object({
      lawyerId: text,
      firmId: text,
      relevantPracticeYears: z.number().min(0),
      assignedAt: instant,
      dueAt: instant.nullable(),
      onTime: z.boolean(),
      preliminary: z.boolean(),
      conflicts: z.array(conflict),
    }),
  }),
  AuthorityInformed: defineEvent({ type: 'AuthorityInformed', schema: z.object({ informedAt: instant, method: text }) }),
  ObjectionFiled: defineEvent({
    type: 'ObjectionFiled',
    schema: z.object({ against: z.enum(['refusal', 'termination']), grounds: text, filedAt: instant, decision: deadlineRecord }),
  }),
  ObjectionUpheld: defineEvent({ type: 'ObjectionUpheld', schema: z.object({ reasons: text, decidedAt: instant, onTime: z.boolean() }) }),
  CorrectionOrdered: defineEvent({
    type: 'CorrectionOrdered',
    schema: z.object({
      against: z.enum(['refusal', 'termination']),
      reasons: text,
      decidedAt: instant,
      onTime: z.boolean(),
      review: deadlineRecord.nullable(),
      assignment: deadlineRecord.nullable(),
    }),
  }),
  AidTerminated: defineEvent({
    type: 'AidTerminated',
    schema: z.object({
      ground: enums.terminationGround,
      basis: z.enum(['lawyer_report', 'own_finding']),
      explanation: text,
      terminatedAt: instant,
      rightToObject,
    }),
  }),
  CaseClosed: defineEvent({ type: 'CaseClosed', schema: z.object({ outcome: enums.caseOutcome, summary: text, closedAt: instant }) }),
  FollowUpRecorded: defineEvent({
    type: 'FollowUpRecorded',
    schema: z.object({ followUpId: text, satisfied: z.boolean(), note: text, recordedAt: instant }),
  }),
  QualityReviewed: defineEvent({ type: 'QualityReviewed', schema: z.object({ grade: enums.qualityGrade, note: text, reviewedAt: instant }) }),
  ReviewOverdue: defineEvent({ type: 'ReviewOverdue', schema: overdue }),
  AssignmentOverdue: defineEvent({ type: 'AssignmentOverdue', schema: overdue }),
  ObjectionDecisionOverdue: defineEvent({ type: 'ObjectionDecisionOverdue', schema: overdue }),
  CustodyForwardingOverdue: defineEvent({ type: 'CustodyForwardingOverdue', schema: overdue }),
  DeadlinesRecomputed: defineEvent({
    type: 'DeadlinesRecomputed',
    schema: z.object({
      by: z.literal('calendar_year_loaded'),
      recomputedAt: instant,
      limits: z.array(z.object({ limit: z.enum(recountableLimits), previousDueAt: instant, deadline: deadlineRecord })).min(1),
    }),
  }),
});
