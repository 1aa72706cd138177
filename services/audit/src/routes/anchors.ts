// The anchors: the list recorded, one recorded now, each as the signed file to keep outside the system,
// and the public key that checks them.
import { bearerSecurity, notFound, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicKeyPem } from '../anchors/anchor-file.js';
import { anchorFileOf, listAnchors, makeAnchor } from '../anchors/make-anchor.js';
import { CITY_AUDITORS, PUBLIC_KEY } from './roles.js';

const anchorSchema = z.object({
  anchorId: z.string(), root: z.string(), position: z.string().nullable(), streams: z.number(), events: z.number(),
  fileSha256: z.string(), publicKeySha256: z.string(), chainFindings: z.number(), createdAt: z.string(),
});
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const anchorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/anchors', {
    config: CITY_AUDITORS,
    schema: { tags: ['anchors'], summary: 'Every anchor recorded, oldest first', security: bearerSecurity, response: { 200: z.object({ anchors: z.array(anchorSchema) }), ...errors } },
  }, async () => ({ anchors: (await listAnchors(app.eventStore, app.audit.config.CITY_ID)).map((a) => a.anchor) }));

  app.post('/anchors', {
    config: CITY_AUDITORS,
    schema: { tags: ['anchors'], summary: 'Record an anchor now (the schedule does it daily)', security: bearerSecurity, response: { 201: anchorSchema, ...errors } },
  }, async (_request, reply) => {
    const anchor = await makeAnchor(app.audit.anchors);
    // Unguarded (no expected count): always records.
    if (!anchor) throw new Error('an unguarded anchor append reported a conflict');
    return reply.code(201).send(anchor);
  });

  app.get('/anchors/:anchorId/file', {
    config: CITY_AUDITORS,
    schema: {
      tags: ['anchors'],
      summary: 'The signed anchor file (root, $all position, every stream head), to keep outside the system',
      security: bearerSecurity,
      params: z.object({ anchorId: z.uuid() }),
      response: { 200: z.string(), ...errors },
    },
  }, async (request, reply) => {
    const kept = await anchorFileOf(app.pg, request.params.anchorId);
    if (!kept) throw notFound('No such anchor.');
    reply.header('content-disposition', `attachment; filename="anchor-${kept.file.createdAt.slice(0, 10)}-${kept.file.anchorId}.json"`);
    reply.type('application/json; charset=utf-8');
    return kept.text;
  });

  app.get('/anchors/public-key', {
    config: PUBLIC_KEY,
    schema: { tags: ['anchors'], summary: 'The Ed25519 public key every anchor file is signed with (SPKI PEM)', response: { 200: z.string() } },
  }, async (_request, reply) => {
    reply.type('application/x-pem-file');
    return publicKeyPem(app.audit.config.anchorPublicKey);
  });
};
