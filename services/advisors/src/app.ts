// The advisors service (村(社区)法律顾问) as a plugin on the kit's app: its resources (pool, event store,
// organisation registry, read models, evidence store, month-end timers) and its routes. server.ts and
// the tests both build it here.
import { organisationRegistryPlugin } from '@bureau/organisations';
import { authOptionsFrom, buildApp, eventStorePlugin, openEventStore, pgPoolPlugin, type App } from '@bureau/service-kit';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { completePendingImports } from './commands/import-ledger-file.js';
import type { AdvisorsConfig } from './config.js';
import { readModelsPlugin, type ReadModelsTimings } from './read-models/read-models-plugin.js';
import { appointmentRoutes } from './routes/appointments.js';
import { myAppointmentRoutes } from './routes/my-appointments.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/export.js';
import { figureRoutes } from './routes/figures.js';
import { importRoutes } from './routes/import.js';
import { ledgerDepsOf } from './routes/ledger-command.js';
import { ledgerEntryRoutes } from './routes/ledger-entries.js';
import { ledgerQueryRoutes } from './routes/ledger-queries.js';
import { registerRoutes } from './routes/register.js';
import { reviewRoutes } from './routes/review.js';
import { operationsRoutes } from './routes/operations.js';
import { importFilesIn } from './storage/import-files.js';
import { migrateAdvisorsStorage } from './storage/migrations.js';
import { monthEndTimersPlugin } from './timers/month-end-timers.js';

/** What tests (and only tests) replace. */
export interface AdvisorsAppDeps {
  readonly clock?: () => Date;
  readonly logStream?: DestinationStream;
  /** Projection engine timings (the read models and the timers' scheduler). */
  readonly readModels?: ReadModelsTimings;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The parsed configuration and the service's clock. */
    advisors: { readonly config: AdvisorsConfig; readonly clock: () => Date };
  }
}

interface AdvisorsOptions {
  readonly config: AdvisorsConfig;
  readonly clock: () => Date;
  readonly readModels: ReadModelsTimings;
}

const advisorsPlugin: FastifyPluginAsyncZod<AdvisorsOptions> = async (app, { config, clock, readModels }) => {
  app.decorate('advisors', { config, clock });
  await app.register(pgPoolPlugin, { connectionString: config.DATABASE_URL });
  await app.register(eventStorePlugin, { create: () => openEventStore(config) });
  // Who reaches which ledgers: the city's organisation registry (villages, townships, judicial offices).
  await app.register(organisationRegistryPlugin, { cityId: config.CITY_ID, seed: config.ORGANISATIONS_SEED });
  await migrateAdvisorsStorage(app.db);
  await app.register(readModelsPlugin, { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS, ...readModels, run: config.ADVISORS_READ_MODELS_RUN });
  await app.register(monthEndTimersPlugin, {
    fire: config.MONTH_END_TIMERS_FIRE,
    schedule: config.ADVISORS_READ_MODELS_RUN,
    maxSleepMs: config.MONTH_END_TIMERS_MAX_SLEEP_MS,
    engine: { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS, ...readModels },
  });

  await app.register(registerRoutes);
  await app.register(appointmentRoutes);
  await app.register(myAppointmentRoutes);
  await app.register(ledgerEntryRoutes);
  await app.register(reviewRoutes);
  await app.register(ledgerQueryRoutes);
  await app.register(figureRoutes);
  await app.register(evidenceRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
  await app.register(operationsRoutes);

  // An import accepted but not completed when the last process stopped is completed now.
  app.addHook('onReady', async () => {
    const resumed = await completePendingImports({ ...ledgerDepsOf(app), importFiles: importFilesIn(app.db) }, clock());
    if (resumed > 0) app.log.info({ resumed }, 'completed imports left unfinished');
  });
};

/** Not encapsulated: the service is the whole app, and tests reach its decorations. */
export const advisors = fp(advisorsPlugin, {
  name: 'advisors',
  fastify: '5.x',
  dependencies: ['bureau-problem-handlers', 'bureau-health', 'bureau-auth'],
});

export async function buildAdvisorsApp(config: AdvisorsConfig, deps: AdvisorsAppDeps = {}): Promise<App> {
  const app = await buildApp({
    name: 'advisors',
    version: '0.1.0',
    description: 'Village and community legal advisors (村(社区)法律顾问): register, appointments, service ledgers (台账), the monthly review, the on-site minimum, spreadsheet import.',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  });
  await app.register(advisors, { config, clock: deps.clock ?? (() => new Date()), readModels: deps.readModels ?? {} });
  return app;
}
