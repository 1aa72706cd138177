// For the district's and the city's administrators (系统管理员): GET /projections, the status and lag of
// the legal-aid read models, and GET /provisional-deadlines, the files whose limits wait for an official
// calendar year, by year, counted within the caller's reach (another district's files are in no count).
import { projectionStatus } from '@bureau/projections';
import { access, bearerSecurity, everyone, problemSchema, reachOf } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provisionalSummary } from '../read-models/provisional.js';

/** Read projection status and the provisional limits: the district's administrator and auditor, and the city's. */
export const OPERATORS = access({ ...everyone(['administrator', 'auditor'], 'district'), city_auditor: 'city', city_administrator: 'city' });

export const operationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projections', {
    config: OPERATORS,
    schema: {
      tags: ['operations'], summary: 'Status and lag of the legal-aid projections (files, walk-ins)', security: bearerSecurity,
      response: { 200: z.object({ projections: z.array(z.unknown()).describe('One status per projection: state, checkpoint, lag, parked event') }), 401: problemSchema, 403: problemSchema },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const [files, walkIns] = await Promise.all([
      projectionStatus({ db: app.legalAidReadModels.engine.db, store: app.eventStore, projections: app.legalAidReadModels.projections }),
      projectionStatus({ db: app.legalAidWalkIns.engine.db, store: app.eventStore, projections: app.legalAidWalkIns.projections }),
    ]);
    return { projections: [...files, ...walkIns] };
  });

  app.get('/provisional-deadlines', {
    config: OPERATORS,
    schema: {
      tags: ['operations'], summary: '暂计时限 Files with limits counted by weekday alone, by the year whose official calendar they wait for', security: bearerSecurity,
      response: {
        200: z.object({ years: z.array(z.object({ year: z.number(), files: z.number().describe('Files within the caller\'s reach') })) }),
        401: problemSchema, 403: problemSchema,
      },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { years: await provisionalSummary(app.legalAidReadModels.db, reachOf(request).organisationIds) };
  });
};
