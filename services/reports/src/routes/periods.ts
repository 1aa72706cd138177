// The statistician's writes: close a district's period (关账) and record its peer-review rank. Each is
// idempotent per commandId and guarded by the stream's revision (If-Match optional). The city's
// statistician closes the city's own organisations' periods (市本级, `scopeId` = the city id): the city's
// report is its districts' rows, each frozen by its own district's close, and that row. The services'
// statistics read the same closes (service-kit, periods/closing-units.ts: a district's organisations
// follow its close, the city's own the city's).
import { bearerSecurity, commandContextOf, forbidden, reachOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideReportPeriods, evolveReportPeriods, initialReportPeriods, reportPeriodsStreamName } from '../periods/decider.js';
import type { ReportPeriodsCommand } from '../periods/events.js';
import { reportPeriodsEvents } from '../periods/registry.js';
import { reportParams } from './report.js';
import { PERIOD_CLOSERS, RANK_RECORDERS } from './roles.js';
import { scopeOf } from './scope.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema };

export const periodRoutes: FastifyPluginAsyncZod = async (app) => {
  const run = async (request: Parameters<typeof commandContextOf>[0], districtId: string, commandId: string, command: ReportPeriodsCommand) => {
    const now = app.reports.clock();
    return handleCommand({
      store: app.eventStore,
      registry: reportPeriodsEvents,
      streamName: reportPeriodsStreamName(districtId),
      decider: { initialState: initialReportPeriods, evolve: evolveReportPeriods, decide: (c: ReportPeriodsCommand, s) => decideReportPeriods(c, s, { now }) },
      command,
      context: commandContextOf(request, commandId, now),
    });
  };

  app.post('/reports/:scopeId/:period/close', {
    config: PERIOD_CLOSERS,
    schema: {
      tags: ['periods'],
      summary: 'Close the district\'s period (or, the city\'s statistician, the city\'s own: 市本级): its report is from now on counted from what was recorded by the close',
      security: bearerSecurity,
      params: reportParams,
      body: z.object({ commandId: commandIdSchema, note: z.string().max(500).nullable().default(null) }).strict(),
      response: { 200: commandResponseSchema, ...errors },
    },
  }, async (request, reply) => {
    const { units } = scopeOf(app, request, request.params.scopeId, { districtOnly: true });
    const districtId = units[0]!.id;
    // A period is closed by the statistician whose figures it freezes: the top of the caller's reach (a
    // district's statistician: their district; the city's: the city, whose districts it reads but does not close).
    if (reachOf(request).organisationId !== districtId) throw forbidden('A district\'s period is closed by the district\'s statistician; the city\'s statistician closes the city\'s own (市本级).');
    const result = await run(request, districtId, request.body.commandId, { type: 'ClosePeriod', data: { districtId, period: request.params.period, note: request.body.note } });
    return commandReply(reply, result);
  });

  app.post('/reports/:scopeId/peer-review-ranks', {
    config: RANK_RECORDERS,
    schema: {
      tags: ['periods'],
      summary: 'Record the district\'s rank in the city\'s legal-aid peer review (优良率) of a year, as published',
      security: bearerSecurity,
      params: z.object({ scopeId: z.string().min(1).max(128) }).strict(),
      body: z.object({
        commandId: commandIdSchema,
        year: z.number().int().min(2000).max(2100),
        rank: z.number().int().min(1).max(1000),
        of: z.number().int().min(1).max(1000),
        source: z.string().min(1).max(200).describe('Where the rank was published, e.g. 市司法局通报'),
      }).strict(),
      response: { 200: commandResponseSchema, ...errors },
    },
  }, async (request, reply) => {
    const { units } = scopeOf(app, request, request.params.scopeId, { districtOnly: true });
    const districtId = units[0]!.id;
    const { commandId, year, rank, of, source } = request.body;
    return commandReply(reply, await run(request, districtId, commandId, { type: 'RecordPeerReviewRank', data: { districtId, year, rank, of, source } }));
  });
};
