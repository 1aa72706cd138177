// The services the console talks to, built in-process as real HTTP servers on 127.0.0.1, each on a fresh
// PostgreSQL database, and the console in front of them: the browser's calls go through the console's
// proxy to these servers over the wire, with the demo users' tokens.
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator } from '@bureau/hotline-simulator';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig as hotlineConfig } from '@bureau/hotline-service/config';
import { generateKeyPairSync } from 'node:crypto';
import { buildAdvisorsApp } from '@bureau/advisors/app';
import { loadConfig as advisorsConfig } from '@bureau/advisors/config';
import { buildAuditApp } from '@bureau/audit-service/app';
import { loadConfig as auditConfig } from '@bureau/audit-service/config';
import { buildLegalAidApp } from '@bureau/legal-aid/app';
import { loadConfig as legalAidConfig } from '@bureau/legal-aid/config';
import { buildReportsApp } from '@bureau/reports/app';
import { loadConfig as reportsConfig } from '@bureau/reports/config';
import { captureLogs } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import type { FastifyInstance } from 'fastify';
import { buildConsoleApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'console-browser-test-secret-0123456789';
const PLATFORM_ID = 'gz12345';
const PLATFORM_SECRET = 'console-test-shared-secret-0123';

const urlOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function listen(t: Teardown, app: FastifyInstance): Promise<string> {
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  return urlOf(app);
}

/** The bureau's identity provider, for a console and services that take its tokens instead of the development secret's. */
export interface IdentityProviderSettings {
  readonly issuer: string;
  readonly audience: string;
}

const authEnv = (oidc: IdentityProviderSettings | undefined) => (oidc ? { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: oidc.audience } : { JWT_SECRET });

/** The hotline service and the city platform's simulator, wired to each other. */
export async function startHotline(t: Teardown, oidc?: IdentityProviderSettings) {
  const platform: Simulator = createSimulator({
    platformId: PLATFORM_ID, secret: PLATFORM_SECRET, webhookUrl: 'http://127.0.0.1:9/not-yet',
    retry: { tries: 3, backoffMs: 50, timeoutMs: 5_000 }, orderPrefix: 'GZE',
  });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => platform.close());
  const databaseUrl = await freshDatabase(t, 'console_hotline');
  const config = hotlineConfig({
    DATABASE_URL: databaseUrl, ...authEnv(oidc), LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    HOTLINE_CENTRE_ID: 'huadu-plsc', PLATFORM_ID, PLATFORM_SECRET, PLATFORM_BASE_URL: urlOf(platform.app),
    OUTBOX_RETRY_BASE_MS: '100', OUTBOX_RETRY_MAX_DELAY_MS: '400', OUTBOX_RETRY_MAX_ATTEMPTS: '100000', OUTBOX_POLL_MS: '200',
  });
  const hotline = await buildHotlineApp(config, { logStream: captureLogs().stream });
  const url = await listen(t, hotline);
  platform.setWebhookUrl(`${url}/integrations/12345/${PLATFORM_ID}/messages`);
  return { platform, hotline, url, databaseUrl };
}

export async function startLegalAid(t: Teardown) {
  const databaseUrl = await freshDatabase(t, 'console_legal_aid');
  const config = legalAidConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    LEGAL_AID_IDENTITY_HASH_KEY: 'console-test-identity-hash-key-0123456789',
  });
  const legalAid = await buildLegalAidApp(config, { logStream: captureLogs().stream, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  const url = await listen(t, legalAid);
  return { legalAid, url, databaseUrl };
}

/** The report service, reading the event store given (the walk-ins are legal aid's: one database, as deployed). */
export async function startReports(t: Teardown, databaseUrl: string) {
  const config = reportsConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' });
  const reports = await buildReportsApp(config, { logStream: captureLogs().stream, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  return { reports, url: await listen(t, reports) };
}

/** The audit service, reading the hotline's event store (one database, as deployed). */
export async function startAudit(t: Teardown, databaseUrl: string) {
  const config = auditConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    AUDIT_ANCHOR_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_ANCHOR_SCHEDULE: 'off', AUDIT_HOTLINE_CENTRE_ID: 'huadu-plsc',
  });
  const audit = await buildAuditApp(config, {});
  return { audit, url: await listen(t, audit) };
}

/** The advisors service (村居法律顾问) with the demo city's registry, on its own database, on the real clock. */
export async function startAdvisors(t: Teardown) {
  const databaseUrl = await freshDatabase(t, 'console_advisors');
  const config = advisorsConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' });
  const advisors = await buildAdvisorsApp(config, { logStream: captureLogs().stream, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  return { advisors, url: await listen(t, advisors), databaseUrl };
}

/**
 * The console in front of the services given (the others' URLs lead nowhere: port 9): with the development
 * sign-in, or with the identity provider given and no development sign-in.
 */
export async function startConsole(t: Teardown, upstreams: { hotline?: string; legalAid?: string; audit?: string; advisors?: string; reports?: string }, oidc?: IdentityProviderSettings) {
  const nowhere = 'http://127.0.0.1:9';
  const config = loadConfig({
    ...(oidc ? authEnv(oidc) : { JWT_SECRET, CONSOLE_DEV_SIGN_IN: 'true' }), CITY_ID: 'gz', NODE_ENV: 'test', LOG_LEVEL: 'warn',
    HOTLINE_URL: upstreams.hotline ?? nowhere, LEGAL_AID_URL: upstreams.legalAid ?? nowhere,
    ADVISORS_URL: upstreams.advisors ?? nowhere, AUDIT_URL: upstreams.audit ?? nowhere, REPORTS_URL: upstreams.reports ?? nowhere,
  });
  const app = await buildConsoleApp(config, { logStream: captureLogs().stream });
  return { app, url: await listen(t, app) };
}
