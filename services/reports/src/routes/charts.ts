// The report's charts as SVG, by section (the same drawings as the HTML page's and the PDF's), for a page
// that shows the figures itself: one call, every chart of the scope and period.
import { createHash } from 'node:crypto';
import { bearerSecurity, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sectionCharts, type SectionChart } from '../outputs/section-charts.js';
import { reportFor } from '../report/report-for.js';
import { reportParams } from './report.js';
import { REPORT_READERS } from './roles.js';
import { periodOf, scopeOf } from './scope.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
/** Drawings kept by what they draw (the report's figures, not when it was generated): drawing is the slow part. */
const KEPT = 64;

export const chartRoutes: FastifyPluginAsyncZod = async (app) => {
  const kept = new Map<string, SectionChart[]>();
  app.get('/reports/:scopeId/:period/charts', {
    config: REPORT_READERS,
    schema: {
      tags: ['reports'],
      summary: 'The report\'s charts by section, each as an SVG drawn on the server (as in the HTML page and the PDF)',
      security: bearerSecurity,
      params: reportParams,
      response: {
        200: z.object({
          scopeId: z.string(), period: z.string(),
          charts: z.array(z.object({ key: z.string(), section: z.string(), title: z.string(), svg: z.string() })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const report = await reportFor(app, scopeOf(app, request, request.params.scopeId), periodOf(request.params.period));
    const { generatedAt: _generatedAt, ...drawn } = report;
    const key = createHash('sha256').update(JSON.stringify(drawn)).digest('base64url');
    let charts = kept.get(key);
    if (!charts) {
      charts = sectionCharts(report);
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.delete(key);
    kept.set(key, charts);
    return { scopeId: report.scope.id, period: report.period.id, charts };
  });
};
