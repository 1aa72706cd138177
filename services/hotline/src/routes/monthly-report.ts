// GET /reports/monthly/:month: the month's figures (及时签收率, 按时办结率, 满意率, 解决率, 退单率, 超期),
// each counted in the month named in read-models/monthly-metrics.ts. A month the statistician has closed
// for a district answers as of the close, with what moved since as restatements (read-models/closed-months.ts).
import { formatPosition } from '@bureau/event-store';
import { bearerSecurity, pageLinkOf, problemSchema, reachOf, restatementPageQuery, restatementSchema, withEvents } from '@bureau/service-kit';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ensureFresh } from '../read-models/freshness.js';
import { closedMonthlyMetrics } from '../read-models/closed-months.js';
import { MONTH_PATTERN } from '../read-models/monthly-metrics.js';
import { WORK_ORDERS_PROJECTION } from '../read-models/work-orders-projection.js';
import type { HotlineRouteOptions } from './options.js';
import { afterQuery } from './read-your-writes.js';
import { MONTHLY_FIGURE_READERS } from './roles.js';

const ratio = (basis: string) =>
  z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() }).describe(basis);

const reportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  dispatched: z.number().describe('派单: orders dispatched in the month'),
  timelySignForRate: ratio('及时签收率: signed for in time / dispatched, by dispatch month'),
  returnRate: ratio('退单率: returned / dispatched, by dispatch month'),
  onTimeReplyRate: ratio('按时办结率: replied by the due time / replied, by month of the latest reply'),
  satisfactionRate: ratio('满意率: (satisfied + basically satisfied) / rated, by follow-up month'),
  resolutionRate: ratio('解决率: resolved / rated, by follow-up month'),
  overdueCount: z.number().describe('超期: orders whose reply due time fell in the month and were replied after it, or are open and recorded overdue for it'),
  closed: z.array(z.object({ districtId: z.string(), closedAt: z.string(), position: z.string() }))
    .describe('关账: the districts that closed the month; their part of every figure is as of the close'),
  restatements: z.array(restatementSchema)
    .describe('更正: the counts recorded differently since a close (the figures above keep the closed ones), each with the events recorded after the close that moved it (the district\'s own orders; no personal data)'),
});

const workOrdersProjection = (app: FastifyInstance) => {
  const found = app.readModels.projections.find((p) => p.name === WORK_ORDERS_PROJECTION);
  if (!found) throw new Error(`no ${WORK_ORDERS_PROJECTION} projection`);
  return found;
};

export const monthlyReportRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.get('/reports/monthly/:month', {
    config: MONTHLY_FIGURE_READERS,
    schema: {
      tags: ['reports'],
      summary: '月度指标 Monthly 12345 figures (months in Asia/Shanghai)',
      security: bearerSecurity,
      params: z.object({ month: z.string().regex(MONTH_PATTERN, 'must be a month YYYY-MM, from 1900-01 to 9999-12') }),
      querystring: z.strictObject({ ...afterQuery, ...restatementPageQuery }),
      response: { 200: reportSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema },
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply, WORK_ORDERS_PROJECTION, options.readYourWritesWaitMs);
    const now = options.clock();
    const { metrics: m, closes, restatements, moved } = await closedMonthlyMetrics({
      db: app.readModels.db, store: app.eventStore, projection: workOrdersProjection(app), registry: app.organisations.current(),
      month: request.params.month, owners: reachOf(request).organisationIds,
    });
    return {
      ...m, from: m.from.toISOString(), to: m.to.toISOString(), asOf: now.toISOString(),
      closed: closes.map((c) => ({ districtId: c.districtId, closedAt: c.closedAt, position: formatPosition(c.position) })),
      restatements: withEvents(restatements, moved, request.query, pageLinkOf(`/reports/monthly/${request.params.month}`, request.query)),
    };
  });
};
