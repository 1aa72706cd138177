// GET /projections (status JSON, for operators), GET /provisional-deadlines (open orders waiting for a
// calendar year, within the caller's reach) and GET /metrics (Prometheus text, for the scraper),
// from the projections' and the outbox's packages.
import { provisionalSummary, type ProvisionalSummary } from '../read-models/provisional.js';
import { outboxPrometheusMetrics, outboxStats } from '@bureau/outbox';
import { projectionStatus, prometheusMetrics, PROMETHEUS_CONTENT_TYPE } from '@bureau/projections';
import { bearerSecurity, problemSchema, publicAccess, reachOf } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPERATORS } from './roles.js';

/** Open orders whose deadlines wait for a calendar year, by year: an administrator alerts on it. */
function provisionalMetrics(summary: ProvisionalSummary): string {
  const lines = [
    '# HELP hotline_provisional_deadlines Open work orders with deadlines counted provisionally (no official calendar loaded for the year).',
    '# TYPE hotline_provisional_deadlines gauge',
    ...summary.years.map((y) => `hotline_provisional_deadlines{year="${y.year}"} ${y.openOrders}`),
  ];
  return `${lines.join('\n')}\n`;
}

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

  app.get('/provisional-deadlines', {
    config: OPERATORS,
    schema: {
      tags: ['operations'],
      summary: '暂计时限 Open orders with deadlines counted by weekday alone, by the year whose official calendar they wait for',
      security: bearerSecurity,
      response: {
        200: z.object({ years: z.array(z.object({ year: z.number(), openOrders: z.number().describe('Open orders within the caller\'s reach') })) }),
        401: problemSchema, 403: problemSchema,
      },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { years } = await provisionalSummary(app.readModels.db, reachOf(request).organisationIds);
    return { years: [...years] };
  });

  // Unauthenticated like any Prometheus target: it carries counts and positions, no personal data.
  app.get('/metrics', { config: publicAccess('a Prometheus target: counts and positions, no personal data'), schema: { tags: ['operations'], summary: 'Prometheus metrics of the projections and the outbox' } }, async (_request, reply) => {
    reply.header('content-type', PROMETHEUS_CONTENT_TYPE);
    const [projections, outbox, provisional] = await Promise.all([
      projectionStatus(statusOptions()), outboxStats(app.outbox.db, app.outbox.table), provisionalSummary(app.readModels.db, null),
    ]);
    return prometheusMetrics(projections) + outboxPrometheusMetrics(app.outbox.table, outbox, new Date()) + provisionalMetrics(provisional);
  });
};
