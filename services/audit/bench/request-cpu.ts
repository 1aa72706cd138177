// What one request costs the machine (issue 19: with 8 readers on 2 cores, p99 is about 8 x the CPU of a
// request): the floor (authenticate + record the view) and the history's 100-event pages (every page in
// turn, warm), 8 readers in another process for AUDIT_BENCH_SECONDS (default 5) each, alternately, twice;
// per phase the service process's CPU per request and its PostgreSQL's (own server), and the latencies.
// Also the time inside the service (onRequest to onResponse) and in the view's append. Run:
// `node scripts/with-postgres.mjs tsx services/audit/bench/request-cpu.ts`; to profile the service alone
// (the readers are another process): `node scripts/with-postgres.mjs $(which node) --cpu-prof
// --cpu-prof-dir=DIR --import tsx services/audit/bench/request-cpu.ts`.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { signTestToken } from '@bureau/service-kit/testing';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildAuditApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startCpuMeter } from '../../hotline/bench/cpu-meter.js';
import { addFloorRoute } from './floor-route.js';
import { appendLongWorkOrder } from './long-order.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs');
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 5);
const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });
const workOrderId = await appendLongWorkOrder(store);
await store.close();
const JWT_SECRET = 'audit-bench-secret-0123456789abcdef';
const app = await buildAuditApp(loadConfig({
  DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
  AUDIT_ANCHOR_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  AUDIT_ANCHOR_SCHEDULE: 'off', AUDIT_HOTLINE_CENTRE_ID: 'huadu-plsc',
}));
addFloorRoute(app, workOrderId);
// Where the time goes inside the service: each request from its arrival to its response, and each
// append (the view's record) from its call to its commit.
const served: number[] = [];
const appends: number[] = [];
const arrived = new WeakMap<object, number>();
app.addHook('onRequest', async (request) => { arrived.set(request, performance.now()); });
app.addHook('onResponse', async (request) => { served.push(performance.now() - (arrived.get(request) ?? Number.NaN)); });
const append = app.eventStore.appendToStream.bind(app.eventStore);
Object.assign(app.eventStore, {
  appendToStream: async (...args: Parameters<typeof append>) => {
    const started = performance.now();
    try { return await append(...args); } finally { appends.push(performance.now() - started); }
  },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');
const authorization = `Bearer ${signTestToken(JWT_SECRET, { sub: 'bench-auditor', role: 'city_auditor', org: 'gz' })}`;
const base = `http://127.0.0.1:${address.port}`;
const readers = fileURLToPath(new URL('./readers-process.mjs', import.meta.url));

interface Phase { name: string; requests: number; p50: number; p99: number; serviceCpuUs: number; postgresCpuUs: number | null; served: string; appended: string; readersCpuUs: number; serviceSystemCpuUs: number }
const percentiles = (times: number[]) => {
  const sorted = times.splice(0).sort((a, b) => a - b);
  const q = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN).toFixed(1);
  return `p50 ${q(0.5)} / p99 ${q(0.99)} ms`;
};
async function phase(name: string, urls: string[], expectBytes: number): Promise<Phase> {
  served.length = 0;
  appends.length = 0;
  const meter = startCpuMeter();
  const cpuBefore = process.cpuUsage();
  const { stdout } = await promisify(execFile)(process.execPath, [readers, JSON.stringify({ urls, authorization, readers: 8, seconds: SECONDS, expectBytes })], { maxBuffer: 64 * 1024 * 1024 });
  const spent = meter();
  const cpu = process.cpuUsage(cpuBefore);
  const { requests, cpuUs } = JSON.parse(stdout) as { requests: number[]; cpuUs: number };
  const q = (p: number) => Number((requests[Math.min(requests.length - 1, Math.floor(p * requests.length))] ?? Number.NaN).toFixed(1));
  // The readers' warm-up pass (one walk) is counted in the CPU too: + urls.length.
  const n = requests.length + urls.length;
  const result = { name, requests: requests.length, p50: q(0.5), p99: q(0.99), serviceCpuUs: Math.round(spent.processUs / n), postgresCpuUs: spent.postgresUs === undefined ? null : Math.round(spent.postgresUs / n), served: percentiles(served), appended: percentiles(appends), readersCpuUs: Math.round(cpuUs / n), serviceSystemCpuUs: Math.round(cpu.system / n) };
  process.stderr.write(`${name.padEnd(8)} ${String(result.requests).padStart(6)} requests  p50 ${result.p50} ms  p99 ${result.p99} ms  CPU/request: service ${result.serviceCpuUs} µs (system ${result.serviceSystemCpuUs}), PostgreSQL ${result.postgresCpuUs} µs, the readers ${result.readersCpuUs} µs; in the service ${result.served}, the view's append ${result.appended}\n`);
  return result;
}
const pages = Array.from({ length: 10 }, (_, i) => `${base}/cases/work-order/${workOrderId}/history?fromRevision=${i * 100}&limit=100`);
const phases: Phase[] = [];
for (let round = 0; round < 2; round += 1) {
  phases.push(await phase('floor', [`${base}/bench/floor`], 10));
  phases.push(await phase('pages', pages, 10_000));
}
await app.close();
process.stdout.write(`${JSON.stringify(phases)}\n`);
