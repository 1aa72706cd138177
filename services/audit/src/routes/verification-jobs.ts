// Verify everything: start a job (every stream's chain, compared with a kept anchor: the latest recorded,
// one named by id, or a file the auditor kept), then follow its progress; the verdict names each finding.
import { actorOf, bearerSecurity, HttpProblem, notFound, problemSchema, problemTypes } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anchorFileSchema, checkAnchorFile } from '../anchors/anchor-file.js';
import { anchorFileOf, listAnchors } from '../anchors/make-anchor.js';
import { jobProgress, type VerificationJob } from '../verification/verification-jobs.js';
import { CITY_AUDITORS } from './roles.js';
import { findingSchema } from './schemas.js';

const jobSchema = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'finished', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  anchorId: z.string().nullable(),
  /** Null when the store cannot count its events cheaply (EventStoreDB): then only checkedEvents moves. */
  totalEvents: z.number().nullable(),
  checkedEvents: z.number(),
  checkedStreams: z.number(),
  /** 0 to 1, by events; null while running with totalEvents unknown. */
  progress: z.number().nullable(),
  intact: z.boolean().nullable(),
  findings: z.array(findingSchema),
});

const view = (job: VerificationJob) => ({
  ...job,
  findings: [...job.findings],
  progress: jobProgress(job),
});

const startBody = z.union([
  /** Compare with a file the auditor kept (it must carry a valid signature). */
  z.object({ anchor: anchorFileSchema }).strict(),
  /** Compare with an anchor this service recorded. */
  z.object({ anchorId: z.string().min(1).max(100) }).strict(),
  /** Compare with the latest anchor, if any. */
  z.object({}).strict(),
]);

const unprocessable = (detail: string) => new HttpProblem(422, 'Unprocessable Content', problemTypes.ruleBroken, detail);

export const verificationJobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/verification-jobs', {
    config: CITY_AUDITORS,
    schema: {
      tags: ['verification'],
      summary: 'Start verifying the whole store: every chain, and every stream against a kept anchor',
      security: bearerSecurity,
      body: startBody,
      response: { 202: jobSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema },
    },
  }, async (request, reply) => {
    const body = request.body;
    let anchor: { anchorId: string; heads: { stream: string; revision: string; hash: string }[] } | null = null;
    if ('anchor' in body) {
      const check = checkAnchorFile(body.anchor, app.audit.config.anchorPublicKey);
      if (!check.signatureValid || !check.rootMatchesHeads) throw unprocessable('The anchor file does not verify: its signature or its root does not match its contents.');
      if (!check.signedByThisService) throw unprocessable('The anchor file is signed by a key this service does not publish.');
      anchor = { anchorId: body.anchor.anchorId, heads: body.anchor.heads };
    } else {
      const anchorId = 'anchorId' in body ? body.anchorId : (await listAnchors(app.eventStore, app.audit.config.CITY_ID)).at(-1)?.anchor.anchorId;
      if (anchorId !== undefined) {
        const kept = await anchorFileOf(app.pg, anchorId);
        if (!kept) throw notFound('No such anchor.');
        anchor = { anchorId, heads: kept.file.heads };
      }
    }
    const job = await app.audit.jobs.start(actorOf(request), anchor);
    return reply.code(202).send(view(job));
  });

  app.get('/verification-jobs/:jobId', {
    config: CITY_AUDITORS,
    schema: {
      tags: ['verification'],
      summary: 'A verification job\'s progress, and its verdict once finished',
      security: bearerSecurity,
      params: z.object({ jobId: z.uuid() }),
      response: { 200: jobSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
  }, async (request) => {
    const job = app.audit.jobs.get(request.params.jobId);
    if (!job) throw notFound('No such verification job.');
    return view(job);
  });
};
