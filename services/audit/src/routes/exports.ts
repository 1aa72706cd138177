// A case's history to take away: JSON Lines for machines (every event with the whole state after it),
// a readable report for people (HTML and PDF: each event and the state after it). All carry the verdict and
// the anchor checked against.
import { bearerSecurity, problemSchema } from '@bureau/service-kit';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { historyHtml } from '../exports/history-html.js';
import { historyJsonLines } from '../exports/history-jsonl.js';
import { historyPage } from '../history/history-view.js';
import { caseVerdict } from './case-verdict.js';
import { caseParams, openForAuditor, personalDataParam } from './open-case.js';
import { CASE_AUDITORS } from './roles.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const query = z.object({ personalData: personalDataParam }).strict();

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/cases/:kind/:caseId/history.jsonl', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['exports'],
      summary: 'The case\'s history as JSON Lines: a header with the verdict, then each event with the whole state after it',
      security: bearerSecurity,
      params: caseParams,
      querystring: query,
      produces: ['application/x-ndjson'],
      response: { 200: z.string(), ...errors },
    },
  }, async (request, reply) => {
    const { opened, show, unmasked } = await openForAuditor(app, request, request.params, request.query.personalData, 'export-jsonl');
    const page = historyPage(opened, 0, opened.steps.length, true, show, opened.kind.initialState());
    const verification = await caseVerdict(app, opened);
    const header = { caseKind: request.params.kind, caseId: opened.caseId, stream: opened.streamName, events: opened.steps.length, personalDataMasked: !unmasked, verification, exportedAt: app.audit.clock().toISOString() };
    reply.header('content-disposition', `attachment; filename="${request.params.kind}-${opened.caseId}.jsonl"`);
    reply.type('application/x-ndjson; charset=utf-8');
    return historyJsonLines(header, page.entries);
  });

  // The readable report: the same A4 page as HTML (the screen) and as PDF (to print and keep).
  const reportOf = async (request: FastifyRequest, params: z.output<typeof caseParams>, asked: z.output<typeof query>, view: 'report-html' | 'report-pdf') => {
    const { opened, show, unmasked } = await openForAuditor(app, request, params, asked.personalData, view);
    const page = historyPage(opened, 0, opened.steps.length, false, show, opened.kind.initialState());
    const verification = await caseVerdict(app, opened);
    const header = { title: opened.kind.title, caseKind: params.kind, caseId: opened.caseId, stream: opened.streamName, events: opened.steps.length, personalDataMasked: !unmasked, verification, exportedAt: app.audit.clock().toISOString() };
    return historyHtml(header, page.entries, show(opened.steps.at(-1)?.state));
  };

  app.get('/cases/:kind/:caseId/report.html', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['exports'],
      summary: 'The case\'s history as a readable report (HTML): the verdict and anchor, events in order, the state after each',
      security: bearerSecurity,
      params: caseParams,
      querystring: query,
      produces: ['text/html'],
      response: { 200: z.string(), ...errors },
    },
  }, async (request, reply) => {
    const html = await reportOf(request, request.params, request.query, 'report-html');
    reply.type('text/html; charset=utf-8');
    return html;
  });

  app.get('/cases/:kind/:caseId/report.pdf', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['exports'],
      summary: 'The same report as PDF (A4, the Chinese in the legal-aid receipt\'s font), to print and keep',
      security: bearerSecurity,
      params: caseParams,
      querystring: query,
      produces: ['application/pdf'],
      response: { 200: z.unknown(), ...errors },
    },
  }, async (request, reply) => {
    const pdf = await app.audit.printer.pdf(await reportOf(request, request.params, request.query, 'report-pdf'));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${request.params.kind}-${request.params.caseId}.pdf"`).send(pdf);
  });
};
