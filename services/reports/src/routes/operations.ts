// GET /projections: the status and lag of the report's read model (the facts every figure counts), for the
// district's and the city's administrators and auditors (the console's 运行状态 page).
import { projectionStatus } from '@bureau/projections';
import { access, bearerSecurity, everyone, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const OPERATORS = access({ ...everyone(['administrator', 'auditor'], 'district'), city_auditor: 'city', city_administrator: 'city' });

export const operationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projections', {
    config: OPERATORS,
    schema: {
      tags: ['operations'], summary: 'Status and lag of the report\'s projection (the facts every figure counts)', security: bearerSecurity,
      response: { 200: z.object({ projections: z.array(z.unknown()).describe('One status per projection: state, checkpoint, lag, parked event') }), 401: problemSchema, 403: problemSchema },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const { engine, projections } = app.reportsReadModels;
    return { projections: await projectionStatus({ db: engine.db, store: app.eventStore, projections }) };
  });
};
