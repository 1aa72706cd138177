// The query side: GET /worklist (per station and per office), GET /search (number, identity document,
// partial name), GET /statistics/monthly/:month. Every one scoped by the caller's reach; identity numbers
// and phones only ever masked here; names masked too for readers who do not handle files.
import { actorOf, bearerSecurity, HttpProblem, problemSchema, problemTypes, reachOf } from '@bureau/service-kit';
import { cursorOf, pageFields, pageLink, pagingQuery, sortField, type Cursor } from '@bureau/service-kit/paging';
import { formatPosition } from '@bureau/event-store';
import { identityDocument } from '@bureau/person-schemas';
import { awaitFreshness } from '@bureau/projections/http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identityHash, maskName } from '../privacy/mask.js';
import { FILES_PROJECTION } from '../read-models/files-projection.js';
import { nameKeyOf, normalisedName } from '../read-models/name-key.js';
import { closedStatistics } from '../read-models/closed-statistics.js';
import { pageLinkOf, restatementPageQuery, restatementSchema, withEvents } from '@bureau/service-kit';
import { searchFiles, searchSorts } from '../read-models/search.js';
import { monthBounds, overdueLimits, statisticNames, yearBounds } from '../read-models/statistics.js';
import type { ListedFileRow } from '../read-models/tables.js';
import { listWorklist, worklistSorts } from '../read-models/worklist.js';
import { PERSONAL_DATA_READERS, READERS, STATISTICS_READERS } from './roles.js';

const after = { after: z.string().optional().describe('A position "commit/prepare" from a write: wait (bounded) until the read model has applied it.') };

const entry = z.object({
  caseId: z.string(),
  kind: z.string(),
  applicationNumber: z.string().nullable(),
  status: z.string(),
  receivingOrganisationId: z.string(),
  competentOfficeId: z.string().nullable(),
  holderOfficeId: z.string().nullable(),
  transferredFrom: z.string().nullable(),
  matterType: z.string().nullable(),
  greenChannel: z.boolean(),
  recipientName: z.string().nullable(),
  recipientDocument: z.string().nullable().describe('Masked.'),
  recipientPhone: z.string().nullable().describe('Masked.'),
  receivedAt: z.string(),
  nextDueAt: z.string().nullable(),
  nextDueKind: z.string().nullable(),
  overdue: z.boolean(),
});

function entryOf(row: ListedFileRow & { overdue?: boolean }, now: Date, handler: boolean): z.output<typeof entry> {
  return {
    caseId: row.case_id,
    kind: row.kind,
    applicationNumber: row.application_number,
    status: row.status,
    receivingOrganisationId: row.receiving_org,
    competentOfficeId: row.competent_office,
    holderOfficeId: row.holder_office,
    transferredFrom: row.transferred_from,
    matterType: row.matter_type,
    greenChannel: row.green_channel,
    recipientName: row.recipient_name === null ? null : handler ? row.recipient_name : maskName(row.recipient_name),
    recipientDocument: row.recipient_document_masked,
    recipientPhone: row.recipient_phone_masked,
    receivedAt: row.received_at.toISOString(),
    nextDueAt: row.next_due_at?.toISOString() ?? null,
    nextDueKind: row.next_due_kind,
    overdue: row.overdue ?? (row.overdue_recorded || (row.next_due_at !== null && row.next_due_at < now)),
  };
}

async function ensureFresh(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const freshness = await awaitFreshness(app.legalAidReadModels.engine, FILES_PROJECTION, request, {
    maxWaitMs: app.legalAid.config.READ_YOUR_WRITES_WAIT_MS,
    lastCommitted: () => app.eventStore.lastCommittedPosition(),
  });
  if (freshness.kind === 'fresh') return;
  const retryAfter = freshness.headers['retry-after'];
  if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
  const { type, title, status, detail, ...rest } = freshness.body;
  throw new HttpProblem(status, title, type, detail, rest);
}

/** The instant a walk's order is judged at: its first page's (kept in the cursor), or now on a first page. */
const orderAsOf = (cursor: Cursor | undefined, now: Date) => (cursor?.asOf === undefined ? now : new Date(cursor.asOf));

const listResponses = (ok: z.ZodType) => ({ 200: ok, 400: problemSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema });

export const listRoutes: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const handler = (request: FastifyRequest) => PERSONAL_DATA_READERS.includes(actorOf(request).role);

  typed.get('/worklist', {
    config: READERS,
    schema: {
      tags: ['legal-aid files'], summary: '工作清单 Open files: green channel first, then by next deadline (overdue first)', security: bearerSecurity,
      querystring: z.strictObject({
        ...after,
        organisationId: z.string().trim().min(1).max(64).optional().describe('Only this station\'s or office\'s own list.'),
        waitingForMaterials: z.stringbool().optional(),
        transferredIn: z.stringbool().optional(),
        overdue: z.stringbool().optional(),
        dueToday: z.stringbool().optional().describe('Only files whose next deadline is 24:00 today (Beijing time).'),
        ...pagingQuery(worklistSorts, 'nextDueAt', { default: 50, max: 500 }),
      }),
      response: listResponses(z.object({ now: z.string(), entries: z.array(entry), ...pageFields('file') })),
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply);
    const now = app.legalAid.clock();
    const { organisationId, waitingForMaterials, transferredIn, overdue, dueToday, sort, limit } = request.query;
    const cursor = cursorOf(request.query);
    const asOf = orderAsOf(cursor, now);
    const filter = { now, reach: reachOf(request).organisationIds, organisationId, waitingForMaterials, transferredIn, overdue, dueToday };
    const page = await listWorklist(app.legalAidReadModels.db, app.pg, filter, { sort: sortField(sort).field, direction: sortField(sort).direction, asOf }, { sort, cursor, limit, asOf: asOf.toISOString() });
    const { total } = page;
    return {
      now: now.toISOString(), total, nextCursor: page.nextCursor, previousCursor: page.previousCursor,
      next: pageLink('/worklist', request.query, page.nextCursor), previous: pageLink('/worklist', request.query, page.previousCursor),
      entries: page.rows.map((r) => entryOf(r, now, handler(request))),
    };
  });

  typed.get('/search', {
    config: READERS,
    schema: {
      tags: ['legal-aid files'], summary: '查询 By application number, by identity document (type and number), or by name (a family name and one more character at least)', security: bearerSecurity,
      querystring: z.strictObject({
        ...after,
        applicationNumber: z.string().trim().min(1).max(64).optional(),
        documentType: z.string().trim().min(1).max(40).optional(),
        documentNumber: z.string().trim().min(1).max(64).optional(),
        name: z.string().trim().min(2, 'a family name and at least one more character').max(50)
          .refine((name) => nameKeyOf(normalisedName(name)) !== null, 'a family name and at least one more character').optional(),
        ...pagingQuery(searchSorts, '-receivedAt', { default: 20, max: 100 }),
      }),
      response: listResponses(z.object({ entries: z.array(entry), ...pageFields('file') })),
    },
  }, async (request, reply) => {
    const { applicationNumber, documentType, documentNumber, name, sort, limit } = request.query;
    const cursor = cursorOf(request.query);
    const given = [applicationNumber, documentNumber, name].filter((v) => v !== undefined).length;
    if (given !== 1 || (documentNumber !== undefined) !== (documentType !== undefined)) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'Search by one of: applicationNumber; documentType with documentNumber; name.', {
        errors: [{ field: 'querystring', rule: 'one_search', message: 'give exactly one way to search' }],
      });
    }
    await ensureFresh(app, request, reply);
    const reach = reachOf(request).organisationIds;
    const now = app.legalAid.clock();
    let by: Parameters<typeof searchFiles>[1];
    if (applicationNumber !== undefined) by = { kind: 'number', applicationNumber };
    else if (name !== undefined) by = { kind: 'name', prefix: name };
    else {
      const document = identityDocument.safeParse({ type: documentType, number: documentNumber });
      if (!document.success) {
        throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'The identity document is not valid.', {
          errors: [{ field: 'querystring.documentNumber', rule: 'identity_document', message: document.error.issues[0]?.message ?? 'invalid' }],
        });
      }
      by = { kind: 'identity', hash: identityHash(app.legalAid.config.LEGAL_AID_IDENTITY_HASH_KEY, document.data) ?? '' };
    }
    const { field, direction } = sortField(sort);
    const asOf = orderAsOf(cursor, now);
    const page = await searchFiles(app.legalAidReadModels.db, by, reach, { sort: field, direction, asOf }, { sort, cursor, limit, asOf: asOf.toISOString() });
    const { total } = page;
    // The links carry the query as asked: an identity number stays in the caller's own address only.
    return {
      total, nextCursor: page.nextCursor, previousCursor: page.previousCursor,
      next: pageLink('/search', request.query, page.nextCursor), previous: pageLink('/search', request.query, page.previousCursor),
      entries: page.rows.map((r) => entryOf(r, now, handler(request))),
    };
  });

  const figures = z.object(Object.fromEntries(statisticNames.map((n) => [n, z.number()])) as Record<(typeof statisticNames)[number], z.ZodNumber>);
  const decisionTimes = {
    decisions: z.number().describe('Approvals and refusals in the period.'),
    medianWorkingDaysToDecision: z.number().nullable().describe('审查用时: median working days from the receipt (or arrival) to the decision, paused time left out'),
    overdueByLimit: z.object(Object.fromEntries(overdueLimits.map((l) => [l, z.number()])) as Record<(typeof overdueLimits)[number], z.ZodNumber>)
      .describe('Limits that fell due in the period and were recorded overdue, per limit'),
  };
  const officeFigures = figures.extend({ officeId: z.string(), greenChannelShare: z.number().nullable(), excellentOrGoodRate: z.number().nullable().describe('优良率: (优秀 + 良好) / reviewed'), ...decisionTimes });
  const stationFigures = z.object({ stationId: z.string(), received: z.number(), ...decisionTimes });
  // 关账: the districts that closed the period answer as of the close (read-models/closed-statistics.ts).
  const closedPeriod = {
    closed: z.array(z.object({ districtId: z.string(), closedAt: z.string(), position: z.string() })).describe('关账: the districts that closed the period; their offices and stations are as of the close'),
    restatements: z.array(restatementSchema).describe('更正: `<office or station>.<figure>` recorded differently since the close, each with the events recorded after the close that moved it (the district\'s own files; no personal data)'),
  };
  const statisticsQuery = z.strictObject({ ...after, ...restatementPageQuery });
  const statisticsAsClosed = async (request: FastifyRequest, period: string, bounds: [Date, Date], page: z.infer<typeof statisticsQuery>) => {
    const { closes, restatements, moved, ...result } = await closedStatistics({
      db: app.legalAidReadModels.db, store: app.eventStore, projection: app.legalAidReadModels.projections.find((p) => p.name === FILES_PROJECTION)!, registry: app.organisations.current(),
      period, bounds, withinReach: reachOf(request).includes,
    });
    return {
      ...result,
      closed: closes.map((c) => ({ districtId: c.districtId, closedAt: c.closedAt, position: formatPosition(c.position) })),
      restatements: withEvents(restatements, moved, page, pageLinkOf(request.url.split('?')[0]!, page)),
    };
  };
  typed.get('/statistics/monthly/:month', {
    config: STATISTICS_READERS,
    schema: {
      tags: ['legal-aid files'], summary: '月度统计 Monthly figures per office, and per station (received, the median working days to decision, overdue per limit)', security: bearerSecurity,
      params: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM') }),
      querystring: statisticsQuery,
      response: listResponses(z.object({
        month: z.string(),
        offices: z.array(officeFigures),
        stations: z.array(stationFigures),
        ...closedPeriod,
      })),
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply);
    const result = await statisticsAsClosed(request, request.params.month, monthBounds(request.params.month), request.query);
    return { month: request.params.month, ...result };
  });

  typed.get('/statistics/yearly/:year', {
    config: STATISTICS_READERS,
    schema: {
      tags: ['legal-aid files'], summary: '年度统计 The same figures for a year', security: bearerSecurity,
      params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      querystring: statisticsQuery,
      response: listResponses(z.object({ year: z.number(), offices: z.array(officeFigures), stations: z.array(stationFigures), ...closedPeriod })),
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply);
    const result = await statisticsAsClosed(request, String(request.params.year), yearBounds(request.params.year), request.query);
    return { year: request.params.year, ...result };
  });
};
