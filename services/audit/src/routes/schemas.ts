// Response shapes shared by the case routes (they also feed the OpenAPI document).
import { z } from 'zod';

export const fieldChangeSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const actorSchema = z.object({ id: z.string(), role: z.string(), organisation: z.string() });

export const historyEntrySchema = z.object({
  revision: z.string(),
  type: z.string(),
  storedSchemaVersion: z.number(),
  actor: actorSchema.nullable(),
  occurredAt: z.string().nullable(),
  recordedAt: z.string(),
  hash: z.string(),
  data: z.unknown(),
  changes: z.array(fieldChangeSchema),
  state: z.unknown().optional(),
});

export const findingSchema = z.object({ stream: z.string(), kind: z.string(), revision: z.string(), detail: z.string() });

/** A revision (0, 1, …; -1: before the first event) or an instant (the last event recorded by then). */
export const pointSchema = z.union([
  z.string().regex(/^-1$|^(0|[1-9]\d{0,8})$/).transform((v) => ({ revision: Number(v) })),
  z.iso.datetime({ offset: true }).transform((v) => ({ at: new Date(v) })),
]);
