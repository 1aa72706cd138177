// The report service (公共法律服务年度数据) as a plugin on the kit's app: the pool and event store it shares
// with the other services, the organisation registry (districts and who reaches them), the facts
// projection, the PDF renderer, and the routes. server.ts and the tests both build it here.
import { organisationRegistryPlugin } from '@bureau/organisations';
import { PdfRenderer } from '@bureau/printing';
import { authOptionsFrom, buildApp, eventStorePlugin, openEventStore, pgPoolPlugin, type App } from '@bureau/service-kit';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { ReportsConfig } from './config.js';
import type { FactRules } from './facts/stream-kinds.js';
import { officialWorkingDays } from './facts/working-days.js';
import { FigureCache } from './report/figure-cache.js';
import { readModelsPlugin, type ReadModelsTimings } from './read-models/read-models-plugin.js';
import { chartRoutes } from './routes/charts.js';
import { allDrillDownsRoutes, drillDownRoutes } from './routes/drill-down.js';
import { outputRoutes } from './routes/outputs.js';
import { periodRoutes } from './routes/periods.js';
import { reportRoutes } from './routes/report.js';
import { operationsRoutes } from './routes/operations.js';

export interface ReportsAppDeps {
  readonly clock?: () => Date;
  readonly logStream?: DestinationStream;
  readonly readModels?: ReadModelsTimings;
}

declare module 'fastify' {
  interface FastifyInstance {
    reports: { readonly config: ReportsConfig; readonly clock: () => Date; readonly renderer: PdfRenderer; readonly figures: FigureCache };
  }
}

interface ReportsOptions {
  readonly config: ReportsConfig;
  readonly clock: () => Date;
  readonly readModels: ReadModelsTimings;
}

const reportsPlugin: FastifyPluginAsyncZod<ReportsOptions> = async (app, { config, clock, readModels }) => {
  await app.register(pgPoolPlugin, { connectionString: config.DATABASE_URL });
  await app.register(eventStorePlugin, { create: () => openEventStore(config) });
  await app.register(organisationRegistryPlugin, { cityId: config.CITY_ID, seed: config.ORGANISATIONS_SEED });
  const centres = config.REPORTS_HOTLINE_PLATFORM_CENTRES;
  const rules: FactRules = {
    workingDaysBetween: officialWorkingDays(),
    minimumOnSiteHours: config.REPORTS_ADVISOR_MINIMUM_HOURS,
    centreOf: (platformId) => centres[platformId] ?? config.REPORTS_HOTLINE_CENTRE_ID,
  };
  await app.register(readModelsPlugin, { rules, timings: readModels });
  const renderer = new PdfRenderer();
  app.decorate('reports', { config, clock, renderer, figures: new FigureCache() });
  app.addHook('onClose', () => renderer.close());

  await app.register(reportRoutes);
  await app.register(drillDownRoutes);
  await app.register(allDrillDownsRoutes);
  await app.register(outputRoutes);
  await app.register(chartRoutes);
  await app.register(periodRoutes);
  await app.register(operationsRoutes);
};

/** Not encapsulated: the service is the whole app, and tests reach its decorations. */
export const reports = fp(reportsPlugin, {
  name: 'reports',
  fastify: '5.x',
  dependencies: ['bureau-problem-handlers', 'bureau-health', 'bureau-auth'],
});

export async function buildReportsApp(config: ReportsConfig, deps: ReportsAppDeps = {}): Promise<App> {
  const app = await buildApp({
    name: 'reports',
    version: '0.1.0',
    description: 'The bureau\'s year in figures (公共法律服务年度数据): every figure counted from the services\' events, traceable to its cases, frozen when a period is closed.',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  });
  await app.register(reports, { config, clock: deps.clock ?? (() => new Date()), readModels: deps.readModels ?? {} });
  return app;
}
