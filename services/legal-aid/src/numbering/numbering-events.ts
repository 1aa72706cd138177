// The numbering streams (申请编号): one per receiving district (or the city) and year,
// `legalAidNumbering-<area>-<year>`. Each event takes the next number with the stream's expected revision,
// so two counters can never take the same one and none is skipped; and it carries the whole receipt (the
// ApplicationSubmitted data with that number, and who took it), so the application's own stream can
// always be written from it, by the request, its retry, or the reconciler.
import type { ApplicationSubmitted } from '../domain/index.js';
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import { applicationSubmittedSchema } from '../events/application-events.js';

export const numberingStreamCategory = 'legalAidNumbering';

export function numberingStreamName(areaId: string, year: number): string {
  return `${numberingStreamCategory}-${areaId}-${year}`;
}

export type ApplicationNumberAllocated = {
  type: 'ApplicationNumberAllocated';
  data: {
    /** 1, 2, 3… in the stream: the event at revision r carries sequence r + 1. */
    sequence: number;
    applicationNumber: string;
    applicationId: string;
    /** The submission's idempotency key and its digest: the application stream is written with them. */
    commandId: string;
    commandDigest: string | null;
    correlationId: string;
    actor: { id: string; role: string; organisation: string };
    submitted: ApplicationSubmitted['data'];
  };
};

export type NumberingEvent = ApplicationNumberAllocated;

export const numberingEvents = createEventRegistry<NumberingEvent>({
  ApplicationNumberAllocated: defineEvent({
    type: 'ApplicationNumberAllocated',
    schema: z.object({
      sequence: z.number().int().min(1),
      applicationNumber: z.string().min(1),
      applicationId: z.string().min(1),
      commandId: z.string().min(1),
      commandDigest: z.string().nullable(),
      correlationId: z.string().min(1),
      actor: z.object({ id: z.string(), role: z.string(), organisation: z.string() }),
      submitted: applicationSubmittedSchema,
    }),
  }),
});
