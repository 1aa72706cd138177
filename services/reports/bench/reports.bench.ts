// `pnpm bench:reports`: a city-year (BENCH_CITY_SCALE, default 10: ten districts) and a province-year
// (BENCH_PROVINCE_SCALE, default 100; 0 skips it) written by `@bureau/year-generator` (every event decided by
// its service's own decider), each in a database of its own on the same PostgreSQL, and their reports
// generated end to end (the JSON report of the city, district by district with 市本级 and the total, every
// row's every drill-down list's first page (a row's lists in one request, as an auditor going down the
// report asks them; each list checked against its figure), and the XLSX workbook with the headline
// figures' whole drill-down lists), against the limit measured in the same run: one full read of the store the report
// rests on. The generation and the facts projection's catch-up are reported too (generate_s, project_s),
// not counted in the report's time (the report reads its read model); so is the JSON asked again once the
// report is done (json_again_*: nothing recorded meanwhile, the counts kept). Last line: one JSON object.
//
// A generated year is kept (BENCH_DATA_DIR, default .data/bench-years at the repository's root; keyed by
// year, scale, seed and the generator's source) and restored on the next run instead of generated again
// (restore_*_s); BENCH_DATA_DIR=off generates every time and keeps nothing.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { generateYear } from '@bureau/year-generator';
import { findStoredYear, restoreStoredYear, saveStoredYear } from '@bureau/year-generator/stored-year';
import { signTestToken } from '@bureau/service-kit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadGenerations } from '@bureau/projections';
import pg from 'pg';
import { buildReportsApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { FACTS_PROJECTION } from '../src/read-models/facts-projection.js';
import { figures, VILLAGES_MET_EVERY_MONTH } from '../src/report/figures.js';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is not set: run through `pnpm bench:reports`');
const CITY_SCALE = Number(process.env.BENCH_CITY_SCALE ?? 10);
const PROVINCE_SCALE = Number(process.env.BENCH_PROVINCE_SCALE ?? 100);
const YEAR = 2025;
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghij';
const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;
const now = new Date('2026-03-01T02:00:00Z');
const SEED = 'bench-reports';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? join(fileURLToPath(new URL('../../..', import.meta.url)), '.data', 'bench-years');
const KEEP = DATA_DIR !== 'off';
/**
 * Keep each scale's database, projected, and measure on it again when it holds a year loaded whole (at
 * 100x, restoring takes two minutes and projecting eleven).
 */
const REUSE = process.env.BENCH_REUSE_DATABASE === '1';
const cityAuditor = `Bearer ${signTestToken(JWT_SECRET, { sub: 'bench', role: 'city_auditor', org: 'gz' })}`;

/** A database of its own for one scale, on the server the run was given. */
async function databaseFor(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!(REUSE && exists)) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = new URL(connectionString!);
  url.pathname = `/${name}`;
  return url.toString();
}

type App = Awaited<ReturnType<typeof buildReportsApp>>;

async function readAllOnce(app: App): Promise<{ events: number; s: number }> {
  const started = performance.now();
  let events = 0;
  for await (const _ of app.eventStore.readAll()) events += 1;
  return { events, s: seconds(started) };
}

async function reportEndToEnd(app: App) {
  const started = performance.now();
  const report = await app.inject({ method: 'GET', url: `/reports/gz/${YEAR}`, headers: { authorization: cityAuditor } });
  if (report.statusCode !== 200) throw new Error(`report: ${report.statusCode} ${report.body.slice(0, 500)}`);
  const json_s = seconds(started);
  say(`    the report (JSON) ${json_s} s`);
  const lists = performance.now();
  // Every row's every drill-down list's first page, as an auditor checking the report row by row asks
  // them: one request per row (the row's lists together), each list checked against its figure.
  for (const d of report.json().districts as { districtId: string; figures: Record<string, { value: number | null }>; villagesMetEveryMonth: { value: number } }[]) {
    const res = await app.inject({ method: 'GET', url: `/reports/${d.districtId}/${YEAR}/drill-downs`, headers: { authorization: cityAuditor } });
    if (res.statusCode !== 200) throw new Error(`drill-downs of ${d.districtId}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const body = res.json() as { lists: Record<string, { total: number; sum: number; items?: unknown[]; villageIds?: string[] }> };
    for (const f of figures) {
      const list = body.lists[f.key];
      if (!list) throw new Error(`${d.districtId} ${f.key}: no list`);
      const expected = d.figures[f.key]?.value;
      const listed = f.measure === 'count' ? list.total : f.measure === 'sum' ? list.sum : expected;
      if (listed !== expected) throw new Error(`${d.districtId} ${f.key}: list ${listed} ≠ figure ${expected}`);
      if ((list.items?.length ?? 0) !== Math.min(list.total, 100)) throw new Error(`${d.districtId} ${f.key}: a first page of ${list.items?.length} of ${list.total}`);
    }
    const villages = body.lists[VILLAGES_MET_EVERY_MONTH];
    if (villages?.total !== d.villagesMetEveryMonth.value) throw new Error(`${d.districtId} villages: list ${villages?.total} ≠ figure ${d.villagesMetEveryMonth.value}`);
  }
  const drill_downs_s = seconds(lists);
  say(`    with every drill-down list ${seconds(started)} s (the lists ${drill_downs_s} s)`);
  const xlsx = await app.inject({ method: 'GET', url: `/reports/gz/${YEAR}/report.xlsx`, headers: { authorization: cityAuditor } });
  if (xlsx.statusCode !== 200) throw new Error(`xlsx: ${xlsx.statusCode}`);
  const report_s = seconds(started);
  // The same report asked again, nothing recorded meanwhile: a person's page, not part of the end to end.
  const again = performance.now();
  const second = await app.inject({ method: 'GET', url: `/reports/gz/${YEAR}`, headers: { authorization: cityAuditor } });
  if (second.statusCode !== 200) throw new Error(`report again: ${second.statusCode}`);
  const json_again_s = seconds(again);
  say(`    the workbook; the report (JSON) asked again ${json_again_s} s`);
  return { report_s, json_s, drill_downs_s, json_again_s };
}

/**
 * The year's events in the scale's own database, before the service starts on it: restored when kept,
 * else generated through the deciders (no projection running beside it) and kept for the next run.
 */
async function loadYear(url: string, scale: number): Promise<{ generate_s: number; restore_s: number | null; generated: boolean }> {
  const key = { year: YEAR, scale, seed: SEED };
  const store = await createPostgresEventStore({ connectionString: url });
  try {
    const kept = KEEP ? findStoredYear(DATA_DIR, key) : undefined;
    if (kept) {
      say(`${scale}x: restoring the kept year (${kept.events} events, ${Math.round(kept.bytes / 1e6)} MB) ...`);
      const started = performance.now();
      await restoreStoredYear(store.pool, DATA_DIR, key);
      return { generate_s: Math.round(kept.summary.elapsedMs / 10) / 100, restore_s: seconds(started), generated: false };
    }
    say(`${scale}x: generating ...`);
    let shown = 0;
    const summary = await generateYear({
      store, ...key,
      onProgress: (p) => { if (p.elapsedMs - shown > 30_000) { shown = p.elapsedMs; say(`  ${p.districtsDone}/${p.districts} districts, ${p.events} events, ${Math.round(p.elapsedMs / 1000)} s`); } },
    });
    const generate_s = Math.round(summary.elapsedMs / 10) / 100;
    say(`  ${summary.events} events generated in ${generate_s} s`);
    if (KEEP) {
      const started = performance.now();
      const saved = await saveStoredYear(store.pool, DATA_DIR, key, summary);
      say(`  kept in ${DATA_DIR} (${Math.round(saved.bytes / 1e6)} MB, ${seconds(started)} s)`);
    }
    return { generate_s, restore_s: null, generated: true };
  } finally {
    await store.close();
  }
}

/** One scale: generate or restore, let the facts projection catch up, read the store once, report end to end. */
async function measure(scale: number) {
  const url = await databaseFor(`bench_reports_${String(scale).replace('.', '_')}`);
  // A year loaded whole is marked in its database (a run cut short leaves no mark and loads again).
  const marks = new pg.Client({ connectionString: url });
  await marks.connect();
  await marks.query('CREATE TABLE IF NOT EXISTS bench_loaded (scale double precision PRIMARY KEY)');
  const reused = REUSE && ((await marks.query('SELECT 1 FROM bench_loaded WHERE scale = $1', [scale])).rowCount ?? 0) > 0;
  if (reused) say(`${scale}x: the kept database's year`);
  const { generate_s, restore_s, generated } = reused ? { generate_s: null, restore_s: null, generated: false } : await loadYear(url, scale);
  await marks.query('INSERT INTO bench_loaded (scale) VALUES ($1) ON CONFLICT DO NOTHING', [scale]);
  await marks.end();
  const app = await buildReportsApp(loadConfig({ DATABASE_URL: url, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' }), { clock: () => now });
  await app.ready();
  try {
    const started = performance.now();
    const committed = await app.eventStore.lastCommittedPosition();
    // A kept database's facts may be an older version's: wait for the rebuild into this code's tables too.
    const version = app.reportsReadModels.projections.find((p) => p.name === FACTS_PROJECTION)!.version;
    while ((await loadGenerations(app.reportsReadModels.engine.db, FACTS_PROJECTION)).find((g) => g.state === 'active')?.version !== version) await sleep(1_000);
    if (committed && (await app.reportsReadModels.engine.waitForPosition(FACTS_PROJECTION, committed, 3_600_000)) !== 'reached') throw new Error('the facts projection did not catch up');
    const project_s = seconds(started);
    await app.organisations.refresh();
    say(`  projected in ${project_s} s`);
    const read = await readAllOnce(app);
    const { report_s, ...parts } = await reportEndToEnd(app);
    say(`  read all ${read.s} s (${read.events} events); report ${report_s} s`);
    return { report_s, ...parts, read_s: read.s, events: read.events, generate_s, restore_s, generated, project_s };
  } finally {
    await app.close();
  }
}

const city = await measure(CITY_SCALE);
const province = PROVINCE_SCALE > 0 ? await measure(PROVINCE_SCALE) : null;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(JSON.stringify({
  city_year_s: city.report_s, province_year_s: province?.report_s ?? null,
  read_events_s: province?.read_s ?? city.read_s, read_events_city_s: city.read_s,
  city_over_read: ratio(city.report_s, city.read_s), province_over_read: province ? ratio(province.report_s, province.read_s) : null,
  events_city: city.events, events_province: province?.events ?? null,
  json_city_s: city.json_s, drill_downs_city_s: city.drill_downs_s, json_again_city_s: city.json_again_s,
  json_province_s: province?.json_s ?? null, drill_downs_province_s: province?.drill_downs_s ?? null, json_again_province_s: province?.json_again_s ?? null,
  generate_city_s: city.generate_s, generate_province_s: province?.generate_s ?? null,
  restore_city_s: city.restore_s, restore_province_s: province?.restore_s ?? null,
  generated_now: { city: city.generated, province: province?.generated ?? null },
  project_city_s: city.project_s, project_province_s: province?.project_s ?? null,
  city_scale: CITY_SCALE, province_scale: province ? PROVINCE_SCALE : null, data: '@bureau/year-generator',
}));
