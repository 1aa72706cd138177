// A figure's drill-down (the auditor's): the facts it counts, paged by keyset (the kit's `sort`, `cursor`,
// `limit`), each with its case; the list's length (`total`, or for 人次 and hours its `sum`) is the
// figure. A closed period lists the facts as they stood at the close unless `as=now` is asked; 每月达标村
// lists the villages. A page costs what the district's own facts of the figure cost, not the city's.
import { bearerSecurity, HttpProblem, problemSchema, problemTypes } from '@bureau/service-kit';
import { cursorOf, encodeCursor, pageFields, pageLink, pageOfList, pagingQuery, sortField } from '@bureau/service-kit/paging';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readDistrictPeriods } from '../periods/read-periods.js';
import { judgedMonthsOf } from '../report/count.js';
import { factPage, factSorts, factTotals, villagesMetEvery, type FactListItem } from '../report/fact-queries.js';
import { figureByKey, figures, VILLAGES_MET_EVERY_MONTH } from '../report/figures.js';
import { firstPages } from '../report/first-pages.js';
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
      summary: 'The facts a figure counts (its drill-down), paged by keyset: total (or sum, for 人次 and hours) is the figure',
      security: bearerSecurity,
      params: reportParams.extend({ figure: z.string().min(1).max(64) }),
      querystring: z.object({
        ...pagingQuery(factSorts, 'occurredAt', { default: Math.min(100, maxPage), max: maxPage }),
        as: z.enum(['closed', 'now']).default('closed').describe('closed: as the period was closed (when it is); now: as things stand'),
      }).strict(),
      response: {
        200: z.object({
          districtId: z.string(), period: z.string(), figure: z.string(), asOf: z.string().nullable(),
          sum: z.number().describe('The sum of the facts\' values (all pages): the figure for 人次 and hours'),
          ...pageFields('fact (or village, for 每月达标村)'),
          items: z.array(item).optional(), villageIds: z.array(z.string()).optional(),
          organisationNames: z.record(z.string(), z.string()).describe('The names of the organisations (stations, offices, villages) on this page, by id'),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { scopeId, figure } = request.params;
    const { units } = scopeOf(app, request, scopeId, { districtOnly: true });
    const unit = units[0]!;
    const period = periodOf(request.params.period);
    const { sort, limit } = request.query;
    const cursor = cursorOf(request.query);
    const keysOfList = figure === VILLAGES_MET_EVERY_MONTH ? 1 : 2;
    if (cursor && cursor.key.length !== keysOfList) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'The cursor is not a cursor of this list.', { errors: [{ field: 'querystring.cursor', rule: 'cursor', message: 'is not a cursor of this list' }] });
    }
    const close = request.query.as === 'closed' ? (await readDistrictPeriods(app.eventStore, unit.id)).closes.get(period.id) : undefined;
    if (close) await ensureApplied(app, close.position);
    const asOf = close?.position ?? null;
    const db = app.reportsReadModels.db;
    const path = `/reports/${encodeURIComponent(scopeId)}/${request.params.period}/figures/${encodeURIComponent(figure)}/facts`;
    const head = { districtId: unit.id, period: period.id, figure, asOf: close ? `${close.position.commit}/${close.position.prepare}` : null };
    // A person reads 新华工作站, not huadu-station-xinhua: the page's organisations named from the registry.
    const registry = app.organisations.current();
    const namesOf = (ids: Iterable<string>) => Object.fromEntries([...new Set(ids)].map((id) => [id, registry.organisations.get(id)?.name ?? id]));
    const links = (page: { nextCursor: string | null; previousCursor: string | null }) => ({
      nextCursor: page.nextCursor, previousCursor: page.previousCursor,
      next: pageLink(path, request.query, page.nextCursor), previous: pageLink(path, request.query, page.previousCursor),
    });
    if (figure === VILLAGES_MET_EVERY_MONTH) {
      const judged = judgedMonthsOf(period, monthEnd, close ? new Date(close.closedAt) : app.reports.clock());
      const villageIds = await villagesMetEvery(db, unit.villageIds, judged, period.from, period.to, asOf);
      // Villages in id order whatever the sort (they have no time of their own).
      const page = pageOfList(villageIds, [{ of: (id) => id, direction: 'asc' }], { sort, cursor, limit });
      return { ...head, sum: villageIds.length, total: villageIds.length, ...links(page), villageIds: page.rows, organisationNames: namesOf(page.rows) };
    }
    const def = figureByKey.get(figure);
    if (!def) throw new HttpProblem(404, 'Not Found', problemTypes.notFound, `No figure ${figure}.`);
    const filter = { orgIds: unit.orgIds, kinds: def.kinds, where: def.where, from: period.from, to: period.to, asOf };
    const [totals, page] = await Promise.all([factTotals(db, filter), factPage(db, filter, { sort: sortField(sort).field, direction: sortField(sort).direction }, { sort, cursor, limit })]);
    return { ...head, sum: Math.round(totals.sum * 100) / 100, total: totals.count, ...links(page), items: page.rows, organisationNames: namesOf(page.rows.map((r) => r.orgId)) };
  });
};

/**
 * Every figure's drill-down of one district at once, each list's first page (the auditor going down a
 * report's row, checking each list against its figure): one request and one read of the district's facts
 * instead of one per figure. Each list is the figure's own drill-down's first page (same sort, same
 * cursor), its `next` the figure's route.
 */
export const allDrillDownsRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxPage = app.reports.config.REPORTS_MAX_PAGE;
  app.get('/reports/:scopeId/:period/drill-downs', {
    config: REPORT_READERS,
    schema: {
      tags: ['reports'],
      summary: 'Every figure\'s drill-down list of a district, each its first page (as the figure\'s own route gives it): total (or sum) is the figure',
      security: bearerSecurity,
      params: reportParams,
      querystring: z.object({
        sort: pagingQuery(factSorts, 'occurredAt').sort,
        limit: z.coerce.number().int().min(1).max(maxPage).default(Math.min(100, maxPage)).describe('The most facts of each list'),
        as: z.enum(['closed', 'now']).default('closed').describe('closed: as the period was closed (when it is); now: as things stand'),
      }).strict(),
      response: {
        200: z.object({
          districtId: z.string(), period: z.string(), asOf: z.string().nullable(),
          lists: z.record(z.string(), z.object({
            sum: z.number(), total: z.number(), nextCursor: z.string().nullable(), next: z.string().nullable(),
            items: z.array(item).optional(), villageIds: z.array(z.string()).optional(),
          })).describe('By figure key (and villages_met_every_month): the first page of its drill-down'),
          organisationNames: z.record(z.string(), z.string()).describe('The names of the organisations on these pages, by id'),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { scopeId } = request.params;
    const { units } = scopeOf(app, request, scopeId, { districtOnly: true });
    const unit = units[0]!;
    const period = periodOf(request.params.period);
    const { sort, limit } = request.query;
    const close = request.query.as === 'closed' ? (await readDistrictPeriods(app.eventStore, unit.id)).closes.get(period.id) : undefined;
    if (close) await ensureApplied(app, close.position);
    const asOf = close?.position ?? null;
    const db = app.reportsReadModels.db;
    const judged = judgedMonthsOf(period, monthEnd, close ? new Date(close.closedAt) : app.reports.clock());
    const order = sortField(sort);
    const [pages, villageIds] = await Promise.all([
      firstPages(db, { orgIds: unit.orgIds, from: period.from, to: period.to, asOf }, figures, { sort: order.field, direction: order.direction }, limit),
      villagesMetEvery(db, unit.villageIds, judged, period.from, period.to, asOf),
    ]);
    // Each next page is the figure's own route's, with the query it would have been asked with.
    const linkOf = (figure: string, key: readonly string[] | undefined) => {
      if (!key) return { nextCursor: null, next: null };
      const nextCursor = encodeCursor({ sort, towards: 'next', key });
      const path = `/reports/${encodeURIComponent(scopeId)}/${request.params.period}/figures/${encodeURIComponent(figure)}/facts`;
      return { nextCursor, next: pageLink(path, { sort, limit, as: request.query.as }, nextCursor) };
    };
    const lists: Record<string, { sum: number; total: number; nextCursor: string | null; next: string | null; items?: FactListItem[]; villageIds?: string[] }> = {};
    const shown = new Set<string>();
    for (const def of figures) {
      const page = pages.get(def.key)!;
      for (const row of page.rows) shown.add(row.orgId);
      lists[def.key] = { sum: Math.round(page.sum * 100) / 100, total: page.count, ...linkOf(def.key, page.nextKey ?? undefined), items: [...page.rows] };
    }
    const villages = villageIds.slice(0, limit);
    for (const id of villages) shown.add(id);
    lists[VILLAGES_MET_EVERY_MONTH] = { sum: villageIds.length, total: villageIds.length, ...linkOf(VILLAGES_MET_EVERY_MONTH, villageIds.length > limit ? [villages.at(-1)!] : undefined), villageIds: villages };
    const registry = app.organisations.current();
    return {
      districtId: unit.id, period: period.id, asOf: close ? `${close.position.commit}/${close.position.prepare}` : null, lists,
      organisationNames: Object.fromEntries([...shown].map((id) => [id, registry.organisations.get(id)?.name ?? id])),
    };
  });
};
