// POST /scans: the counter uploads the scan of a document handed in (the raw file as the body, its media
// type as Content-Type); it is stored by content hash (once per content) and the answer is what a
// submission's `documents` names (contentHash, sizeBytes). Size-limited by LEGAL_AID_DOCUMENT_MAX_BYTES
// (413 beyond). A submission naming a scan that was never uploaded is refused (422 scan_not_stored).
import { actorOf, bearerSecurity, HttpProblem, problemSchema, problemTypes } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scans } from '../storage/scans.js';
import { INTAKE } from './roles.js';

const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'application/pdf', 'application/octet-stream'];

/** Encapsulated (not fastify-plugin): the raw-body parsers apply to this route only. */
export const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  const limit = app.legalAid.config.LEGAL_AID_DOCUMENT_MAX_BYTES;
  app.addContentTypeParser(MEDIA_TYPES, { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));

  app.post('/scans', {
    config: INTAKE,
    bodyLimit: limit,
    schema: {
      tags: ['legal-aid files'],
      summary: '上传扫描件 Upload the scan of a document handed in: stored by SHA-256, once per content',
      security: bearerSecurity,
      response: {
        200: z.object({ contentHash: z.string(), sizeBytes: z.number(), mediaType: z.string().nullable(), alreadyStored: z.boolean() }),
        400: problemSchema, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema,
      },
    },
  }, async (request) => {
    const body: unknown = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'Send the scan itself as the body, with its media type.', {
        errors: [{ field: 'body', rule: 'required', message: 'a scan of at least one byte' }],
      });
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() || null;
    const stored = await scans.store(app.db, body, mediaType === 'application/octet-stream' ? null : mediaType, actorOf(request).id, app.legalAid.clock());
    return { contentHash: stored.sha256, sizeBytes: stored.sizeBytes, mediaType: stored.mediaType, alreadyStored: !stored.stored };
  });
};
