// The statistician's writes: close a district's period (关账) and record its peer-review rank. Each is
// idempotent per commandId and guarded by the stream's revision (If-Match optional).
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideReportPeriods, evolveReportPeriods, initialReportPeriods, reportPeriodsStreamName } from '../periods/decider.js';
import type { ReportPeriodsCommand } from '../periods/events.js';
import { reportPeriodsEvents } from '../periods/registry.js';
import { reportParams } from './report.js';
import { STATISTICIANS } from './roles.js';
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
    config: STATISTICIANS,
    schema: {
      tags: ['periods'],
      summary: 'Close the district\'s period: its report is from now on counted from what was recorded by the close',
      security: bearerSecurity,
      params: reportParams,
      body: z.object({ commandId: commandIdSchema, note: z.string().max(500).nullable().default(null) }).strict(),
      response: { 200: commandResponseSchema, ...errors },
    },
  }, async (request, reply) => {
    const { units } = scopeOf(app, request, request.params.scopeId, { districtOnly: true });
    const districtId = units[0]!.id;
    const result = await run(request, districtId, request.body.commandId, { type: 'ClosePeriod', data: { districtId, period: request.params.period, note: request.body.note } });
    return commandReply(reply, result);
  });

  app.post('/reports/:scopeId/peer-review-ranks', {
    config: STATISTICIANS,
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
