// GET /files/:caseId/documents/:document(?format=pdf): the documents of a file as HTML (the screen) or PDF
// (the printer): the 受理回执, the 一次性告知书, the decision (给予 / 不予), the assignment notice, the
// notice to a notifying authority. Built from the file's stream. Out of reach: no such file; a document
// the file has not come to yet: 422.
import { StreamNotFoundError } from '@bureau/event-store';
import { bearerSecurity, DomainRuleError, notFound, problemSchema, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NO_SUCH_FILE, partiesOf } from '../commands/run-legal-aid-command.js';
import { evolve, initialState, lawyerIn, legalAidStreamName, type ApplicationSubmitted, type LegalAidState, type NotificationReceived } from '../domain/index.js';
import { noticeHtml, noticeKinds } from '../documents/notices.js';
import { registryOfOrganisation } from '../commands/assignment-inputs.js';
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

export const documentKinds = ['receipt', ...noticeKinds] as const;
type DocumentKind = (typeof documentKinds)[number];

async function documentPage(app: FastifyInstance, request: FastifyRequest, caseId: string, kind: DocumentKind): Promise<string> {
  let state: LegalAidState = initialState();
  let submitted: ApplicationSubmitted['data'] | undefined;
  let notification: NotificationReceived['data'] | undefined;
  try {
    for await (const recorded of app.eventStore.readStream(legalAidStreamName(caseId))) {
      const event = legalAidEvents.fromRecorded(recorded);
      if (event.type === 'ApplicationSubmitted') submitted = event.data;
      if (event.type === 'NotificationReceived') notification = event.data;
      state = evolve(state, event);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  if (!partiesOf(state).some(reachOf(request).includes)) throw notFound(NO_SUCH_FILE);
  const registry = app.organisations.current();
  const nameOf = (id: string) => registry.organisations.get(id)?.name ?? id;
  let html: string | undefined;
  if (kind === 'receipt') {
    const materials = state.status === 'none' || state.status === 'awaiting_custody_forwarding' ? null : state.materials;
    html = submitted && receiptHtml({
      receipt: receiptOf(submitted, registry),
      applicantName: submitted.applicant.name,
      recipientName: submitted.applicantRelation === 'self' ? null : submitted.recipient.name,
      matterType: submitted.matterType,
      materialsOwed: materials ? (materials.suppliedAt === null ? materials.items : materials.outstanding) : [],
    });
  } else {
    // The lawyer by name, from the competent office's registry (the assignment records ids).
    const assigned = 'lawyer' in state && state.lawyer ? lawyerIn(await registryOfOrganisation(app.eventStore, registry, state.competentOfficeId), state.lawyer.lawyerId) : undefined;
    const lawyerNames = assigned ? { name: assigned.name, firmName: assigned.firmName } : undefined;
    html = noticeHtml(kind, { state, submitted, notification, nameOf, bureauOf: (office) => app.legalAid.deps.offices().justiceBureaus[office], lawyerNames });
  }
  if (html === undefined) throw new DomainRuleError('document_not_available', '该案件尚无此文书 / the file has no such document (yet)');
  return html;
}

export const documentRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get('/files/:caseId/documents/:document', {
    config: INTAKE,
    schema: {
      tags: ['documents'],
      summary: '文书 A document of the file as HTML (A4, the screen) or, with ?format=pdf, as PDF (the printer)',
      security: bearerSecurity,
      params: caseIdParam.extend({ document: z.enum(documentKinds) }),
      querystring: z.strictObject({ format: z.enum(['html', 'pdf']).default('html') }),
      produces: ['text/html', 'application/pdf'],
      response: { 200: z.any(), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema },
    },
  }, async (request, reply) => {
    const { caseId, document } = request.params;
    const html = await documentPage(app, request, caseId, document);
    if (request.query.format === 'html') return reply.type('text/html; charset=utf-8').send(html);
    const pdf = await app.legalAidPdf.pdf(html);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${document}-${caseId}.pdf"`).send(pdf);
  });
};
