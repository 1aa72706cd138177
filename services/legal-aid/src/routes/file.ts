// GET /files/:caseId: one file, read from its stream (the full personal data lives only there). Shown
// unmasked to the roles that handle it; masked to the city administrator (auditors read cases in the audit service, which records each view). Out of reach = no such file;
// so is, for the assigned lawyer's role, a file not assigned to them.
import { actorOf, bearerSecurity, etagOf, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LegalAidState } from '../domain/index.js';
import { maskedState } from '../read-models/file-row.js';
import { caseIdParam } from './inputs.js';
import { fileForCaller } from './lawyer.js';
import { PERSONAL_DATA_READERS, FILE_READERS } from './roles.js';

const fileView = z.object({
  caseId: z.string(),
  status: z.string(),
  revision: z.string(),
  personalData: z.enum(['full', 'masked']),
  file: z.record(z.string(), z.unknown()).describe('The file as the decider holds it (see src/domain/state.ts).'),
});

const masked = (state: LegalAidState) => maskedState(state, { maskNames: true });

export const fileRoute: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get('/files/:caseId', {
    config: FILE_READERS,
    schema: {
      tags: ['legal-aid files'], summary: 'One legal-aid file (personal data masked unless the reader handles it)', security: bearerSecurity,
      params: caseIdParam,
      response: { 200: fileView, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
  }, async (request, reply) => {
    // Out of reach, or (a lawyer) not assigned to the caller: no such file.
    const { state, revision } = await fileForCaller(app, request, request.params.caseId);
    const full = PERSONAL_DATA_READERS.includes(actorOf(request).role);
    reply.header('etag', etagOf(revision));
    return { caseId: request.params.caseId, status: state.status, revision: String(revision), personalData: full ? ('full' as const) : ('masked' as const), file: { ...(full ? state : masked(state)) } };
  });
};
