// The audit service (审计) as a plugin on the kit's app: the pool and event store it shares with the other
// services, the organisation registry (who reaches which case), the case kinds (each owning service's own
// registry and evolve), the anchor schedule, the verification jobs, and the routes.
import { organisationRegistryPlugin } from '@bureau/organisations';
import { PdfRenderer } from '@bureau/printing';
import { authOptionsFrom, buildApp, eventStoreKind, eventStorePlugin, openEventStore, pgPoolPlugin, type App } from '@bureau/service-kit';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { AccessLogWriter } from './access-log/access-log-writer.js';
import { startAnchorSchedule } from './anchors/anchor-schedule.js';
import { migrateAudit } from './anchors/migrate.js';
import type { AnchorContext } from './anchors/make-anchor.js';
import type { CaseKind } from './cases/case-kind.js';
import { caseKinds } from './cases/kinds.js';
import { CaseCache } from './history/case-cache.js';
import type { AuditConfig } from './config.js';
import { accessLogRoute } from './routes/access-log.js';
import { anchorRoutes } from './routes/anchors.js';
import { caseRoutes } from './routes/cases.js';
import { exportRoutes } from './routes/exports.js';
import { verificationJobRoutes } from './routes/verification-jobs.js';
import { eventCounter } from './verification/count-events.js';
import { storedEventsReader } from './verification/stored-events.js';
import { VerificationJobs } from './verification/verification-jobs.js';

export interface AuditAppDeps {
  readonly clock?: () => Date;
  readonly logStream?: DestinationStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: {
      readonly config: AuditConfig;
      readonly clock: () => Date;
      readonly kinds: ReadonlyMap<string, CaseKind>;
      readonly jobs: VerificationJobs;
      readonly anchors: AnchorContext;
      /** Replayed cases kept while their streams do not move. */
      readonly cases: CaseCache;
      /** Every view of a case, recorded before it is shown (concurrent views share a commit). */
      readonly accessLog: AccessLogWriter;
      /** The case report as PDF: one headless Chromium for the process, launched on first use. */
      readonly printer: { pdf(html: string): Promise<Buffer>; screenshot(html: string): Promise<Buffer> };
    };
  }
}

interface AuditOptions {
  readonly config: AuditConfig;
  readonly clock: () => Date;
}

const auditPlugin: FastifyPluginAsyncZod<AuditOptions> = async (app, { config, clock }) => {
  await app.register(pgPoolPlugin, { connectionString: config.DATABASE_URL });
  await app.register(eventStorePlugin, { create: () => openEventStore(config) });
  await app.register(organisationRegistryPlugin, { cityId: config.CITY_ID, seed: config.ORGANISATIONS_SEED });
  await migrateAudit(app.db);

  const centres = config.AUDIT_HOTLINE_PLATFORM_CENTRES;
  const kinds = caseKinds({ centreOf: (platformId) => centres[platformId] ?? config.AUDIT_HOTLINE_CENTRE_ID });
  const anchors: AnchorContext = {
    store: app.eventStore,
    pool: app.pg,
    cityId: config.CITY_ID,
    keys: { privateKey: config.AUDIT_ANCHOR_SIGNING_KEY, publicKey: config.anchorPublicKey },
    now: clock,
  };
  const jobs = new VerificationJobs({
    store: app.eventStore,
    cityId: config.CITY_ID,
    now: clock,
    log: app.log,
    threads: config.AUDIT_VERIFY_THREADS,
    countEvents: eventCounter(config, app.pg),
    ...(eventStoreKind(config) === 'postgres' ? { storedEvents: storedEventsReader(app.pg) } : {}),
  });
  const renderer = new PdfRenderer();
  const printer = { pdf: (html: string) => renderer.pdf(html), screenshot: (html: string) => renderer.screenshot(html) };
  const accessLog = new AccessLogWriter(app.eventStore);
  app.decorate('audit', { config, clock, kinds, jobs, anchors, cases: new CaseCache(config.AUDIT_CASE_CACHE_SIZE), accessLog, printer });
  app.addHook('onClose', () => accessLog.drained());
  app.addHook('onClose', () => jobs.close());
  app.addHook('onClose', () => renderer.close());

  if (config.AUDIT_ANCHOR_SCHEDULE === 'on') {
    app.addHook('onReady', async () => {
      const schedule = startAnchorSchedule(anchors, {
        intervalMs: config.AUDIT_ANCHOR_INTERVAL_MINUTES * 60_000,
        checkMs: config.AUDIT_ANCHOR_CHECK_MS,
        log: app.log,
      });
      app.addHook('onClose', () => schedule.stop());
    });
  }

  await app.register(caseRoutes);
  await app.register(exportRoutes);
  await app.register(verificationJobRoutes);
  await app.register(anchorRoutes);
  await app.register(accessLogRoute);
};

/** Not encapsulated: the service is the whole app, and tests reach its decorations. */
export const audit = fp(auditPlugin, {
  name: 'audit',
  fastify: '5.x',
  dependencies: ['bureau-problem-handlers', 'bureau-health', 'bureau-auth'],
});

export async function buildAuditApp(config: AuditConfig, deps: AuditAppDeps = {}): Promise<App> {
  const app = await buildApp({
    name: 'audit',
    version: '0.1.0',
    description: 'Audit (审计): case histories replayed with the owning services\' own rules, proof they are untampered, and a record of who looked.',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  });
  await app.register(audit, { config, clock: deps.clock ?? (() => new Date()) });
  return app;
}
