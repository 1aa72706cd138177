// A case's history to take away: JSON Lines for machines (every event with the whole state after it),
// HTML for people (each event and what it changed). Both carry the verdict and the anchor checked against.
import { bearerSecurity, problemSchema } from '@bureau/service-kit';
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

  app.get('/cases/:kind/:caseId/report.html', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['exports'],
      summary: 'The case\'s history as a readable report (HTML): events in order, what each changed, the verdict',
      security: bearerSecurity,
      params: caseParams,
      querystring: query,
      produces: ['text/html'],
      response: { 200: z.string(), ...errors },
    },
  }, async (request, reply) => {
    const { opened, show, unmasked } = await openForAuditor(app, request, request.params, request.query.personalData, 'report-html');
    const page = historyPage(opened, 0, opened.steps.length, false, show, opened.kind.initialState());
    const verification = await caseVerdict(app, opened);
    const header = { title: opened.kind.title, caseKind: request.params.kind, caseId: opened.caseId, stream: opened.streamName, events: opened.steps.length, personalDataMasked: !unmasked, verification, exportedAt: app.audit.clock().toISOString() };
    reply.type('text/html; charset=utf-8');
    return historyHtml(header, page.entries);
  });
};
