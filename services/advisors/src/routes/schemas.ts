// The request shapes the routes share (zod, through the type provider: a bad field is a 400 naming it).
import { commandIdSchema, commandResponseSchema, problemSchema, restatementSchema } from '@bureau/service-kit';
import { z } from 'zod';
import { reviewSubjects, serviceModes, serviceTypes, shortfallCauses } from '../domain/index.js';

export const organisationId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an organisation id: lowercase letters, digits and -');
export const ledgerMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
export const recordId = z.string().trim().min(1).max(100);
export const reasonSchema = z.string().trim().min(1).max(2000);

export const villageParams = z.object({ villageId: organisationId });
export const ledgerParams = z.object({ villageId: organisationId, month: ledgerMonth });
export const entryParams = ledgerParams.extend({ entryId: recordId });
export const districtParams = z.object({ districtId: organisationId });

export const personServed = z.strictObject({ name: z.string().trim().min(1).max(50), phone: z.string().trim().min(3).max(20).nullable().default(null) });
export const evidenceReference = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex (from POST /evidence)'),
  sizeBytes: z.number().int().min(1),
  mediaType: z.string().max(100).nullable().default(null),
});

/** What an advisor says about one service (the advisor is the caller). */
export const serviceDetailsShape = {
  date: z.iso.date(),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').nullable(),
  type: z.enum(serviceTypes),
  reviewSubject: z.enum(reviewSubjects).nullable(),
  durationMinutes: z.number().int().min(1).max(1440),
  mode: z.enum(serviceModes),
  personsServed: z.array(personServed).max(200),
  summary: z.string().trim().min(1).max(4000),
  evidence: z.array(evidenceReference).max(50),
  legalAidApplicationId: z.string().trim().min(1).max(100).nullable(),
};

export const logServiceBody = z.strictObject({
  commandId: commandIdSchema,
  /** Chosen by the client, or the commandId: a retry is recorded once. */
  entryId: recordId.optional(),
  ...serviceDetailsShape,
  startTime: serviceDetailsShape.startTime.default(null),
  reviewSubject: serviceDetailsShape.reviewSubject.default(null),
  personsServed: serviceDetailsShape.personsServed.default([]),
  evidence: serviceDetailsShape.evidence.default([]),
  legalAidApplicationId: serviceDetailsShape.legalAidApplicationId.default(null),
});

export const correctionBody = z.strictObject({
  commandId: commandIdSchema,
  reason: reasonSchema,
  correction: z.strictObject(serviceDetailsShape).partial().refine((c) => Object.keys(c).length > 0, 'name at least one field to correct'),
});

export const reasonBody = z.strictObject({ commandId: commandIdSchema, reason: reasonSchema });
export const bareCommandBody = z.strictObject({ commandId: commandIdSchema });
export const excuseBody = z.strictObject({ commandId: commandIdSchema, cause: z.enum(shortfallCauses), reason: reasonSchema });

export const ledgerCommandResponse = commandResponseSchema.extend({ villageId: z.string(), month: z.string(), entryId: z.string().optional() });

export const commandResponses = <S extends z.ZodType>(ok: S) => ({
  200: ok,
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
  503: problemSchema,
});

/**
 * A figures answer that may be as of a close (read-models/closed-periods.ts): its figures as they are, and
 * the close and restatements, each restatement with the events recorded after the close that moved it.
 */
export const asClosedFigures = z.looseObject({
  closed: z.object({ districtId: z.string(), closedAt: z.string(), position: z.string() }).nullable()
    .describe('关账: the district\'s close of the period, when closed; the figures are then as of it'),
  restatements: z.array(restatementSchema)
    .describe('更正: every number (by its path) recorded differently since the close, each with the events recorded after the close that moved it (the caller\'s own ledgers; no personal data)'),
});

export const queryResponses = <S extends z.ZodType>(ok: S) => ({ 200: ok, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 503: problemSchema });
