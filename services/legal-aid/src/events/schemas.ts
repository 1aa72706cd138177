// The pieces the legal-aid event schemas share: instants, limits as recorded, places, channels, the
// economic status. Shapes are the decider's (src/domain/); these check them before append and on read.
import { person } from '@bureau/person-schemas';
import { z } from 'zod';
import {
  aidForms,
  art32Grounds,
  art42Grounds,
  caseOutcomes,
  greenChannelGrounds,
  matterTypes,
  notificationGrounds,
  qualityGrades,
  terminationGrounds,
} from '../domain/index.js';

export const instant = z.iso.datetime();
export const text = z.string().min(1);
export { person };

export const deadlineRecord = z.object({
  unit: z.enum(['working_days', 'working_hours', 'clock_hours', 'calendar_days']),
  amount: z.number().min(0),
  countedFrom: instant,
  dueAt: instant,
  calendarVersion: text,
  provisionalYears: z.array(z.number().int()),
});

export const place = z.union([z.object({ districtId: text }), z.object({ cityLevel: z.literal(true) })]);

export const channel = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('counter') }),
  z.object({ kind: z.literal('online') }),
  z.object({ kind: z.literal('hotline_referral'), workOrderId: text }),
  z.object({ kind: z.literal('advisor_referral'), ledgerEntryId: text }),
  z.object({ kind: z.literal('custody_forwarding'), forwardingAuthority: text, receivedByAuthorityAt: instant }),
  z.object({ kind: z.literal('authority_referral'), authority: text }),
]);

export const custodyForwarding = z.object({
  forwardingAuthority: text,
  receivedByAuthorityAt: instant,
  arrivedAt: instant,
  hoursTaken: z.number().min(0),
  late: z.boolean(),
});

export const competenceFacts = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('litigation'), caseAuthority: text, authoritySits: place }),
  z.object({
    kind: z.literal('non_litigation'),
    disputeAuthority: text.nullable(),
    disputeAuthoritySits: place.nullable(),
    matterAroseIn: place.nullable(),
  }),
]);

export const economicStatus = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('data_sharing'), meetsStandard: z.boolean(), source: text, reference: z.string().nullable() }),
  z.object({ kind: z.literal('personal_pledge'), pledgeSignedAt: instant }),
  z.object({ kind: z.literal('art42_exempt'), ground: z.enum(art42Grounds), proof: text }),
  z.object({ kind: z.literal('art32_not_required'), ground: z.enum(art32Grounds) }),
]);

export const preliminaryAidGround = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deadline_near'), deadline: z.enum(['limitation_period', 'filing_deadline']), deadlineAt: instant }),
  z.object({ kind: z.literal('preservation_needed'), what: z.enum(['property', 'evidence']) }),
  z.object({ kind: z.literal('advance_execution') }),
]);

export const rightToObject = z.object({
  article: z.literal('Art. 49'),
  decidedBy: z.literal('justice_bureau'),
  filingDeadline: deadlineRecord.nullable(),
});

export const overdue = z.object({ dueAt: instant, recordedAt: instant });

export const enums = {
  aidForm: z.enum(aidForms),
  matterType: z.enum(matterTypes),
  greenChannelGround: z.enum(greenChannelGrounds),
  notificationGround: z.enum(notificationGrounds),
  terminationGround: z.enum(terminationGrounds),
  caseOutcome: z.enum(caseOutcomes),
  qualityGrade: z.enum(qualityGrades),
};
