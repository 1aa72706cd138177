// The report as a reader takes it away: an HTML page, a PDF (Chinese embedded, charts included) and an
// XLSX workbook of every table with the headline figures' drill-down lists.
import { bearerSecurity, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reportHtml } from '../outputs/html.js';
import { headlineLists } from '../outputs/drill-down-lists.js';
import { reportWorkbook } from '../outputs/xlsx.js';
import { reportFor } from '../report/report-for.js';
import { parsePosition } from '@bureau/event-store';
import { reportParams } from './report.js';
import { REPORT_READERS } from './roles.js';
import { periodOf, scopeOf } from './scope.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const outputRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = (summary: string) => ({ tags: ['reports'], summary, security: bearerSecurity, params: reportParams });

  app.get('/reports/:scopeId/:period/report.html', { config: REPORT_READERS, schema: schema('The report as an HTML page (charts as SVG, fonts inlined)') }, async (request, reply) => {
    const report = await reportFor(app, scopeOf(app, request, request.params.scopeId), periodOf(request.params.period));
    return reply.type('text/html; charset=utf-8').send(reportHtml(report));
  });

  app.get('/reports/:scopeId/:period/report.pdf', { config: REPORT_READERS, schema: schema('The report as an A4 PDF with the Chinese fonts embedded') }, async (request, reply) => {
    const report = await reportFor(app, scopeOf(app, request, request.params.scopeId), periodOf(request.params.period));
    const pdf = await app.reports.renderer.pdf(reportHtml(report));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="report-${report.scope.id}-${report.period.id}.pdf"`).send(pdf);
  });

  app.get('/reports/:scopeId/:period/report.xlsx', { config: REPORT_READERS, schema: schema('Every table of the report, and the headline figures\' drill-down lists, as an XLSX workbook') }, async (request, reply) => {
    const scoped = scopeOf(app, request, request.params.scopeId);
    const period = periodOf(request.params.period);
    const report = await reportFor(app, scoped, period);
    const closes = new Map(report.districts.map((d) => [d.districtId, d.closed ? parsePosition(d.closed.position) ?? null : null]));
    const lists = headlineLists(app.reportsReadModels.db, scoped.units, period, (id) => closes.get(id) ?? null);
    const book = reportWorkbook(report, lists);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="report-${report.scope.id}-${report.period.id}.xlsx"`)
      .send(book);
  });
};
