// A figure's drill-down (the auditor's): the facts it counts, paged, each with its case; the list's length
// (or, for 人次 and hours, its total) is the figure. A closed period lists the facts as they stood at the
// close unless `as=now` is asked; 每月达标村 lists the villages.
import { bearerSecurity, HttpProblem, problemSchema, problemTypes } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readDistrictPeriods } from '../periods/read-periods.js';
import { judgedMonthsOf } from '../report/count.js';
import { factPage, villagesMetEvery } from '../report/fact-queries.js';
import { figureByKey, VILLAGES_MET_EVERY_MONTH } from '../report/figures.js';
import { ensureApplied, monthEnd } from '../report/report-for.js';
import { reportParams } from './report.js';
import { REPORT_READERS } from './roles.js';
import { periodOf, scopeOf } from './scope.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const item = z.object({
  factId: z.string(), kind: z.string(), caseKind: z.string(), caseId: z.string(), orgId: z.string(), occurredAt: z.string(),
  value: z.number(), dims: z.record(z.string(), z.string()), eventId: z.string(), recordedAt: z.string(),
});

export const drillDownRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxPage = app.reports.config.REPORTS_MAX_PAGE;
  app.get('/reports/:scopeId/:period/figures/:figure/facts', {
    config: REPORT_READERS,
    schema: {
      tags: ['reports'],
      summary: 'The facts a figure counts (its drill-down), paged: count is the figure (total, for a sum)',
      security: bearerSecurity,
      params: reportParams.extend({ figure: z.string().min(1).max(64) }),
      querystring: z.object({
        offset: z.coerce.number().int().min(0).max(1e9).default(0),
        limit: z.coerce.number().int().min(1).max(maxPage).default(Math.min(100, maxPage)),
        as: z.enum(['closed', 'now']).default('closed').describe('closed: as the period was closed (when it is); now: as things stand'),
      }).strict(),
      response: {
        200: z.object({
          districtId: z.string(), period: z.string(), figure: z.string(), asOf: z.string().nullable(),
          count: z.number(), total: z.number(), offset: z.number(), items: z.array(item).optional(), villageIds: z.array(z.string()).optional(),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { scopeId, figure } = request.params;
    const { units } = scopeOf(app, request, scopeId, { districtOnly: true });
    const unit = units[0]!;
    const period = periodOf(request.params.period);
    const close = request.query.as === 'closed' ? (await readDistrictPeriods(app.eventStore, unit.id)).closes.get(period.id) : undefined;
    if (close) await ensureApplied(app, close.position);
    const asOf = close?.position ?? null;
    const db = app.reportsReadModels.db;
    const head = { districtId: unit.id, period: period.id, figure, asOf: close ? `${close.position.commit}/${close.position.prepare}` : null, offset: request.query.offset };
    if (figure === VILLAGES_MET_EVERY_MONTH) {
      const judged = judgedMonthsOf(period, monthEnd, close ? new Date(close.closedAt) : app.reports.clock());
      const villageIds = await villagesMetEvery(db, unit.villageIds, judged, period.from, period.to, asOf);
      return { ...head, count: villageIds.length, total: villageIds.length, villageIds: villageIds.slice(request.query.offset, request.query.offset + request.query.limit) };
    }
    const def = figureByKey.get(figure);
    if (!def) throw new HttpProblem(404, 'Not Found', problemTypes.notFound, `No figure ${figure}.`);
    const page = await factPage(db, { orgIds: unit.orgIds, kinds: def.kinds, where: def.where, from: period.from, to: period.to, asOf }, request.query.offset, request.query.limit);
    return { ...head, count: page.count, total: Math.round(page.total * 100) / 100, items: page.items };
  });
};
