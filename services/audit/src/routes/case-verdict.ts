// A case stream's verdict: its chain recomputed, and, when the latest anchor covers it, its head compared
// with the anchored one (a tail deleted or the stream rewritten whole shows only there). A stream deleted
// whole since the case was opened shows as stream_deleted against the anchor.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { anchorFileOf, listAnchors } from '../anchors/make-anchor.js';
import { readStreamEvents, type OpenedCase } from '../history/read-case.js';
import { verifyOneStream } from '../verification/verify-store.js';
import { findingSchema } from './schemas.js';

export const caseVerdictSchema = z.object({
  stream: z.string(),
  intact: z.boolean(),
  events: z.number(),
  /** The anchor compared with (the latest that covers the stream), or null. */
  anchor: z.object({ anchorId: z.string(), createdAt: z.string(), root: z.string(), anchoredRevision: z.string() }).nullable(),
  findings: z.array(findingSchema),
});
export type CaseVerdict = z.output<typeof caseVerdictSchema>;

export async function caseVerdict(app: FastifyInstance, opened: OpenedCase): Promise<CaseVerdict> {
  const latest = (await listAnchors(app.eventStore, app.audit.config.CITY_ID)).at(-1);
  const kept = latest ? await anchorFileOf(app.pg, latest.anchor.anchorId) : undefined;
  const head = kept?.file.heads.find((h) => h.stream === opened.streamName);
  // Read afresh: a replay kept in the case cache is what the stream was, and this is about what it is.
  const verdict = verifyOneStream((await readStreamEvents(app.eventStore, opened.streamName)) ?? [], head);
  return {
    stream: opened.streamName,
    intact: verdict.intact,
    events: verdict.events,
    anchor: kept && head ? { anchorId: kept.file.anchorId, createdAt: kept.file.createdAt, root: kept.file.root, anchoredRevision: head.revision } : null,
    findings: [...verdict.findings],
  };
}
