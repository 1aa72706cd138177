// POST /evidence: an advisor uploads a photo or a scanned sign-in sheet (the raw file as the body, its
// media type as Content-Type); it is stored by content hash (once per content) and the answer is the
// reference to put in an entry's `evidence`. Size-limited by ADVISORS_EVIDENCE_MAX_BYTES (413 beyond).
import { actorOf, bearerSecurity, HttpProblem, problemSchema, problemTypes } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storeEvidence } from '../storage/evidence-store.js';
import { ADVISORS } from './roles.js';

const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'application/octet-stream'];

/** Encapsulated (not fastify-plugin): the raw-body parsers apply to this route only. */
export const evidenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const limit = app.advisors.config.limitsFor(undefined).evidenceMaxBytes;
  app.addContentTypeParser(MEDIA_TYPES, { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));

  app.post('/evidence', {
    config: ADVISORS,
    bodyLimit: limit,
    schema: {
      tags: ['ledger'],
      summary: '上传证据 Upload an evidence file (photo, scanned sign-in sheet): stored by SHA-256, once per content',
      security: bearerSecurity,
      response: {
        200: z.object({ sha256: z.string(), sizeBytes: z.number(), mediaType: z.string().nullable(), alreadyStored: z.boolean() }),
        400: problemSchema, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema,
      },
    },
  }, async (request) => {
    const body: unknown = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'Send the file itself as the body, with its media type.', {
        errors: [{ field: 'body', rule: 'required', message: 'an evidence file of at least one byte' }],
      });
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() || null;
    const stored = await storeEvidence(app.db, body, mediaType === 'application/octet-stream' ? null : mediaType, actorOf(request).id, app.advisors.clock());
    return { sha256: stored.sha256, sizeBytes: stored.sizeBytes, mediaType: stored.mediaType, alreadyStored: !stored.stored };
  });
};
