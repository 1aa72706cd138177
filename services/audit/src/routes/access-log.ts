// Who looked at what, for a period (at most 92 days): every CaseViewed, kept to the cases the reader
// reaches (a district's auditor: views of their district's cases; the city's: all).
import { bearerSecurity, HttpProblem, isWithinReach, problemSchema, problemTypes } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessReport } from '../access-log/access-report.js';
import { caseViews } from '../events/audit-events.js';
import { CASE_AUDITORS } from './roles.js';

const day = z.iso.date();
const MAX_DAYS = 92;

export const accessLogRoute: FastifyPluginAsyncZod = async (app) => {
  app.get('/access-log', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['access log'],
      summary: 'Who viewed which case, when, and which personal data they were shown, for a period of days (UTC)',
      security: bearerSecurity,
      querystring: z.object({ from: day, to: day }).strict(),
      response: {
        200: z.object({
          from: z.string(), to: z.string(),
          views: z.array(z.object({
            viewId: z.string(), viewer: z.object({ id: z.string(), role: z.string(), organisation: z.string() }),
            caseKind: z.string(), caseId: z.string(), view: z.enum(caseViews), unmasked: z.boolean(),
            personalDataShown: z.array(z.string()), personalDataMasked: z.array(z.string()), viewedAt: z.string(),
          })),
        }),
        400: problemSchema, 401: problemSchema, 403: problemSchema,
      },
    },
  }, async (request) => {
    const { from, to } = request.query;
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (span < 0) throw new HttpProblem(400, 'Bad Request', problemTypes.validation, '`from` must not come after `to`.');
    if (span >= MAX_DAYS) throw new HttpProblem(400, 'Bad Request', problemTypes.validation, `A period is at most ${MAX_DAYS} days.`);
    const views = await accessReport(app.eventStore, from, to, (owners) => owners.some((o) => isWithinReach(request, o)));
    return { from, to, views: views.map(({ owners: _owners, ...v }) => v) };
  });
};
