// `pnpm bench:legal-aid` (issue 17), in one run on one PostgreSQL (scripts/with-postgres.mjs):
// 1. submissions (POST /applications) from 16 concurrent counters over 3 numbering areas (花都, 白云, the
//    city office) for BENCH_SECONDS, against the floor measured in the same run (an HTTP route on the same
//    store, same auth, that only appends one event); every area's numbers checked unique and gap-free;
// 2. a city-and-decade read model (BENCH_APPLICATIONS applications of about 10 events each, default
//    240,000) built by the service's own projections from the events, against its limit: the same rows
//    written by batched multi-row INSERTs into tables made by the same migration (same indexes), each on a
//    settled database (VACUUM ANALYZE, CHECKPOINT);
// 3. a station's worklist, a district's monthly statistics, a search by identity document and a partial
//    search by name, each by 8 concurrent readers for BENCH_SECONDS.
// Targets: submit p99 < 100 ms; every query p99 < 50 ms; rebuild >= 0.5x its limit. Last line: one JSON object.
// The rebuild is the read model's: the files projection writing the tables the limit writes (files,
// worklist, counts). The deadline timers' schedule is another table, kept by a projection of its own that
// a deployment may run in a process of its own (DEADLINE_TIMERS_RUN=false in the rebuilding app): in the
// same process it caught up on the same events beside the read model (about 40% of the rebuild's CPU)
// while the limit writes none of its rows. Its catching up is measured after the queries, on its own, and
// reported apart (`timers_catch_up_s`), outside the ratio.
// `BENCH_READS_FROM=limit`: part 2 skipped (no events written, no rebuild, no limit measured: the rebuild
// figures are null); the queries of part 3 read a read model written straight into the projection's
// tables by the limit's way (read-model-rows.ts: each history folded by the projection's own fold, its
// worklist rows and counts derived as the projection derives them, multi-row INSERTs): minutes where
// the 240,000 applications' rebuild takes most of an hour on this machine. The default does all of it.
import { randomUUID } from 'node:crypto';
import { residentIdCheckCharacter } from '@bureau/person-schemas';
import { signedIn } from '@bureau/service-kit';
import { signTestToken } from '@bureau/service-kit/testing';
import { sql, type Kysely } from 'kysely';
import { buildLegalAidApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { legalAidEvents } from '../src/events/application-events.js';
import { numberingEvents } from '../src/numbering/numbering-events.js';
import { officeDirectoryOf } from '../src/organisation/offices.js';
import { FILES_PROJECTION, filesProjectionOf } from '../src/read-models/files-projection.js';
import { figureChanges } from '../src/read-models/monthly-figures.js';
import { countChanges } from '../src/read-models/worklist-counts.js';
import type { LegalAidFileRow } from '../src/read-models/tables.js';
import { TIMERS_PROJECTION } from '../src/timers/deadline-timers.js';
import { startCpuMeter } from '../../hotline/bench/cpu-meter.js';
import { historyOf, nameOf, residentIdOf } from './histories.js';
import { writeReadModel } from './read-model-rows.js';
import { startProfile } from './cpu-profile.js';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is not set: run through `pnpm bench:legal-aid`');
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 240_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const READS_FROM = process.env.BENCH_READS_FROM ?? 'rebuild';
if (READS_FROM !== 'rebuild' && READS_FROM !== 'limit') throw new Error('BENCH_READS_FROM is `rebuild` (the default) or `limit`');
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghij';
const HASH_KEY = 'bench-identity-hash-key-0123456789abcdef';
const say = (line: string) => process.stderr.write(`${line}\n`);
const p99 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN);
};
const token = (role: string, org: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `${role}@${org}`, role, org })}`;
const now = new Date('2026-03-16T02:00:00Z');
const configEnv = {
  DATABASE_URL: connectionString, JWT_SECRET, LOG_LEVEL: 'error', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
  LEGAL_AID_IDENTITY_HASH_KEY: HASH_KEY, DEADLINE_TIMERS_FIRE: 'false',
};
const config = loadConfig(configEnv);

/** `workers` loops calling `call` for `seconds`; latencies in ms. */
async function load(workers: number, seconds: number, call: (worker: number, n: number) => Promise<void>): Promise<{ perSecond: number; p99: number; count: number }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(Array.from({ length: workers }, async (_, worker) => {
    for (let n = 0; performance.now() < end; n += 1) {
      const t0 = performance.now();
      await call(worker, n);
      latencies.push(performance.now() - t0);
    }
  }));
  return { perSecond: latencies.length / ((performance.now() - start) / 1000), p99: p99(latencies), count: latencies.length };
}

async function settle(app: { pg: { query(q: string): Promise<unknown> } }) {
  await app.pg.query('VACUUM ANALYZE');
  await app.pg.query('CHECKPOINT');
}

// ---- 1. Submissions from 16 counters over 3 areas, and the floor, in the same run.
let app = await buildLegalAidApp(config, { clock: () => now, reconcileOnTimer: false });
app.post('/bench/floor', { config: signedIn('the benchmark floor: one event appended') }, async () => {
  await app.eventStore.appendToStream(`benchFloor-${randomUUID()}`, [{ id: randomUUID(), type: 'BenchFloor', data: { at: now.toISOString() }, metadata: {} }], { expectedRevision: 'no_stream' });
  return { ok: true };
});
await app.ready();
const counters = [
  ...Array.from({ length: 6 }, () => ({ org: 'huadu-station-xinhua', district: 'huadu' })),
  ...Array.from({ length: 5 }, () => ({ org: 'baiyun-station-jingtai', district: 'baiyun' })),
  ...Array.from({ length: 5 }, () => ({ org: 'gz-legal-aid', district: 'huadu' })),
].map((c) => ({ ...c, authorization: token('station_clerk', c.org) }));
let errors = 0;
// CPU per request, this process (the service and the load) and PostgreSQL: a phase can go no faster than
// cores / CPU per request, whatever its latency.
const perRequest = (spent: ReturnType<ReturnType<typeof startCpuMeter>>, count: number) =>
  ({ service_ms: Number((spent.processUs / 1000 / count).toFixed(2)), postgres_ms: spent.postgresUs === undefined ? null : Number((spent.postgresUs / 1000 / count).toFixed(2)) });
const submitCpu = startCpuMeter();
const submit = await load(16, SECONDS, async (worker, n) => {
  const counter = counters[worker] as (typeof counters)[number];
  const first17 = `440114${1960 + (n % 40)}0101${String(worker * 50 + (n % 50)).padStart(3, '0')}`;
  const res = await app.inject({
    method: 'POST', url: '/applications', headers: { authorization: counter.authorization },
    payload: {
      commandId: randomUUID(), channel: { kind: 'counter' },
      applicant: { name: nameOf(worker * 1000 + n), document: { type: 'resident_id', number: `${first17}${residentIdCheckCharacter(first17)}` }, phone: '13912345678', address: '某街道', groups: [] },
      matterType: 'employment_or_wages', aidForm: 'labour_dispute_representation', opposingParty: `某公司${n}`, summary: '追讨欠薪',
      competenceFacts: { kind: 'non_litigation', disputeAuthority: null, disputeAuthoritySits: null, matterAroseIn: { districtId: counter.district } },
    },
  });
  if (res.statusCode !== 201) errors += 1;
});
const submitCpuMs = perRequest(submitCpu(), submit.count);
say(`submit: ${submit.count} in ${SECONDS} s, ${submit.perSecond.toFixed(1)}/s, p99 ${submit.p99.toFixed(1)} ms, errors ${errors}, CPU per request ${JSON.stringify(submitCpuMs)}`);
const floorToken = token('station_clerk', 'huadu-station-xinhua');
const floorCpu = startCpuMeter();
const floor = await load(16, SECONDS, async () => {
  await app.inject({ method: 'POST', url: '/bench/floor', headers: { authorization: floorToken } });
});
const floorCpuMs = perRequest(floorCpu(), floor.count);
say(`floor: ${floor.perSecond.toFixed(1)}/s, p99 ${floor.p99.toFixed(1)} ms, CPU per request ${JSON.stringify(floorCpuMs)}`);
// Every area's numbers: 1..n, each once.
let gapFree = errors === 0;
for (const stream of ['legalAidNumbering-huadu-2026', 'legalAidNumbering-baiyun-2026', 'legalAidNumbering-gz-2026']) {
  const sequences: number[] = [];
  const numbers = new Set<string>();
  for await (const e of app.eventStore.readStream(stream)) {
    const { data } = numberingEvents.fromRecorded(e);
    sequences.push(data.sequence);
    numbers.add(data.applicationNumber);
  }
  const ok = sequences.every((s, i) => s === i + 1) && numbers.size === sequences.length && sequences.length > 0;
  say(`${stream}: ${sequences.length} numbers, ${ok ? 'unique and gap-free' : 'NOT unique and gap-free'}`);
  gapFree &&= ok;
}
await app.close();
if (process.env.BENCH_SUBMIT_ONLY === '1') {
  process.stdout.write(`${JSON.stringify({ seconds: SECONDS, submit_per_s: Number(submit.perSecond.toFixed(1)), submit_p99_ms: Number(submit.p99.toFixed(1)), submit_errors: errors, submit_cpu_ms: submitCpuMs, floor_per_s: Number(floor.perSecond.toFixed(1)), floor_p99_ms: Number(floor.p99.toFixed(1)), floor_cpu_ms: floorCpuMs, numbers_unique_and_gap_free: gapFree })}\n`);
  process.exit(0);
}

// ---- 2. The read model: events first, then the service's projections build it (or, with
// BENCH_READS_FROM=limit, its rows written directly for the queries alone).
const offices = officeDirectoryOf(app.organisations.current());
let totalEvents = 0;
let rebuildSeconds = NaN;
let limitSeconds = NaN;
/** CPU per event of the rebuild and of its limit, µs: this process and PostgreSQL (null when not measured). */
let rebuildCpu: ReturnType<typeof perEvent> | null = null;
let limitCpu: ReturnType<typeof perEvent> | null = null;
const perEvent = (spent: ReturnType<ReturnType<typeof startCpuMeter>>, events: number) =>
  ({ service_us: Number((spent.processUs / events).toFixed(1)), postgres_us: spent.postgresUs === undefined ? null : Number((spent.postgresUs / events).toFixed(1)) });
/** The bench's rows of a table the rebuild wrote, in the order they lie, `size` at a time (a cursor). */
async function* rebuiltRows(pool: { connect(): Promise<{ query(text: string): Promise<{ rows: Record<string, unknown>[] }>; release(): void }> }, table: string, size: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DECLARE rebuilt NO SCROLL CURSOR FOR SELECT * FROM ${table} WHERE case_id LIKE 'bench-%'`);
    for (;;) {
      const { rows } = await client.query(`FETCH ${size} FROM rebuilt`);
      if (rows.length === 0) break;
      yield rows;
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
if (READS_FROM === 'limit') {
  app = await buildLegalAidApp(config, { clock: () => now, reconcileOnTimer: false });
  await app.ready();
  const started = performance.now();
  const live = { legal_aid_files: 'legal_aid_files', legal_aid_worklist: 'legal_aid_worklist', legal_aid_worklist_counts: 'legal_aid_worklist_counts', legal_aid_figures: 'legal_aid_figures' };
  const written = await writeReadModel(app.db, live, APPLICATIONS, { offices, hashKey: HASH_KEY, calendar: app.legalAidCalendarBook.calendarFor(), recordedAt: now, say });
  totalEvents = written.events;
  say(`read model by the limit's way (BENCH_READS_FROM=limit): ${written.events} events folded into ${written.files} files, ${written.worklist} worklist rows, ${written.worklistCounts} worklist counts, ${written.figures} statistics counts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await settle(app);
} else {
  say(`writing ${APPLICATIONS} applications' events ...`);
  {
    const { createPostgresEventStore } = await import('@bureau/event-store/postgres');
    const store = await createPostgresEventStore({ connectionString });
    const envelope = { correlationId: 'bench', causationId: 'bench', actor: { id: 'bench', role: 'station_clerk', organisation: 'huadu-station-xinhua' }, occurredAt: now.toISOString() };
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < APPLICATIONS; i += 1) {
      const events = historyOf(i, APPLICATIONS, offices);
      totalEvents += events.length;
      pending.push(store.appendToStream(`legalAidCase-bench-${i}`, events.map((e) => legalAidEvents.toAppend(e, { id: randomUUID(), envelope })), { expectedRevision: 'no_stream' }));
      if (pending.length >= 16) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    await store.close();
  }
  say(`${totalEvents} events written`);
  // A fresh generation of the files projection: the service rebuilds it from the events (the deadline
  // timers kept by another process: see the header).
  app = await buildLegalAidApp(loadConfig({ ...configEnv, DEADLINE_TIMERS_RUN: 'false' }), { clock: () => now, reconcileOnTimer: false });
  await settle(app);
  // The files projection stands where part 1 left it: everything written since is the read model to build.
  const rebuildStart = performance.now();
  const rebuildMeter = startCpuMeter();
  const profile = await startProfile(process.env.BENCH_REBUILD_PROFILE);
  await app.ready();
  const head = await app.eventStore.lastCommittedPosition();
  if (!head) throw new Error('no events');
  for (;;) {
    const outcome = await app.legalAidReadModels.engine.waitForPosition(FILES_PROJECTION, head, 60_000);
    if (outcome === 'reached') break;
    say(`rebuild: still going (${outcome}) ...`);
  }
  rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  await profile?.stop();
  rebuildCpu = perEvent(rebuildMeter(), totalEvents);
  const rows = (await app.pg.query<{ n: string }>(`SELECT count(*) AS n FROM legal_aid_files WHERE case_id LIKE 'bench-%'`)).rows[0]?.n;
  say(`rebuild: ${rows} rows from ${totalEvents} events in ${rebuildSeconds.toFixed(2)} s, CPU per event ${JSON.stringify(rebuildCpu)}`);
  // The limit: the same rows by batched multi-row INSERTs into tables made by the same migration (each of
  // the projection's tables: the files, the worklist's open files and their counts, the statistics' counts), in the order
  // the rebuild wrote them. The rows the rebuild wrote, no more: the files part 1 submitted (the
  // projection wrote them then, live) are left out, and the counts are the bench's files' own, as the
  // projection derives them (part 1's files had been about 7% of the limit's at 10,000 applications).
  // The rows are read 500 at a time by a cursor, outside the time and CPU counted: held all at once
  // (1.4 GB of objects at 240,000 applications) their garbage collection had cost the limit 14.5 of its
  // 78 s, which is not the writing's cost.
  const db: Kysely<any> = app.db;
  const limitTables = { legal_aid_files: 'bench_limit_files', legal_aid_numbers: 'bench_limit_numbers', legal_aid_worklist: 'bench_limit_worklist', legal_aid_worklist_counts: 'bench_limit_worklist_counts', legal_aid_figures: 'bench_limit_figures' };
  await db.transaction().execute((trx) => filesProjectionOf(HASH_KEY, () => app.legalAidCalendarBook.calendarFor()).migrate(trx, limitTables));
  await settle(app);
  const json = (v: unknown) => (v === null || typeof v === 'string' || v instanceof Date || typeof v !== 'object' || Array.isArray(v) ? v : JSON.stringify(v));
  const limit = { ms: 0, processUs: 0, postgresUs: 0, rows: { legal_aid_files: 0, legal_aid_worklist: 0, legal_aid_worklist_counts: 0, legal_aid_figures: 0 } };
  /** One multi-row INSERT, its time and CPU (this process and PostgreSQL) counted as the limit's. */
  const insert = async (table: keyof typeof limit.rows, rows: Record<string, unknown>[]) => {
    const meter = startCpuMeter();
    // This process's CPU counted apart from the meter's: its look through /proc (about 1 ms) is not the limit's.
    const processBefore = process.cpuUsage();
    const started = performance.now();
    await db.insertInto(limitTables[table]).values(rows.map((r) => ({ ...r, ...('file_state' in r ? { file_state: json(r.file_state), overdue_log: JSON.stringify(r.overdue_log), decision_clock: json(r.decision_clock) } : {}) }))).execute();
    limit.ms += performance.now() - started;
    const processSpent = process.cpuUsage(processBefore);
    limit.processUs += processSpent.user + processSpent.system;
    limit.postgresUs += meter().postgresUs ?? NaN;
    limit.rows[table] += rows.length;
  };
  const figures = new Map<string, Record<string, unknown> & { n: number }>();
  const worklistCounts = new Map<string, Record<string, unknown> & { n: number }>();
  for (const table of ['legal_aid_files', 'legal_aid_worklist'] as const) {
    for await (const chunk of rebuiltRows(app.pg, table, 500)) {
      await insert(table, chunk);
      if (table !== 'legal_aid_files') continue;
      const files = chunk.map((row) => [undefined, row as unknown as LegalAidFileRow] as const);
      for (const change of figureChanges(files)) {
        const key = `${change.month}|${change.section}|${change.key}|${change.metric}|${change.days}`;
        const found = figures.get(key);
        figures.set(key, found ? { ...found, n: found.n + change.n } : { ...change });
      }
      // The worklists' counts, as the projection derives them from the same files (worklist-counts.ts).
      for (const change of countChanges(files)) {
        const key = JSON.stringify([change.worklist_orgs, change.awaiting_materials, change.transferred_in]);
        const found = worklistCounts.get(key);
        worklistCounts.set(key, found ? { ...found, n: found.n + change.n } : { ...change, worklist_orgs: [...change.worklist_orgs] });
      }
    }
  }
  const counts = [...figures.values()];
  for (let i = 0; i < counts.length; i += 500) await insert('legal_aid_figures', counts.slice(i, i + 500));
  const kept = [...worklistCounts.values()];
  for (let i = 0; i < kept.length; i += 500) await insert('legal_aid_worklist_counts', kept.slice(i, i + 500));
  limitSeconds = limit.ms / 1000;
  limitCpu = perEvent({ processUs: limit.processUs, postgresUs: Number.isNaN(limit.postgresUs) ? undefined : limit.postgresUs }, totalEvents);
  say(`limit: ${Object.entries(limit.rows).map(([table, n]) => `${n} ${table}`).join(', ')} rows by multi-row INSERTs in ${limitSeconds.toFixed(2)} s, CPU per event ${JSON.stringify(limitCpu)}`);
  await settle(app);
}

// ---- 3. Queries, 8 readers each.
const clerk = token('station_clerk', 'huadu-station-xinhua');
const reviewer = token('legal_aid_reviewer', 'huadu-legal-aid');
const auditor = token('auditor', 'huadu-bureau');
const query = async (url: string, authorization: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { authorization } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
};
/** 8 readers for BENCH_SECONDS, with the CPU each request cost (this process and PostgreSQL). */
const readers = async (call: (worker: number, n: number) => Promise<void>) => {
  const cpu = startCpuMeter();
  const result = await load(8, SECONDS, call);
  return { ...result, cpu: perRequest(cpu(), result.count) };
};
const worklist = await readers(() => query('/worklist?organisationId=huadu-station-xinhua', clerk));
const stats = await readers((_, n) => query(`/statistics/monthly/${2017 + (n % 10)}-0${1 + (n % 9)}`, auditor));
const search = await readers((w, n) => query(`/search?documentType=resident_id&documentNumber=${residentIdOf(((w * 7919 + n * 104729) % APPLICATIONS) & ~1)}`, reviewer));
const names = await readers((w, n) => query(`/search?name=${encodeURIComponent(nameOf(w * 31 + n).slice(0, 2))}`, reviewer));
for (const [name, r] of Object.entries({ worklist, stats, search, names })) {
  say(`${name}: ${r.perSecond.toFixed(1)}/s, p99 ${r.p99.toFixed(1)} ms, CPU per request ${JSON.stringify(r.cpu)}`);
}
await app.close();

// The deadline timers' schedule catching up on the same events, alone (after the read model's rebuild).
let timersSeconds = NaN;
if (READS_FROM === 'rebuild') {
  app = await buildLegalAidApp(config, { clock: () => now, reconcileOnTimer: false });
  const timersStart = performance.now();
  await app.ready();
  const head = await app.eventStore.lastCommittedPosition();
  if (!head) throw new Error('no events');
  while ((await app.legalAidTimers.engine.waitForPosition(TIMERS_PROJECTION, head, 60_000)) !== 'reached') say('timers: still going ...');
  timersSeconds = (performance.now() - timersStart) / 1000;
  say(`timers' schedule: caught up on ${totalEvents} events in ${timersSeconds.toFixed(2)} s`);
  await app.close();
}

const rebuildRate = totalEvents / rebuildSeconds;
const limitRate = totalEvents / limitSeconds;
/** null when not measured (BENCH_READS_FROM=limit). */
const measured = (value: number) => (Number.isFinite(value) ? value : null);
process.stdout.write(`${JSON.stringify({
  applications: APPLICATIONS, events: totalEvents, seconds: SECONDS, reads_from: READS_FROM,
  submit_per_s: Number(submit.perSecond.toFixed(1)), submit_p99_ms: Number(submit.p99.toFixed(1)), submit_errors: errors, submit_cpu_ms: submitCpuMs,
  floor_per_s: Number(floor.perSecond.toFixed(1)), floor_p99_ms: Number(floor.p99.toFixed(1)), floor_cpu_ms: floorCpuMs,
  numbers_unique_and_gap_free: gapFree,
  rebuild_events_per_s: measured(Math.round(rebuildRate)), rebuild_limit_events_per_s: measured(Math.round(limitRate)), rebuild_ratio: measured(Number((rebuildRate / limitRate).toFixed(3))),
  rebuild_cpu_us_per_event: rebuildCpu, rebuild_limit_cpu_us_per_event: limitCpu,
  timers_catch_up_s: measured(Number(timersSeconds.toFixed(2))),
  worklist_p99_ms: Number(worklist.p99.toFixed(1)), stats_p99_ms: Number(stats.p99.toFixed(1)),
  search_p99_ms: Number(search.p99.toFixed(1)), name_search_p99_ms: Number(names.p99.toFixed(1)),
  query_cpu_ms: { worklist: worklist.cpu, stats: stats.cpu, search: search.cpu, name_search: names.cpu },
})}\n`);
process.exit(0);
