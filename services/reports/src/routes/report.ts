// The report as JSON: a district's (or the city's, district by district) figures for a period, with the
// previous period, the change, the rates, the breakdowns, the restatements and every drill-down link.
import { bearerSecurity, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERIOD_PATTERN } from '../periods/period.js';
import type { DistrictReport } from '../report/build-report.js';
import { linksOf, reportFor } from '../report/report-for.js';
import { REPORT_READERS } from './roles.js';
import { periodOf, scopeOf } from './scope.js';

export const reportParams = z.object({
  scopeId: z.string().min(1).max(128).describe('A district id, or the city id (every district, for a city-wide role)'),
  period: z.string().regex(PERIOD_PATTERN, 'a year (2026), a quarter (2026-Q1) or a month (2026-03)'),
}).strict();
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/reports/:scopeId/:period', {
    config: REPORT_READERS,
    schema: {
      tags: ['reports'],
      summary: 'The figures of a district (or the city, district by district) for a year, quarter or month, with the previous period and the change',
      security: bearerSecurity,
      params: reportParams,
      querystring: z.object({
        view: z.enum(['full', 'figures']).default('full')
          .describe('full: every row whole; figures: each row without its monthly series, breakdowns and drill-down links (a page that reads the figures and has the charts drawn by /charts: a city\'s JSON a third the size)'),
      }).strict(),
      response: { 200: z.object({ scope: z.object({ id: z.string(), name: z.string() }), period: z.object({ id: z.string(), label: z.string() }).loose(), districts: z.array(z.object({ districtId: z.string() }).loose()) }).loose(), ...errors },
    },
  }, async (request) => {
    const scoped = scopeOf(app, request, request.params.scopeId);
    const period = periodOf(request.params.period);
    const report = await reportFor(app, scoped, period);
    if (request.query.view === 'figures') {
      const figuresOnly = ({ monthly: _monthly, breakdowns: _breakdowns, ...row }: DistrictReport) => row;
      return { ...report, districts: report.districts.map(figuresOnly), total: report.total && figuresOnly(report.total) };
    }
    return { ...report, districts: report.districts.map((d) => ({ ...d, links: linksOf(d.districtId, period.id) })) };
  });
};
