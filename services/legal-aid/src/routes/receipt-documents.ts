// GET /files/:caseId/receipt (HTML, for the screen) and /files/:caseId/receipt.pdf (for the printer): the
// 受理回执, built from the file's stream (its receipt as recorded, and the materials still owed).
import { StreamNotFoundError } from '@bureau/event-store';
import { bearerSecurity, notFound, problemSchema, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NO_SUCH_FILE, partiesOf } from '../commands/run-legal-aid-command.js';
import { evolve, initialState, legalAidStreamName, type ApplicationSubmitted, type LegalAidState } from '../domain/index.js';
import { receiptHtml } from '../documents/receipt-html.js';
import { legalAidEvents } from '../events/application-events.js';
import { caseIdParam } from './inputs.js';
import { receiptOf } from './receipt.js';
import { INTAKE } from './roles.js';

declare module 'fastify' {
  interface FastifyInstance {
    legalAidPdf: { pdf(html: string): Promise<Buffer>; screenshot(html: string): Promise<Buffer> };
  }
}

async function receiptPage(app: FastifyInstance, request: FastifyRequest, caseId: string): Promise<string> {
  let state: LegalAidState = initialState();
  let submitted: ApplicationSubmitted['data'] | undefined;
  try {
    for await (const recorded of app.eventStore.readStream(legalAidStreamName(caseId))) {
      const event = legalAidEvents.fromRecorded(recorded);
      if (event.type === 'ApplicationSubmitted') submitted = event.data;
      state = evolve(state, event);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  // Out of reach, or no application (a notified case has no receipt): no such file, to the caller.
  if (!submitted || !partiesOf(state).some(reachOf(request).includes)) throw notFound(NO_SUCH_FILE);
  const materials = state.status === 'none' || state.status === 'awaiting_custody_forwarding' ? null : state.materials;
  return receiptHtml({
    receipt: receiptOf(submitted, app.organisations.current()),
    applicantName: submitted.applicant.name,
    recipientName: submitted.applicantRelation === 'self' ? null : submitted.recipient.name,
    matterType: submitted.matterType,
    materialsOwed: materials ? (materials.suppliedAt === null ? materials.items : materials.outstanding) : [],
  });
}

export const receiptDocumentRoutes: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const responses = (ok: z.ZodType) => ({ 200: ok, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema });
  typed.get('/files/:caseId/receipt', {
    config: INTAKE,
    schema: { tags: ['documents'], summary: '受理回执 The receipt as HTML (A4), for the screen', security: bearerSecurity, params: caseIdParam, produces: ['text/html'], response: responses(z.string()) },
  }, async (request, reply) => {
    const html = await receiptPage(app, request, request.params.caseId);
    return reply.type('text/html; charset=utf-8').send(html);
  });
  typed.get('/files/:caseId/receipt.pdf', {
    config: INTAKE,
    schema: { tags: ['documents'], summary: '受理回执 The receipt as PDF, for the printer', security: bearerSecurity, params: caseIdParam, produces: ['application/pdf'], response: responses(z.any()) },
  }, async (request, reply) => {
    const pdf = await app.legalAidPdf.pdf(await receiptPage(app, request, request.params.caseId));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="receipt-${request.params.caseId}.pdf"`).send(pdf);
  });
};
