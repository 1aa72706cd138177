// `pnpm bench:audit`: in one run, against one durable PostgreSQL (scripts/with-postgres.mjs),
//  1. the history of a 1,000-event work order with the state after every event (as the change from the
//     one before, the route's default), over HTTP, 8 concurrent readers (in a worker thread) for 10 s;
//     the same with every whole state (state=full) as a second figure;
//  2. verification of the whole store (≥ 1,000,000 events, every chain recomputed) against the store's
//     full read rate (readAll, nothing done per event), measured alternately in the same run.
// Last line: one JSON object.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { forEachConcurrently, sampleData, sampleMetadata } from '@bureau/event-store/testing/bench';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { signTestToken } from '@bureau/service-kit/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { buildAuditApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { verifyStore } from '../src/verification/verify-store.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs (pnpm bench:audit)');
const TOTAL_EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const READERS = 8;
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 10);
const log = (line: string) => process.stderr.write(`${line}\n`);

const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });

// ---- the 1,000-event work order: dispatched, then urges, notes and assignments (the hotline's own events)
const registry = workOrderEventsFor({ centreOf: () => 'huadu-plsc' });
const workOrderId = randomUUID();
const at = (i: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + i * 60_000).toISOString();
const envelope = (i: number) => ({ correlationId: randomUUID(), causationId: randomUUID(), actor: { id: 'bench', role: 'hotline_platform', organisation: 'gz12345' }, occurredAt: at(i) });
const orderEvents = [registry.toAppend({
  type: 'WorkOrderDispatched',
  data: {
    workOrderId, by: { kind: 'platform', platformId: 'gz12345' }, owner: 'huadu-plsc', externalNumber: 'GZ-BENCH-1', category: 'complaint', unitRole: 'lead',
    citizen: { name: '张三丰', phone: '13812345678' }, content: '投诉：请回电 13812345678', dispatchedAt: at(0), platformDueAt: null,
    signForDueAt: at(120), replyDueAt: at(5000), replyDueSource: 'category_limit', returnWindowEndsAt: at(2000),
    limits: { signForWorkingHours: 2, replyWorkingDays: 5, returnWindowWorkingDays: 2 }, calendarVersion: 'cn-2026.1', officeHours: [{ start: '09:00', end: '12:00' }],
  },
}, { id: randomUUID(), envelope: envelope(0) })];
for (let i = 1; i < 1000; i += 1) {
  const event = i % 10 === 0
    ? { type: 'HandlingNoteAdded' as const, data: { noteId: `note-${i}`, by: { kind: 'staff' as const, staffId: 'staff-li' }, note: `第${i}次跟进，已联系张三丰`, addedAt: at(i) } }
    : i % 10 === 5
      ? { type: 'WorkOrderAssigned' as const, data: { by: { kind: 'staff' as const, staffId: 'supervisor-zhao' }, assigneeStaffId: `staff-${i % 7}`, assignedAt: at(i) } }
      : { type: 'WorkOrderUrged' as const, data: { by: { kind: 'platform' as const, platformId: 'gz12345' }, level: 'urge' as const, note: null, urgedAt: at(i), overdue: false } };
  orderEvents.push(registry.toAppend(event, { id: randomUUID(), envelope: envelope(i) }));
}
for (let i = 0; i < orderEvents.length; i += 250) await store.appendToStream(`hotlineWorkOrder-${workOrderId}`, orderEvents.slice(i, i + 250));

// ---- the rest of the store: 100-event streams appended in 100-event batches, 8 at once
const STREAM_EVENTS = 100;
const fillStreams = Math.ceil((TOTAL_EVENTS - 1000) / STREAM_EVENTS);
const fillStarted = Date.now();
const metadata = sampleMetadata();
await forEachConcurrently(fillStreams, async (s) => {
  const events = Array.from({ length: STREAM_EVENTS }, (_, i) => ({ type: 'BenchEventRecorded', data: sampleData(s * STREAM_EVENTS + i), metadata }));
  await store.appendToStream(`benchCase-${s}`, events, { expectedRevision: 'no_stream' });
  if (s % 1000 === 0) log(`filled ${(s * STREAM_EVENTS).toLocaleString('en')} events`);
}, 8);
log(`store filled: ${(fillStreams * STREAM_EVENTS + 1000).toLocaleString('en')} events in ${Math.round((Date.now() - fillStarted) / 1000)} s`);
// Settle the freshly written table as a production store would be (visibility map, statistics).
{
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('vacuum analyze event_store.events');
  await client.end();
}

// ---- 2. verification vs the full read rate, alternately, twice each
async function readAllRate(): Promise<{ events: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  let n = 0;
  for await (const _ of store.readAll()) n += 1;
  return { events: n, perSecond: n / (Number(process.hrtime.bigint() - started) / 1e9) };
}
async function verifyRate(): Promise<{ events: number; perSecond: number; intact: boolean }> {
  const started = process.hrtime.bigint();
  const verdict = await verifyStore(store);
  return { events: verdict.events, perSecond: verdict.events / (Number(process.hrtime.bigint() - started) / 1e9), intact: verdict.intact };
}
const reads: number[] = [];
const verifies: number[] = [];
let verifiedEvents = 0;
for (let round = 0; round < 2; round += 1) {
  const r = await readAllRate();
  reads.push(r.perSecond);
  log(`readAll: ${r.events.toLocaleString('en')} events at ${Math.round(r.perSecond).toLocaleString('en')}/s`);
  const v = await verifyRate();
  if (!v.intact) throw new Error('the bench store does not verify');
  verifies.push(v.perSecond);
  verifiedEvents = v.events;
  log(`verify: ${v.events.toLocaleString('en')} events at ${Math.round(v.perSecond).toLocaleString('en')}/s`);
}
const readAllPerSecond = Math.max(...reads);
const verifyPerSecond = Math.max(...verifies);

// ---- 1. history over HTTP, 8 readers for 10 s
const JWT_SECRET = 'audit-bench-secret-0123456789abcdef';
const app = await buildAuditApp(loadConfig({
  DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
  AUDIT_ANCHOR_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  AUDIT_ANCHOR_SCHEDULE: 'off', AUDIT_HOTLINE_CENTRE_ID: 'huadu-plsc',
}));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');
const port = address.port;
const authorization = `Bearer ${signTestToken(JWT_SECRET, { sub: 'bench-auditor', role: 'city_auditor', org: 'gz' })}`;

async function historyPhase(query: string): Promise<{ p50: number; p99: number; requests: number }> {
  const url = `http://127.0.0.1:${port}/cases/work-order/${workOrderId}/history?limit=1000${query}`;
  const worker = new Worker(new URL('./history-readers.mjs', import.meta.url), { workerData: { url, authorization, readers: READERS, seconds: SECONDS, expectBytes: 100_000 } });
  const times = await new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
  return { p50: q(0.5), p99: q(0.99), requests: times.length };
}
const changes = await historyPhase('');
log(`history (changes), ${READERS} readers: ${changes.requests} requests, p50 ${changes.p50.toFixed(1)} ms, p99 ${changes.p99.toFixed(1)} ms`);
const full = await historyPhase('&state=full');
log(`history (state=full), ${READERS} readers: ${full.requests} requests, p50 ${full.p50.toFixed(1)} ms, p99 ${full.p99.toFixed(1)} ms`);
await app.close();
await store.close();

process.stdout.write(`${JSON.stringify({
  history_1000_p99_ms: Number(changes.p99.toFixed(1)),
  history_1000_p50_ms: Number(changes.p50.toFixed(1)),
  history_1000_full_state_p99_ms: Number(full.p99.toFixed(1)),
  history_requests: changes.requests,
  verify_events_per_s: Math.round(verifyPerSecond),
  read_all_events_per_s: Math.round(readAllPerSecond),
  verify_vs_read: Number((verifyPerSecond / readAllPerSecond).toFixed(2)),
  events_verified: verifiedEvents,
  targets: { history_1000_p99_ms: '< 100', verify_vs_read: '>= 0.5' },
})}\n`);
