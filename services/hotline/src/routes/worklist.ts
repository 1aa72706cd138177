// GET /worklist: open orders, most urgent deadline first (or as sorted), a page at a time, with overdue
// and due-today flags and the count of them all within the caller's reach.
import { bearerSecurity, problemSchema, reachOf } from '@bureau/service-kit';
import { cursorOf, pageFields, pageLink, pagingQuery, sortField } from '@bureau/service-kit/paging';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ensureFresh } from '../read-models/freshness.js';
import { provisionalSummary, provisionalWarning } from '../read-models/provisional.js';
import { countWorklist, listWorklist, worklistSorts } from '../read-models/worklist.js';
import { WORK_ORDERS_PROJECTION } from '../read-models/work-orders-projection.js';
import type { HotlineRouteOptions } from './options.js';
import { afterQuery } from './read-your-writes.js';
import { ORDER_READERS } from './roles.js';

const entry = z.object({
  workOrderId: z.string(),
  externalNumber: z.string(),
  platformId: z.string(),
  category: z.string(),
  status: z.enum(['awaiting_sign_for', 'handling', 'replied', 'returned']).describe('Only the open two appear here.'),
  dispatchedAt: z.string(),
  dueAt: z.string().describe('The next deadline: sign-for due until signed for, then reply due.'),
  dueKind: z.enum(['sign_for', 'reply']),
  signForDueAt: z.string(),
  replyDueAt: z.string(),
  assigneeStaffId: z.string().nullable(),
  returnPending: z.boolean(),
  extensionPending: z.boolean(),
  signForOverdue: z.boolean(),
  replyOverdue: z.boolean(),
  overdue: z.boolean(),
  dueToday: z.boolean(),
  provisionalYears: z.array(z.number()).describe('Years its deadlines were counted in by weekday alone (no official calendar yet): shown as provisional.'),
});

const warning = z.object({ rule: z.literal('calendar_year_missing'), years: z.array(z.number()), message: z.string() });

export const worklistRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.get('/worklist', {
    config: ORDER_READERS,
    schema: {
      tags: ['work orders'],
      summary: '工作清单 Open work orders by due time',
      security: bearerSecurity,
      querystring: z.strictObject({
        ...afterQuery,
        assignee: z.string().trim().min(1).max(64).optional(),
        dueToday: z.stringbool().optional(),
        overdue: z.stringbool().optional(),
        ...pagingQuery(worklistSorts, 'dueAt', { default: 50, max: 500 }),
      }),
      response: { 200: z.object({ now: z.string(), entries: z.array(entry), ...pageFields('open order'), warnings: z.array(warning) }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema },
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply, WORK_ORDERS_PROJECTION, options.readYourWritesWaitMs);
    const now = options.clock();
    const { assignee, dueToday, overdue, limit, sort } = request.query;
    const cursor = cursorOf(request.query);
    const filter = { now, owners: reachOf(request).organisationIds, assignee, dueToday, overdue };
    const { field, direction } = sortField(sort);
    const [page, total, provisional] = await Promise.all([
      listWorklist(app.readModels.db, filter, { sort: field, direction }, { sort, cursor, limit }),
      countWorklist(app.readModels.db, filter),
      provisionalSummary(app.readModels.db, filter.owners),
    ]);
    const message = provisionalWarning(provisional);
    return {
      now: now.toISOString(),
      total,
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
      next: pageLink('/worklist', request.query, page.nextCursor),
      previous: pageLink('/worklist', request.query, page.previousCursor),
      entries: page.rows.map((e) => ({
        ...e,
        dispatchedAt: e.dispatchedAt.toISOString(),
        dueAt: e.dueAt.toISOString(),
        signForDueAt: e.signForDueAt.toISOString(),
        replyDueAt: e.replyDueAt.toISOString(),
        provisionalYears: [...e.provisionalYears],
      })),
      warnings: message === null ? [] : [{ rule: 'calendar_year_missing' as const, years: provisional.years.map((y) => y.year), message }],
    };
  });
};
