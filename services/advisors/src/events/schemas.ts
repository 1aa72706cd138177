// The pieces the advisors' event schemas share. Stored shapes are the decider's (src/domain).
import { z } from 'zod';
import { reviewSubjects, serviceModes, serviceTypes, shortfallCauses } from '../domain/index.js';

export const id = z.string().min(1);
export const instant = z.iso.datetime();
export const localDate = z.iso.date();
export const ledgerMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const reason = z.string().min(1);
export const serviceType = z.enum(serviceTypes);
export const serviceMode = z.enum(serviceModes);
export const shortfallCause = z.enum(shortfallCauses);

/** Personal data (names, phones): stored, masked on the read side, never logged. */
export const personServed = z.object({ name: z.string().min(1), phone: z.string().nullable() });

export const evidenceReference = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().min(1),
  mediaType: z.string().nullable(),
});

export const entryContent = z.object({
  advisorId: id,
  appointmentId: id,
  date: localDate,
  startTime: clockTime.nullable(),
  type: serviceType,
  reviewSubject: z.enum(reviewSubjects).nullable(),
  durationMinutes: z.number().int().min(1).max(1440),
  mode: serviceMode,
  personsServed: z.array(personServed),
  summary: z.string().min(1),
  evidence: z.array(evidenceReference),
  legalAidApplicationId: id.nullable(),
});
