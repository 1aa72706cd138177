// What clients send, as zod schemas (the person and identity document from @bureau/person-schemas, the
// vocabularies from the domain). Instants are ISO 8601 with an offset, parsed to Dates here.
import { person } from '@bureau/person-schemas';
import { z } from 'zod';
import {
  aidForms,
  art32Grounds,
  art42Grounds,
  caseOutcomes,
  matterTypes,
  notificationGrounds,
  qualityGrades,
  terminationGrounds,
} from '../domain/index.js';

export const instantInput = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
export const shortText = z.string().trim().min(1).max(200);
export const longText = z.string().trim().min(1).max(4000);
export const caseIdParam = z.object({ caseId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a file id') });

export const placeInput = z.union([z.strictObject({ districtId: shortText }), z.strictObject({ cityLevel: z.literal(true) })]);

export const competenceFactsInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('litigation'), caseAuthority: shortText, authoritySits: placeInput }),
  z.strictObject({
    kind: z.literal('non_litigation'),
    disputeAuthority: shortText.nullable().default(null),
    disputeAuthoritySits: placeInput.nullable().default(null),
    matterAroseIn: placeInput.nullable().default(null),
  }),
]);

export const channelInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('counter') }),
  z.strictObject({ kind: z.literal('online') }),
  z.strictObject({ kind: z.literal('hotline_referral'), workOrderId: shortText }),
  z.strictObject({ kind: z.literal('advisor_referral'), ledgerEntryId: shortText }),
  z.strictObject({ kind: z.literal('custody_forwarding'), forwardingAuthority: shortText, receivedByAuthorityAt: instantInput }),
  z.strictObject({ kind: z.literal('authority_referral'), authority: shortText }),
]);

export const documentInput = (maxBytes: number) =>
  z.strictObject({
    name: shortText,
    /** SHA-256 of the scan, as stored by content hash. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
    sizeBytes: z.number().int().min(1).max(maxBytes),
  });

export const submissionInput = (maxBytes: number) =>
  z.strictObject({
    commandId: z.uuid(),
    /** Only for a custody application the authority announced first (POST /custody-announcements). */
    applicationId: caseIdParam.shape.caseId.optional(),
    channel: channelInput,
    applicant: person,
    /** Art. 40: null when the applicant is the recipient. */
    recipient: person.nullable().default(null),
    applicantRelation: z.enum(['self', 'legal_representative', 'close_relative']).default('self'),
    matterType: z.enum(matterTypes),
    aidForm: z.enum(aidForms),
    opposingParty: shortText.nullable().default(null),
    courtOrAuthority: shortText.nullable().default(null),
    summary: longText,
    documents: z.array(documentInput(maxBytes)).max(50).default([]),
    competenceFacts: competenceFactsInput,
    applicantChoice: shortText.nullable().default(null),
  });

export const economicStatusInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('data_sharing'), meetsStandard: z.boolean(), source: shortText, reference: shortText.nullable().default(null) }),
  z.strictObject({ kind: z.literal('personal_pledge'), pledgeSignedAt: instantInput }),
  z.strictObject({ kind: z.literal('art42_exempt'), ground: z.enum(art42Grounds), proof: shortText }),
  z.strictObject({ kind: z.literal('art32_not_required'), ground: z.enum(art32Grounds) }),
]);

export const preliminaryAidInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('deadline_near'), deadline: z.enum(['limitation_period', 'filing_deadline']), deadlineAt: instantInput }),
  z.strictObject({ kind: z.literal('preservation_needed'), what: z.enum(['property', 'evidence']) }),
  z.strictObject({ kind: z.literal('advance_execution') }),
]);

export const notificationInput = z.strictObject({
  commandId: z.uuid(),
  notifyingAuthority: z.strictObject({ kind: z.enum(['court', 'procuratorate', 'public_security']), name: shortText, sits: placeInput }),
  ground: z.enum(notificationGrounds),
  capitalCase: z.boolean().default(false),
  defendant: person,
  charge: shortText,
});

export const enumsInput = {
  terminationGround: z.enum(terminationGrounds),
  caseOutcome: z.enum(caseOutcomes),
  qualityGrade: z.enum(qualityGrades),
};
