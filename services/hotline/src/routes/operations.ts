// GET /projections (status JSON, for operators) and GET /metrics (Prometheus text, for the scraper),
// from the projections' and the outbox's packages.
import { outboxPrometheusMetrics, outboxStats } from '@bureau/outbox';
import { projectionStatus, prometheusMetrics, PROMETHEUS_CONTENT_TYPE } from '@bureau/projections';
import { bearerSecurity, problemSchema, publicAccess } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPERATORS } from './roles.js';

export const operationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const statusOptions = () => ({ db: app.readModels.engine.db, store: app.eventStore, projections: app.readModels.projections });

  app.get('/projections', {
    config: OPERATORS,
    schema: {
      tags: ['operations'],
      summary: 'Status and lag of the hotline projections',
      security: bearerSecurity,
      response: { 200: z.object({ projections: z.array(z.unknown()).describe('One status per projection: state, checkpoint, lag, parked event') }), 401: problemSchema, 403: problemSchema },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { projections: [...(await projectionStatus(statusOptions()))] };
  });

  // Unauthenticated like any Prometheus target: it carries counts and positions, no personal data.
  app.get('/metrics', { config: publicAccess('a Prometheus target: counts and positions, no personal data'), schema: { tags: ['operations'], summary: 'Prometheus metrics of the projections and the outbox' } }, async (_request, reply) => {
    reply.header('content-type', PROMETHEUS_CONTENT_TYPE);
    const [projections, outbox] = await Promise.all([projectionStatus(statusOptions()), outboxStats(app.outbox.db, app.outbox.table)]);
    return prometheusMetrics(projections) + outboxPrometheusMetrics(app.outbox.table, outbox, new Date());
  });
};
