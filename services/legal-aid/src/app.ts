// The legal-aid service (法律援助) as a plugin on the kit's app: its resources (pool, event store, the
// city's organisation registry, the working-day calendar, read models, durable timers, the number
// reconciler) and its routes. server.ts and the tests both build it here.
import { calendarRoutes } from '@bureau/calendar-book';
import { organisationRegistryPlugin } from '@bureau/organisations';
import { authOptionsFrom, buildApp, eventStorePlugin, openEventStore, pgPoolPlugin, type App } from '@bureau/service-kit';
import type { OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DestinationStream } from 'pino';
import { legalAidCalendarPlugin } from './calendar/calendar-plugin.js';
import { provisionalDeadlinesPlugin } from './calendar/provisional-deadlines.js';
import type { LegalAidCommandDeps } from './commands/run-legal-aid-command.js';
import type { LegalAidConfig } from './config.js';
import { legalAidRules, officeOf, type LegalAidRules, type OfficeDirectory } from './domain/index.js';
import { NumberAllocator } from './numbering/allocator.js';
import { reconcileNumbers } from './numbering/reconciler.js';
import { UnprojectedAllocations } from './numbering/unprojected-allocations.js';
import { scanRoutes } from './routes/scans.js';
import { migrateLegalAidStorage } from './storage/migrations.js';
import { officeDirectoryOf } from './organisation/offices.js';
import { readModelsPlugin, type ReadModelsTimings } from './read-models/read-models-plugin.js';
import { fileCommandRoutes } from './routes/file-commands.js';
import { fileRoute } from './routes/file.js';
import { scanReadRoute } from './routes/scan-read.js';
import { lawyerRoutes } from './routes/lawyer.js';
import { listRoutes } from './routes/lists.js';
import { lawyerRegistryRoutes } from './routes/lawyer-registry.js';
import { operationsRoutes } from './routes/operations.js';
import { newFileRoutes } from './routes/new-files.js';
import { CALENDAR_ADMINS } from './routes/roles.js';
import { documentRoutes } from './routes/documents.js';
import { submitRoute } from './routes/submit.js';
import { walkInRoutes } from './routes/walk-ins.js';
import { walkInsReadModelPlugin } from './read-models/walk-ins.js';
import { PdfRenderer } from '@bureau/printing';
import { legalAidTimersPlugin } from './timers/deadline-timers.js';

/** What tests (and only tests) replace. */
export interface LegalAidAppDeps {
  readonly clock?: () => Date;
  readonly logStream?: DestinationStream;
  readonly readModels?: ReadModelsTimings;
  /** Run the number reconciler on a timer (default true; tests call app.legalAidNumbers.reconcile()). */
  readonly reconcileOnTimer?: boolean;
}

interface LegalAidOptions {
  readonly config: LegalAidConfig;
  readonly clock: () => Date;
  readonly readModels: ReadModelsTimings;
  readonly reconcileOnTimer: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    legalAidNumbers: {
      /** The one writer per numbering stream in this process (allocator.ts). */
      readonly allocator: NumberAllocator;
      /** What this process read of the allocations the files projection has not applied yet (the duplicate check). */
      readonly unprojected: UnprojectedAllocations;
      reconcile(graceMs?: number): Promise<number>;
    };
  }
}

/** The rules for an acting organisation: its office's district limits on the official calendar, cached per calendar. */
function rulesFor(app: FastifyInstance, config: LegalAidConfig, offices: () => OfficeDirectory) {
  const cache = new WeakMap<OfficialWorkingCalendar, Map<string, LegalAidRules>>();
  return (organisationId: string): LegalAidRules => {
    const calendar = app.legalAidCalendarBook.calendarFor();
    const office = officeOf(offices(), organisationId) ?? '';
    const byOffice = cache.get(calendar) ?? new Map<string, LegalAidRules>();
    cache.set(calendar, byOffice);
    let rules = byOffice.get(office);
    if (!rules) {
      rules = legalAidRules(calendar, { ...config.limits, ...config.districtLimits[office] });
      byOffice.set(office, rules);
    }
    return rules;
  };
}

const legalAidPlugin = async (app: FastifyInstance, { config, clock, readModels, reconcileOnTimer }: LegalAidOptions) => {
  await app.register(pgPoolPlugin, { connectionString: config.DATABASE_URL });
  await app.register(eventStorePlugin, { create: () => openEventStore(config) });
  await app.register(organisationRegistryPlugin, { cityId: config.CITY_ID, seed: config.ORGANISATIONS_SEED });
  await app.register(legalAidCalendarPlugin, { officeHours: config.LEGAL_AID_OFFICE_HOURS });
  await migrateLegalAidStorage(app.db);

  // The office directory is rebuilt only when the registry's state changes.
  let directory: { state: unknown; offices: OfficeDirectory } | undefined;
  const offices = (): OfficeDirectory => {
    const state = app.organisations.current();
    if (directory?.state !== state) directory = { state, offices: officeDirectoryOf(state) };
    return directory.offices;
  };
  const deps: LegalAidCommandDeps = {
    store: app.eventStore,
    rulesFor: rulesFor(app, config, offices),
    offices,
    refreshCalendar: () => app.legalAidCalendarBook.refresh(),
  };
  app.decorate('legalAid', { config, clock, deps });
  await app.register(readModelsPlugin, { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS, ...readModels, hashKey: config.LEGAL_AID_IDENTITY_HASH_KEY });
  await app.register(legalAidTimersPlugin, {
    deps: { ...deps, cityId: config.CITY_ID }, clock, maxSleepMs: config.DEADLINE_TIMERS_MAX_SLEEP_MS, fire: config.DEADLINE_TIMERS_FIRE, run: config.DEADLINE_TIMERS_RUN, busyLingerMs: config.PROJECTION_BUSY_LINGER_MS,
  });

  // Limits counted provisionally (no official calendar for their year yet) are counted again on load.
  await app.register(provisionalDeadlinesPlugin, { clock, deps: { ...deps, cityId: config.CITY_ID } });

  // The reconciler: every number allocated gets its application, even when its request died in between.
  const reconcile = (graceMs?: number) =>
    reconcileNumbers({ store: app.eventStore, db: app.legalAidReadModels.db, logger: app.log, ...(graceMs !== undefined ? { graceMs } : {}) });
  const unprojected = new UnprojectedAllocations(app.eventStore);
  app.decorate('legalAidNumbers', { allocator: new NumberAllocator(app.eventStore, (stream, appended) => unprojected.noteAppended(stream, appended)), unprojected, reconcile });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  if (reconcileOnTimer) {
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        running = running.then(() => reconcile()).catch((error: unknown) => app.log.error({ err: error }, 'number reconciler failed'));
      }, config.NUMBER_RECONCILE_INTERVAL_MS);
      timer.unref();
    });
  }
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });

  await app.register(submitRoute);
  await app.register(newFileRoutes);
  await app.register(fileRoute);
  await app.register(scanReadRoute);
  // The assigned lawyer's cases and reports.
  await app.register(lawyerRoutes);
  await app.register(async (scope) => {
    for (const register of fileCommandRoutes) register(scope);
  });
  await app.register(listRoutes);
  await app.register(walkInsReadModelPlugin, { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS, ...readModels });
  await app.register(walkInRoutes);
  // The lawyer registry (法律援助律师名册) and the suggestions by load.
  await app.register(lawyerRegistryRoutes);
  await app.register(operationsRoutes);
  // Documents (受理回执): one headless Chromium for the process, launched on first use.
  const renderer = new PdfRenderer();
  app.decorate('legalAidPdf', { pdf: (html: string) => renderer.pdf(html), screenshot: (html: string) => renderer.screenshot(html) });
  app.addHook('onClose', () => renderer.close());
  await app.register(documentRoutes);
  // Scans of the documents handed in, by content hash.
  await app.register(scanRoutes);
  await app.register(calendarRoutes({ decoration: 'legalAidCalendarBook', adminRoles: [...CALENDAR_ADMINS] }), { clock });
};

/** Not encapsulated: the service is the whole app, and tests reach its decorations. */
export const legalAid = fp(legalAidPlugin, { name: 'legal-aid', fastify: '5.x', dependencies: ['bureau-problem-handlers', 'bureau-health', 'bureau-auth'] });

export async function buildLegalAidApp(config: LegalAidConfig, deps: LegalAidAppDeps = {}): Promise<App> {
  const app = await buildApp({
    name: 'legal-aid',
    version: '0.1.0',
    description: 'Legal-aid applications and notified cases (法律援助) of a city\'s districts: 受理, 市域通办, review, decision, assignment, objection, closing.',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  });
  await app.register(legalAid, { config, clock: deps.clock ?? (() => new Date()), readModels: deps.readModels ?? {}, reconcileOnTimer: deps.reconcileOnTimer ?? true });
  return app;
}
