// `pnpm bench:audit`: in one run, against one durable PostgreSQL (scripts/with-postgres.mjs),
//  1. the history of a 1,000-event work order with the state after every event (as the change from the
//     one before, the route's default), over HTTP, 8 concurrent readers (in a worker thread) for 10 s each
//     phase: page by page (100 events a page, every page in turn: history_1000_p99_ms is per page, with
//     the whole walk's p99 beside it), the first page alone, pages with state=full, and, as the bench
//     measured before the history paged, all 1,000 in one response (changes, and state=full);
//  2. verification of the whole store (≥ 1,000,000 events, every chain recomputed) against the store's
//     full read rate (readAll, nothing done per event), measured alternately in the same run: the
//     events' text hashed as stored (the service's way on PostgreSQL), parsed through readAll (the way on
//     EventStoreDB), and, if AUDIT_VERIFY_THREADS is set, parsed with the hashing on worker threads.
// Last line: one JSON object.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { forEachConcurrently, sampleData, sampleMetadata } from '@bureau/event-store/testing/bench';
import { signTestToken } from '@bureau/service-kit/testing';
import { generateKeyPairSync } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ACCESS_LOG_SHARDS } from '../src/events/audit-events.js';
import { buildAuditApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { storedEventsReader } from '../src/verification/stored-events.js';
import { verifyStore } from '../src/verification/verify-store.js';
import { addFloorRoute } from './floor-route.js';
import { appendLongWorkOrder } from './long-order.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs (pnpm bench:audit)');
const TOTAL_EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const READERS = 8;
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 10);
const log = (line: string) => process.stderr.write(`${line}\n`);

const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });
const JWT_SECRET = 'audit-bench-secret-0123456789abcdef';
const benchEnv = {
  DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
  AUDIT_ANCHOR_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  AUDIT_ANCHOR_SCHEDULE: 'off', AUDIT_HOTLINE_CENTRE_ID: 'huadu-plsc',
};

// ---- the 1,000-event work order: dispatched, then urges, notes and assignments (the hotline's own events)
const workOrderId = await appendLongWorkOrder(store);

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
type VerifyWay = 'stored' | 'parsed' | number;
/** 'stored': the service's way on PostgreSQL (the events' text hashed as stored); 'parsed': through readAll (EventStoreDB's way); a number: worker threads. */
async function verifyRate(way: VerifyWay): Promise<{ events: number; perSecond: number; intact: boolean }> {
  const started = process.hrtime.bigint();
  const verdict = await verifyStore(store, way === 'stored' ? { storedEvents: storedEventsReader(store.pool) } : way === 'parsed' ? {} : { threads: way });
  return { events: verdict.events, perSecond: verdict.events / (Number(process.hrtime.bigint() - started) / 1e9), intact: verdict.intact };
}
// The worker threads only when AUDIT_VERIFY_THREADS asks (slower than the main thread on this machine, README).
const THREADS = process.env.AUDIT_VERIFY_THREADS ? Number(process.env.AUDIT_VERIFY_THREADS) : 0;
const ways: VerifyWay[] = ['stored', 'parsed', ...(THREADS > 0 ? [THREADS] : [])];
const reads: number[] = [];
const verifies = new Map<VerifyWay, number[]>(ways.map((w) => [w, []]));
let verifiedEvents = 0;
for (let round = 0; round < 2; round += 1) {
  const r = await readAllRate();
  reads.push(r.perSecond);
  log(`readAll: ${r.events.toLocaleString('en')} events at ${Math.round(r.perSecond).toLocaleString('en')}/s`);
  for (const way of ways) {
    const v = await verifyRate(way);
    if (!v.intact) throw new Error('the bench store does not verify');
    verifies.get(way)!.push(v.perSecond);
    verifiedEvents = v.events;
    log(`verify (${way === 'stored' ? 'hashed as stored' : way === 'parsed' ? 'parsed, through readAll' : `${way} worker thread(s)`}): ${v.events.toLocaleString('en')} events at ${Math.round(v.perSecond).toLocaleString('en')}/s`);
  }
}
const readAllPerSecond = Math.max(...reads);
const bestOf = (way: VerifyWay) => Math.max(...(verifies.get(way) ?? [Number.NaN]));
// The headline figure: the service's way on PostgreSQL (the jobs and the CLI).
const verifyPerSecond = bestOf('stored');
const verifyParsedPerSecond = bestOf('parsed');

// ---- 1. history over HTTP, 8 readers for 10 s
const app = await buildAuditApp(loadConfig(benchEnv));
addFloorRoute(app, workOrderId);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');
const port = address.port;
const authorization = `Bearer ${signTestToken(JWT_SECRET, { sub: 'bench-auditor', role: 'city_auditor', org: 'gz' })}`;

interface Phase { readonly p50: number; readonly p99: number; readonly requests: number; readonly walkP99: number }
/** Readers walking `queries` (one history, page after page) for SECONDS: each request's times and each walk's. */
async function historyPhase(queries: readonly string[], expectBytes: number, path = `/cases/work-order/${workOrderId}/history`): Promise<Phase> {
  const urls = queries.map((q) => `http://127.0.0.1:${port}${path}?${q}`);
  const worker = new Worker(new URL('./history-readers.mjs', import.meta.url), { workerData: { urls, authorization, readers: READERS, seconds: SECONDS, expectBytes } });
  const { requests, walks } = await new Promise<{ requests: number[]; walks: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const q = (times: number[], p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
  return { p50: q(requests, 0.5), p99: q(requests, 0.99), requests: requests.length, walkP99: q(walks, 0.99) };
}
const PAGE = 100;
const pages = (extra: string) => Array.from({ length: 1000 / PAGE }, (_, i) => `fromRevision=${i * PAGE}&limit=${PAGE}${extra}`);
const show = (name: string, p: Phase) => log(`history (${name}), ${READERS} readers: ${p.requests} requests, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms; whole walk p99 ${p.walkP99.toFixed(1)} ms`);
// The history as served: pages of 100 events, each with the state after every event as the change from
// the one before; every reader walks all ten pages, first to last.
// The floor two ways alternately, twice each (the machine's load moves between phases); the better of
// each: the service's access-log writer, and each view appended alone to the shard its id picks (before it).
const floors: Phase[] = [];
const floorsAlone: Phase[] = [];
for (let round = 0; round < 2; round += 1) {
  floorsAlone.push(await historyPhase(['layout=by-id'], 10, '/bench/floor'));
  show('the floor, each view appended alone to the shard its id picks (before the writer)', floorsAlone.at(-1)!);
  floors.push(await historyPhase([''], 10, '/bench/floor'));
  show(`the floor: authenticate and record the view (the access-log writer, ${ACCESS_LOG_SHARDS} streams a day)`, floors.at(-1)!);
}
const better = (phases: Phase[]) => phases.reduce((a, b) => (b.p99 < a.p99 ? b : a));
const floor = better(floors);
const floorAlone = better(floorsAlone);
const paged = await historyPhase(pages(''), 10_000);
show(`${PAGE}-event pages, all ten in turn`, paged);
const first = await historyPhase([`limit=${PAGE}`], 10_000);
show('the first page', first);
const pagedFull = await historyPhase(pages('&state=full'), 10_000);
show(`${PAGE}-event pages with state=full`, pagedFull);
// The whole 1,000 events in one response (what the bench measured before the history paged by default).
const whole = await historyPhase(['limit=1000'], 100_000);
show('all 1,000 in one response', whole);
const wholeFull = await historyPhase(['limit=1000&state=full'], 100_000);
show('all 1,000 in one response, state=full', wholeFull);
await app.close();
await store.close();

process.stdout.write(`${JSON.stringify({
  // Per request, a 100-event page of the 1,000-event case (every page in turn), state after each event.
  history_1000_p99_ms: Number(paged.p99.toFixed(1)),
  history_1000_p50_ms: Number(paged.p50.toFixed(1)),
  history_1000_first_page_p99_ms: Number(first.p99.toFixed(1)),
  history_1000_all_pages_walk_p99_ms: Number(paged.walkP99.toFixed(1)),
  history_1000_full_state_page_p99_ms: Number(pagedFull.p99.toFixed(1)),
  history_1000_one_response_p99_ms: Number(whole.p99.toFixed(1)),
  history_1000_one_response_full_state_p99_ms: Number(wholeFull.p99.toFixed(1)),
  history_requests: paged.requests,
  // The same readers on a route that only authenticates and records the view (the CaseViewed append).
  floor_p99_ms: Number(floor.p99.toFixed(1)),
  floor_p50_ms: Number(floor.p50.toFixed(1)),
  access_log_streams_a_day: ACCESS_LOG_SHARDS,
  floor_appended_alone_p99_ms: Number(floorAlone.p99.toFixed(1)),
  floor_appended_alone_p50_ms: Number(floorAlone.p50.toFixed(1)),
  history_1000_p99_vs_floor: Number((paged.p99 / floor.p99).toFixed(2)),
  verify_events_per_s: Math.round(verifyPerSecond),
  verify_parsed_events_per_s: Math.round(verifyParsedPerSecond),
  verify_parsed_vs_read: Number((verifyParsedPerSecond / readAllPerSecond).toFixed(2)),
  ...(THREADS > 0 ? { verify_worker_threads: THREADS, verify_on_worker_threads_vs_read: Number((bestOf(THREADS) / readAllPerSecond).toFixed(2)) } : {}),
  read_all_events_per_s: Math.round(readAllPerSecond),
  verify_vs_read: Number((verifyPerSecond / readAllPerSecond).toFixed(2)),
  events_verified: verifiedEvents,
  targets: { history_1000_p99_ms: '< 100', verify_vs_read: '>= 0.5' },
})}\n`);
