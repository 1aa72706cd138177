// `pnpm bench:reports`: a city-year (10 district-years) and a province-year (100) report generated end to
// end (the JSON report of the city, district by district, every district's every drill-down list's first
// page, and the XLSX workbook with the headline figures' whole drill-down lists) against the limit
// measured in the same run on the same PostgreSQL: one full read of the event store the report rests on.
// The events come from a YearSource (bench/district-year.ts): for now a synthetic year decided by the
// services' own deciders at BENCH_SCALE of the seed district per district-year (default 0.1: the machine
// is shared), later the year generator. The facts projection's catch-up is reported too (project_s), not
// counted in the report's time (the report reads its read model). Last line: one JSON object.
import { organisationEvents, registryDecider, type OrganisationEvent, type OrganisationRow } from '@bureau/organisations';
import { signTestToken } from '@bureau/service-kit/testing';
import { buildReportsApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { FACTS_PROJECTION } from '../src/read-models/facts-projection.js';
import { figures } from '../src/report/figures.js';
import { syntheticYear, type YearSource } from './district-year.js';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is not set: run through `pnpm bench:reports`');
const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const CITY_UNITS = Number(process.env.BENCH_CITY_UNITS ?? 10);
const PROVINCE_UNITS = Number(process.env.BENCH_PROVINCE_UNITS ?? 100);
const source: YearSource = syntheticYear(SCALE);
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghij';
const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

const now = new Date('2027-01-10T02:00:00Z');
const app = await buildReportsApp(loadConfig({ DATABASE_URL: connectionString, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' }), { clock: () => now });
await app.ready();
const cityAuditor = `Bearer ${signTestToken(JWT_SECRET, { sub: 'bench', role: 'city_auditor', org: 'gz' })}`;

/**
 * The villages registered through the registry's decider, decided in memory one after another and
 * appended at once (one command per village would read the growing registry stream each time).
 */
async function registerVillages(rows: readonly OrganisationRow[]) {
  const events: OrganisationEvent[] = [];
  let state = app.organisations.current();
  for (const [id, kind, name, parentId] of rows) {
    for (const e of registryDecider.decide({ type: 'RegisterOrganisation', data: { id, kind, name, parentId, by: 'bench', at: now } }, state)) {
      state = registryDecider.evolve(state, e);
      events.push(e);
    }
  }
  const envelope = { correlationId: 'bench', causationId: 'bench', actor: { id: 'bench', role: 'city_administrator', organisation: 'gz' }, occurredAt: now.toISOString() };
  await app.eventStore.appendToStream(app.organisations.streamName, events.map((e) => organisationEvents.toAppend(e, { id: crypto.randomUUID(), envelope })));
  await app.organisations.refresh();
}

let unitsLoaded = 0;
async function load(units: number): Promise<{ events: number; project_s: number }> {
  const years = source(units, 2026).slice(unitsLoaded);
  unitsLoaded = units;
  await registerVillages(years.flatMap((y) => y.organisations));
  let events = 0;
  let last = null as Awaited<ReturnType<typeof app.eventStore.appendToStream>> | null;
  const pending: Promise<void>[] = [];
  for (const year of years) {
    for (const { streamName, events: batch } of year.streams()) {
      events += batch.length;
      pending.push(app.eventStore.appendToStream(streamName, batch, { expectedRevision: 'no_stream' }).then((r) => { if (!last || r.position.commit > last.position.commit) last = r; }));
      if (pending.length >= 16) await Promise.all(pending.splice(0));
    }
  }
  await Promise.all(pending);
  const committed = await app.eventStore.lastCommittedPosition();
  const started = performance.now();
  if (committed && (await app.reportsReadModels.engine.waitForPosition(FACTS_PROJECTION, committed, 3_600_000)) !== 'reached') throw new Error('the facts projection did not catch up');
  return { events, project_s: seconds(started) };
}

async function readAllOnce(): Promise<{ events: number; s: number }> {
  const started = performance.now();
  let events = 0;
  for await (const _ of app.eventStore.readAll()) events += 1;
  return { events, s: seconds(started) };
}

async function reportEndToEnd(): Promise<number> {
  const started = performance.now();
  const report = await app.inject({ method: 'GET', url: '/reports/gz/2026', headers: { authorization: cityAuditor } });
  if (report.statusCode !== 200) throw new Error(`report: ${report.statusCode} ${report.body.slice(0, 500)}`);
  say(`    the report (JSON) ${seconds(started)} s`);
  for (const d of report.json().districts as { districtId: string; figures: Record<string, { value: number | null }> }[]) {
    for (const f of figures) {
      const list = await app.inject({ method: 'GET', url: `/reports/${d.districtId}/2026/figures/${f.key}/facts`, headers: { authorization: cityAuditor } });
      if (list.statusCode !== 200) throw new Error(`drill-down ${f.key}: ${list.statusCode}`);
      const body = list.json() as { count: number; total: number };
      const expected = d.figures[f.key]?.value;
      if (f.measure === 'count' && body.count !== expected) throw new Error(`${d.districtId} ${f.key}: list ${body.count} ≠ figure ${expected}`);
    }
  }
  say(`    with every drill-down list ${seconds(started)} s`);
  const xlsx = await app.inject({ method: 'GET', url: '/reports/gz/2026/report.xlsx', headers: { authorization: cityAuditor } });
  if (xlsx.statusCode !== 200) throw new Error(`xlsx: ${xlsx.statusCode}`);
  return seconds(started);
}

say(`city: ${CITY_UNITS} district-years at ${SCALE} of the seed district ...`);
const city = await load(CITY_UNITS);
say(`  ${city.events} events, projected in ${city.project_s} s`);
const cityRead = await readAllOnce();
const city_year_s = await reportEndToEnd();
say(`  read all ${cityRead.s} s; report ${city_year_s} s`);

say(`province: ${PROVINCE_UNITS} district-years ...`);
const province = await load(PROVINCE_UNITS);
say(`  ${province.events} more events, projected in ${province.project_s} s`);
const provinceRead = await readAllOnce();
const province_year_s = await reportEndToEnd();
say(`  read all ${provinceRead.s} s; report ${province_year_s} s`);
await app.close();

console.log(JSON.stringify({
  city_year_s, province_year_s, read_events_s: provinceRead.s, read_events_city_s: cityRead.s,
  province_over_read: Math.round((province_year_s / provinceRead.s) * 100) / 100,
  events_city: cityRead.events, events_province: provinceRead.events,
  project_city_s: city.project_s, project_province_s: province.project_s,
  scale_per_district_year: SCALE, data: 'synthetic (bench/district-year.ts), not the year generator',
}));
