// Where a long case's history spends its time (issue 19: the 1,000-event history): each step of the
// route timed alone, on the bench's 1,000-event work order, cold (first look) and warm (cached replay),
// then the route itself over inject. `node scripts/with-postgres.mjs tsx services/audit/bench/history-profile.ts`
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { signTestToken } from '@bureau/service-kit/testing';
import { generateKeyPairSync } from 'node:crypto';
import { recordViewAlone } from './floor-route.js';
import { buildAuditApp } from '../src/app.js';
import { caseKinds } from '../src/cases/kinds.js';
import { loadConfig } from '../src/config.js';
import { historyPage } from '../src/history/history-view.js';
import { readStreamEvents } from '../src/history/read-case.js';
import { masked, personalDataIn } from '../src/privacy/mask.js';
import { appendLongWorkOrder } from './long-order.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs');
const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });
const workOrderId = await appendLongWorkOrder(store);
const kind = caseKinds({ centreOf: () => 'huadu-plsc' }).get('work-order');
if (!kind) throw new Error('no work-order kind');

const timings: Record<string, number> = {};
async function time<T>(name: string, fn: () => T | Promise<T>, runs = 20): Promise<T> {
  let result = await fn();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) result = await fn();
  timings[name] = Number(((performance.now() - started) / runs).toFixed(2));
  return result;
}
const stream = `hotlineWorkOrder-${workOrderId}`;
const events = (await time('read stream (1,000 events)', () => readStreamEvents(store, stream))) ?? [];
const steps = await time('replay (registry + evolve, 1,000)', () => kind.replay(events));
const personal = await time('personal data found', () => personalDataIn(steps.map((s) => s.event.data)));
const opened = { kind, caseId: workOrderId, streamName: stream, steps, owners: ['huadu-plsc'], personal, rendered: new Map<string, Buffer>() };
const show = (v: unknown) => masked(v, personal);
const page = await time('render 1,000 entries (changes, masked)', () => historyPage(opened, 0, 1000, false, show, kind.initialState()));
await time('render 100 entries (changes, masked)', () => historyPage(opened, 0, 100, false, show, kind.initialState()));
await time('render 1,000 entries (full, masked)', () => historyPage(opened, 0, 1000, true, show, kind.initialState()), 5);
await time('render 1,000 entries (changes, unmasked)', () => historyPage(opened, 0, 1000, false, (v) => v, kind.initialState()));
await time('JSON.stringify 1,000 entries', () => JSON.stringify(page));
const viewer = { id: 'a', role: 'city_auditor', organisation: 'gz' };
await time('record the view (CaseViewed append, alone)', () => recordViewAlone(store, { viewer, requestId: 'r', caseKind: 'work-order', caseId: workOrderId, owners: ['huadu-plsc'], view: 'history', personalDataFields: personal.fields, unmasked: false, at: new Date() }, 'by-id'));
timings['bytes of 1,000 entries'] = JSON.stringify(page).length;

const JWT_SECRET = 'audit-bench-secret-0123456789abcdef';
const app = await buildAuditApp(loadConfig({
  DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
  AUDIT_ANCHOR_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  AUDIT_ANCHOR_SCHEDULE: 'off', AUDIT_HOTLINE_CENTRE_ID: 'huadu-plsc', AUDIT_CASE_CACHE_SIZE: '0',
}));
const authorization = `Bearer ${signTestToken(JWT_SECRET, { sub: 'bench-auditor', role: 'city_auditor', org: 'gz' })}`;
const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { authorization } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
};
const base = `/cases/work-order/${workOrderId}/history`;
await time('route, no cache: limit=1000', () => get(`${base}?limit=1000`), 10);
await time('route, no cache: first page (limit=100)', () => get(`${base}?limit=100`), 10);
await time('route, no cache: last page (fromRevision=900, limit=100)', () => get(`${base}?fromRevision=900&limit=100`), 10);
await app.close();
await store.close();
for (const [k, v] of Object.entries(timings)) process.stderr.write(`${k.padEnd(60)} ${v}\n`);
process.stdout.write(`${JSON.stringify(timings)}\n`);
