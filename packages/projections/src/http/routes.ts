// Optional routes for a service: GET /projections (JSON status) and GET /metrics (Prometheus).
// Typed against the few methods used, so this package needs no web framework; a Fastify instance fits.
import { prometheusMetrics, PROMETHEUS_CONTENT_TYPE } from '../metrics.js';
import { projectionStatus, type StatusOptions } from '../status.js';

export interface ReplyLike {
  header(name: string, value: string): unknown;
  send(body: unknown): unknown;
}

export interface RouterLike {
  get(path: string, handler: (request: unknown, reply: ReplyLike) => Promise<unknown>): unknown;
}

export interface ProjectionRoutesOptions extends StatusOptions {
  readonly statusPath?: string;
  /** Set to false when the service already serves /metrics and appends `prometheusMetrics` itself. */
  readonly metricsPath?: string | false;
}

export function projectionRoutes(app: RouterLike, options: ProjectionRoutesOptions): void {
  app.get(options.statusPath ?? '/projections', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.send({ projections: await projectionStatus(options) });
  });
  if (options.metricsPath === false) return;
  app.get(options.metricsPath ?? '/metrics', async (_request, reply) => {
    reply.header('content-type', PROMETHEUS_CONTENT_TYPE);
    return reply.send(prometheusMetrics(await projectionStatus(options)));
  });
}
