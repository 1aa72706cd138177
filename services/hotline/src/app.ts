// The hotline service (12345 工单) as a plugin on the kit's app: its resources (pool, event store,
// working-day calendar, read models) and its routes. server.ts and the tests both build it here.
import { authOptionsFrom, buildApp, eventStorePlugin, openEventStore, pgPoolPlugin, type App } from '@bureau/service-kit';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { hotlineCalendarPlugin } from './calendar/calendar-plugin.js';
import { provisionalDeadlinesPlugin } from './calendar/provisional-deadlines.js';
import { outboxOptionsFrom, outboxPlugin } from './outbox/index.js';
import type { HotlineConfig } from './config.js';
import { workOrderEventsFor, type WorkOrderEventRegistry } from './events/work-order-events.js';
import { organisationRegistryPlugin, organisationRegistryRoutes } from '@bureau/organisations';
import { readModelsPlugin, type ReadModelsTimings } from './read-models/read-models-plugin.js';
import { calendarRoutes } from './routes/calendar.js';
import { monthlyReportRoute } from './routes/monthly-report.js';
import { operationsRoutes } from './routes/operations.js';
import type { HotlineRouteOptions } from './routes/options.js';
import { addNoteRoute } from './routes/staff/add-note.js';
import { assignRoute } from './routes/staff/assign.js';
import { replyRoute } from './routes/staff/reply.js';
import { requestExtensionRoute } from './routes/staff/request-extension.js';
import { requestReturnRoute } from './routes/staff/request-return.js';
import { signForRoute } from './routes/staff/sign-for.js';
import { timelineRoute } from './routes/timeline.js';
import { deliveryConflictsRoute } from './routes/delivery-conflicts.js';
import { webhookRoute } from './routes/webhook.js';
import { workOrderRoute } from './routes/work-order.js';
import { worklistRoute } from './routes/worklist.js';
import { deadlineTimersPlugin } from './timers/index.js';

/** What tests (and only tests) replace. */
export interface HotlineAppDeps {
  /** The service's clock: decisions of the centre's commands, overdue flags, the signature window. */
  readonly clock?: () => Date;
  readonly logStream?: DestinationStream;
  /** Projection engine timings. */
  readonly readModels?: ReadModelsTimings;
}

interface HotlineOptions {
  readonly config: HotlineConfig;
  readonly clock: () => Date;
  readonly readModels: ReadModelsTimings;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The parsed configuration (platforms with their secrets and base URLs, limits) and the clock. */
    hotline: { readonly config: HotlineConfig; readonly clock: () => Date; readonly events: WorkOrderEventRegistry };
  }
}

const hotlinePlugin: FastifyPluginAsyncZod<HotlineOptions> = async (app, { config, clock, readModels }) => {
  const events = workOrderEventsFor(config.ownership);
  app.decorate('hotline', { config, clock, events });
  await app.register(pgPoolPlugin, { connectionString: config.DATABASE_URL });
  await app.register(eventStorePlugin, {
    // The configured store (EventStoreDB when EVENTSTORE_URL is set); the PostgreSQL one brings its schema up
    // to date before the service takes requests.
    create: () => openEventStore(config, { groupCommit: { maxInFlight: config.EVENT_STORE_COMMITS_IN_FLIGHT } }),
  });
  // Who reaches which orders: the city's organisation registry (and its routes, for the city administrator).
  await app.register(organisationRegistryPlugin, { cityId: config.CITY_ID, seed: config.ORGANISATIONS_SEED });
  // An owner the registry does not know makes the orders visible to the city-wide roles only: say so.
  app.readiness.warn('organisations', async () => {
    const known = app.organisations.current().organisations;
    const centres = [...new Set([config.HOTLINE_CENTRE_ID, ...config.platforms.map((p) => config.ownership.centreOf(p.id))])];
    const unknown = centres.filter((id) => known.get(id)?.kind !== 'public_legal_service_centre');
    return unknown.length === 0 ? null : `the centre(s) ${unknown.join(', ')} owning this service's orders are not public legal service centres in the organisation registry of ${config.CITY_ID}: only city-wide roles see their orders`;
  });
  await app.register(hotlineCalendarPlugin, { limits: config.limits, officeHours: config.HOTLINE_OFFICE_HOURS });
  // Tests' timings (readModels) win over the configured linger.
  await app.register(readModelsPlugin, { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS, ...readModels, events });

  // Deadlines counted provisionally (no official calendar for their year yet) are counted again on load.
  await app.register(provisionalDeadlinesPlugin, { clock, events });

  // The outbox to the platform (src/outbox) and the durable deadline timers (src/timers).
  await app.register(outboxPlugin, outboxOptionsFrom(config, clock));
  await app.register(deadlineTimersPlugin, {
    clock,
    events,
    fire: config.DEADLINE_TIMERS_FIRE,
    maxSleepMs: config.DEADLINE_TIMERS_MAX_SLEEP_MS,
    engine: { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS },
  });

  const routeOptions: HotlineRouteOptions = { platforms: config.platforms, clock, readYourWritesWaitMs: config.READ_YOUR_WRITES_WAIT_MS };
  await app.register(webhookRoute, routeOptions);
  await app.register(deliveryConflictsRoute);
  for (const route of [signForRoute, addNoteRoute, assignRoute, requestReturnRoute, requestExtensionRoute, replyRoute]) {
    await app.register(route, routeOptions);
  }
  await app.register(worklistRoute, routeOptions);
  await app.register(workOrderRoute, routeOptions);
  await app.register(timelineRoute);
  await app.register(monthlyReportRoute, routeOptions);
  await app.register(calendarRoutes, routeOptions);
  await app.register(operationsRoutes);
  await app.register(organisationRegistryRoutes, { adminRoles: ['city_administrator'], clock });
};

/** Not encapsulated: the service is the whole app, and tests reach its decorations. */
export const hotline = fp(hotlinePlugin, {
  name: 'hotline',
  fastify: '5.x',
  dependencies: ['bureau-problem-handlers', 'bureau-health', 'bureau-auth'],
});

export async function buildHotlineApp(config: HotlineConfig, deps: HotlineAppDeps = {}): Promise<App> {
  const app = await buildApp({
    name: 'hotline',
    version: '0.1.0',
    description: '12345 hotline work orders (工单) of the district public legal service centre.',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  });
  await app.register(hotline, { config, clock: deps.clock ?? (() => new Date()), readModels: deps.readModels ?? {} });
  return app;
}
