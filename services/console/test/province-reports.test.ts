// The reports pages against a province-scale read model, in a real browser: a hundred districts (the demo
// city's 花都 and 白云 and 98 more, each with its centre, legal-aid office, four stations and 190 villages
// in ten townships) and a year of their facts (a million: the advisors' services, the months met, the
// walk-ins, legal aid's and the hotline's), as the facts projection keeps them. A figure's cases must be
// usable within a second of navigation (median of three), each time as the first request after a new
// event (a walk-in recorded before every navigation). A statistician's year is held to the same bar (the
// figures carried forward from the last count by the changes since), and so is the city auditor's year,
// district by district, by the page's own clock (its figures carried forward for the one district the
// walk-in touched, the figures view without the series the page does not read; the driver's own figure
// is held back by the service drawing the charts in this process). Both were 1-8 s until the services stopped re-reading the whole registry on each of the
// province's 21,800 registrations (packages/organisations, registry-book.ts): those re-reads, quadratic,
// still ran while the pages were measured.
// The first count of all (the whole period counted) is measured and said; the city's year asked of a
// restarted service (another instance on the same database, nothing in memory) must be carried forward
// from the tallies the last count kept in the database (the walk-in since counted once, far from the
// whole count's time). A million facts, not a province-year's 3.4 million: at 3.4 million the fill
// alone took 133-173 s and the city's whole count 44 s on the shared machine (load 25), past the file's
// 300 s; the carried counts and the drill-down's pages do not grow with the facts, the whole count does.
// PROVINCE_REPORTS_FACTS sets another number of facts for a measurement by hand (3,400,000: a province-year).
//
// The facts are written by set-based SQL (INSERT ... SELECT ... FROM generate_series) into the active
// generation's physical table, created by the service's own projection at start (its columns and
// indexes exactly), at positions before any event, so they stand where the projection's checkpoint
// stands; the registry's organisations are registered through the registry's own decider and events.
// (Writing a million facts' events through the services would take far too long for a test; the
// projection and the counting rules are tested in services/reports/test.) This file writes in long
// transactions: it runs on a PostgreSQL server of its own (scripts/test.mjs, OWN_SERVER).
import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@bureau/event-store';
import { serviceTypeNames } from '@bureau/advisors/domain';
import { DEMO_CITY_ID, organisationEvents, registryDecider, registryStreamOf, type OrganisationKind } from '@bureau/organisations';
import { commandEventId, readStreamState } from '@bureau/service-kit';
import { signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import type { Page } from 'playwright-core';
import pg from 'pg';
import t from 'tap';
import { hashTo, launchBrowser, medianUsable, medianUsableInPage, newPage, shot, signInAs, USABLE_BAR_MS } from './support/browser.js';
import { JWT_SECRET, startConsole, startReports } from './support/platform.js';
import { activeTable, fillTable } from './support/set-based-fill.js';

const DISTRICTS = 100;
const TOWNSHIPS = 10;
const VILLAGES_PER_TOWNSHIP = 19;
const STATIONS = 4;
/** 10,000 facts per district (fact i is district i % 100's): a province-year has 34,000 (see above). */
const FACTS = Number(process.env.PROVINCE_REPORTS_FACTS ?? 1_000_000);
const YEAR = '2026';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** District d's id: the demo city's two, then gd003 … gd100. */
const districtId = (d: number) => (d === 0 ? 'huadu' : d === 1 ? 'baiyun' : `gd${pad(d + 1, 3)}`);

/** The registry's rows beyond the demo city's, parents first. */
function provinceRows(): Array<[string, OrganisationKind, string, string]> {
  const rows: Array<[string, OrganisationKind, string, string]> = [];
  for (let d = 0; d < DISTRICTS; d += 1) {
    const id = districtId(d);
    const name = d === 0 ? '花都区' : d === 1 ? '白云区' : `演示第${d + 1}区`;
    if (d >= 2) {
      rows.push([id, 'district', name, DEMO_CITY_ID], [`${id}-bureau`, 'justice_bureau', `${name}司法局`, id]);
      rows.push([`${id}-plsc`, 'public_legal_service_centre', `${name}公共法律服务中心`, id], [`${id}-legal-aid`, 'legal_aid_office', `${name}法律援助处`, id]);
    }
    for (let s = 1; s <= STATIONS; s += 1) rows.push([`${id}-station-g0${s}`, 'legal_aid_station', `${name}第${s}法律援助工作站`, `${id}-legal-aid`]);
    for (let tw = 1; tw <= TOWNSHIPS; tw += 1) {
      const town = `${id}-g${pad(tw, 2)}`;
      rows.push([town, 'township', `${name}第${tw}镇`, id], [`${town}-so`, 'judicial_office', `第${tw}镇司法所`, town]);
      for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v += 1) rows.push([`${town}-v${pad(v, 3)}`, 'village', `第${tw}镇${v}村`, town]);
    }
  }
  return rows;
}

/** Registers the rows as the city administrator would, each decided by the registry's decider, appended 500 at a time. */
async function registerProvince(store: Parameters<typeof readStreamState>[0]) {
  const streamName = registryStreamOf(DEMO_CITY_ID);
  let { state, revision } = await readStreamState(store, organisationEvents, registryDecider, streamName);
  const at = new Date();
  const actor = { id: 'seed', role: 'city_administrator', organisation: DEMO_CITY_ID };
  let pending: EventToAppend[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    revision = (await store.appendToStream(streamName, pending, { expectedRevision: revision })).nextExpectedRevision;
    pending = [];
  };
  for (const [id, kind, name, parentId] of provinceRows()) {
    const commandId = commandEventId(`register-organisation:${DEMO_CITY_ID}:${id}`, 0);
    const events = registryDecider.decide({ type: 'RegisterOrganisation', data: { id, kind, name, parentId, by: 'seed', at } }, state);
    events.forEach((event, index) => {
      pending.push(organisationEvents.toAppend(event, { id: commandEventId(commandId, index), envelope: { correlationId: commandId, causationId: commandId, actor, occurredAt: at.toISOString() }, extraMetadata: { commandId } }));
      state = registryDecider.evolve(state, event);
    });
    if (pending.length >= 500) await flush();
  }
  await flush();
}

/** The SQL name of district `d` (an SQL integer expression), as districtId has it. */
const districtSql = (d: string) => `(CASE ${d} WHEN 0 THEN 'huadu' WHEN 1 THEN 'baiyun' ELSE 'gd' || lpad((${d} + 1)::text, 3, '0') END)`;
const pick = (words: readonly string[], index: string) => `(ARRAY[${words.map((w) => `'${w}'`).join(',')}])[1 + (${index})]`;
/** A fact's dims picked from literal jsonb values (built once, not per row). */
const jsonPick = (dims: readonly object[], index: string) => `(ARRAY[${dims.map((d) => `'${JSON.stringify(d)}'::jsonb`).join(',')}])[1 + (${index})]`;
const cross = <A, B>(as: readonly A[], bs: readonly B[]) => as.flatMap((a) => bs.map((b) => [a, b] as const));
const ADVISOR_DIMS = cross(Object.keys(serviceTypeNames).slice(0, 6), ['on_site', 'remote']).map(([type, mode]) => ({ type, mode }));
const MONTH_DIMS = Array.from({ length: 11 }, (_, m) => ({ month: `${YEAR}-${pad(m + 1, 2)}` }));
const WALK_IN_DIMS = cross(['labour', 'marriage_family', 'contract_debt', 'property_housing', 'neighbour_land', 'personal_injury', 'consumer', 'criminal', 'administrative', 'other'], ['answered_on_the_spot', 'referred_to_legal_aid', 'referred_to_mediation', 'referred_to_other_authority']).map(([topic, answer]) => ({ topic, answer }));
const LEGAL_AID_DIMS = cross(['employment_or_wages', 'personal_injury', 'support_payment', 'criminal_defence', 'other_civil_administrative'], ['counter', 'online', 'hotline_referral', 'advisor_referral']).map(([matterType, channel]) => ({ matterType, channel }));
const WORK_ORDER_DIMS = ['consultation', 'assistance', 'complaint'].map((category) => ({ category }));

/**
 * The province-year's facts. Fact i belongs to district i % 100; what it is varies with k = i / 100 (by
 * b = k % 70: 26 of 70 an advisor's service in force at a village, 5 a village's month met, 7 a walk-in at a
 * station, 22 legal aid's at the office or a station, 10 the hotline's at the centre), spread over the year.
 */
const factsInsert = (table: string) => `
  INSERT INTO ${table} (fact_id, version, kind, org_id, occurred_at, case_kind, case_id, value, dims, present, stream_name, event_id, event_type,
    recorded_at, commit_pos, prepare_pos, superseded_commit, superseded_prepare, superseded_at)
  SELECT 'f' || i, 1, kind, org, occurred, 'synthetic', 'c' || i, value, dims, true, 's' || i, 'e' || i, 'Synthetic', occurred, 0, 0, NULL, NULL, NULL
  FROM (
    SELECT i,
      CASE WHEN b < 26 THEN 'advisors.service' WHEN b < 31 THEN 'advisors.month_met' WHEN b < 38 THEN 'walk_in.visit'
           WHEN b < 45 THEN 'legal_aid.received' WHEN b < 52 THEN 'legal_aid.case' WHEN b < 58 THEN 'legal_aid.approved' WHEN b < 59 THEN 'legal_aid.refused'
           WHEN b < 61 THEN 'legal_aid.green_channel' WHEN b < 63 THEN 'legal_aid.quality_reviewed' WHEN b < 64 THEN 'legal_aid.quality_excellent_or_good'
           WHEN b < 65 THEN 'legal_aid.notified' WHEN b < 66 THEN 'legal_aid.transferred_in' WHEN b < 67 THEN 'legal_aid.transferred_out'
           ELSE ${pick(['work_order.dispatched', 'work_order.signed_for_on_time', 'work_order.replied'], '(b - 67) % 3')} END AS kind,
      CASE WHEN b < 31 THEN dn || '-g' || lpad((1 + k % ${TOWNSHIPS})::text, 2, '0') || '-v' || lpad((1 + (k / ${TOWNSHIPS}) % ${VILLAGES_PER_TOWNSHIP})::text, 3, '0')
           WHEN b < 38 THEN dn || '-station-g0' || (1 + k % ${STATIONS})
           WHEN b < 67 THEN CASE WHEN k % 3 = 0 THEN dn || '-station-g0' || (1 + k % ${STATIONS}) ELSE dn || '-legal-aid' END
           ELSE dn || '-plsc' END AS org,
      -- Over the year in Beijing time (a minute of it by k), a village's month met on the month's first day.
      CASE WHEN b BETWEEN 26 AND 30 THEN timestamptz '${YEAR}-01-01 00:00:00+08' + (k % 11) * interval '1 month'
           ELSE timestamptz '${YEAR}-01-01 00:00:00+08' + ((k * 7919) % 480000) * interval '1 minute' END AS occurred,
      CASE WHEN b < 26 THEN 0.5 + (k % 7) * 0.5 WHEN b < 31 THEN 9 WHEN b < 38 THEN 1 + k % 3 WHEN b < 59 THEN 1 + k % 9 ELSE 1 END AS value,
      CASE WHEN b < 26 THEN ${jsonPick(ADVISOR_DIMS, 'k % 12')} WHEN b < 31 THEN ${jsonPick(MONTH_DIMS, 'k % 11')} WHEN b < 38 THEN ${jsonPick(WALK_IN_DIMS, 'k % 40')}
           WHEN b < 67 THEN ${jsonPick(LEGAL_AID_DIMS, 'k % 20')} ELSE ${jsonPick(WORK_ORDER_DIMS, 'k % 3')} END AS dims
    FROM (SELECT i, i / ${DISTRICTS} AS k, (i / ${DISTRICTS}) % 70 AS b, ${districtSql(`i % ${DISTRICTS}`)} AS dn FROM generate_series(0, ${FACTS - 1}) AS i) AS numbered
  ) AS facts`;

const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};

t.test("the reports pages at a province's scale, in a browser", async (t) => {
  const databaseUrl = await freshDatabase(t, 'console_province_reports');
  const [{ reports, url: reportsUrl }, browser] = await Promise.all([startReports(t, databaseUrl), launchBrowser(t)]);
  const { url } = await startConsole(t, { reports: reportsUrl });
  await registerProvince(reports.eventStore);
  await reports.organisations.refresh();
  t.equal([...reports.organisations.current().organisations.values()].filter((o) => o.kind === 'district').length, DISTRICTS, 'a hundred districts registered');

  let visits = 0;
  /** A walk-in recorded at a district's station, then awaited in the facts: the next report is the first after an event. */
  const recordVisit = async (d = visits % DISTRICTS) => {
    visits += 1;
    const consultationId = randomUUID();
    const at = new Date();
    const result = await reports.eventStore.appendToStream(`walkInConsultation-${consultationId}`, [{
      id: randomUUID(), type: 'WalkInConsultationRecorded',
      data: { consultationId, placeId: `${districtId(d)}-station-g01`, districtId: districtId(d), occurredAt: `${YEAR}-06-15T02:00:00.000Z`, persons: 1, topic: 'labour', answer: 'answered_on_the_spot' },
      metadata: { schemaVersion: 1, correlationId: consultationId, causationId: consultationId, actor: { id: 'clerk', role: 'station_clerk', organisation: `${districtId(d)}-station-g01` }, occurredAt: at.toISOString() },
    }]);
    if ((await reports.reportsReadModels.engine.waitForPosition('report_facts', result.position, 20_000)) !== 'reached') throw new Error('the facts projection did not reach the walk-in');
  };
  await recordVisit();

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  t.teardown(() => db.end());
  const table = await activeTable(db, 'report_facts', 'report_facts');
  const fillMs = await fillTable(db, table, factsInsert(table), { primaryKey: true, maintenanceWorkMem: '256MB' });
  const { rows: [own] } = await db.query<{ services: string; facts: string }>(
    `SELECT count(*) FILTER (WHERE kind = 'advisors.service' AND org_id LIKE 'huadu-%') AS services, count(*) AS facts FROM ${table}`,
  );
  const huaduServices = Number(own!.services);
  t.equal(Number(own!.facts), FACTS + 1, `${FACTS} facts written in ${Math.round(fillMs)} ms (and the walk-in)`);

  // The first counts of all: the whole year counted (what every first request after an event cost before).
  const authorization = (role: string, org: string) => ({ authorization: `Bearer ${signTestToken(JWT_SECRET, { sub: `${role}-${org}`, role, org })}` });
  const timed = async (path: string, headers: Record<string, string>, base = reportsUrl) => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return { ms: Math.round(performance.now() - started), bytes: Buffer.byteLength(text), body: JSON.parse(text) as { districts: Array<{ districtId: string; figures: Record<string, { value: number }> }>; total: { figures: Record<string, { value: number }> } | null } };
  };
  const cityWhole = await timed(`/reports/gz/${YEAR}`, authorization('city_auditor', 'gz'));
  const districtWhole = await timed(`/reports/huadu/${YEAR}`, authorization('statistician', 'huadu-bureau'));
  await recordVisit(0);
  const cityCarried = await timed(`/reports/gz/${YEAR}`, authorization('city_auditor', 'gz'));
  t.comment(`the year counted whole: the city's ${cityWhole.ms} ms, 花都's ${districtWhole.ms} ms; the city's after a walk-in, carried forward: ${cityCarried.ms} ms; the city's JSON ${cityCarried.bytes} bytes`);
  t.equal(cityWhole.body.districts.length, DISTRICTS + 1, 'the city: every district and 市本级');
  t.equal(districtWhole.body.districts[0]!.figures.advisor_services!.value, huaduServices, "花都's services: its own facts of the kind");
  const huaduCarried = cityCarried.body.districts.find((d) => d.districtId === 'huadu')!;
  t.equal(huaduCarried.figures.walk_in_visits!.value, cityWhole.body.districts.find((d) => d.districtId === 'huadu')!.figures.walk_in_visits!.value + 1, 'carried forward: the walk-in since counted once');
  t.equal(cityCarried.body.total!.figures.advisor_services!.value, cityWhole.body.total!.figures.advisor_services!.value, 'the rest as counted whole');

  // The city's JSON right after a walk-in (each time another district's), and asked again with nothing
  // new: the time and this process's CPU per request (the service runs in it; the JSON read, not parsed), medians of ten.
  const perRequest = async (before: () => Promise<unknown>, query = '') => {
    const ms: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i += 1) {
      await before();
      const [used, started] = [process.cpuUsage(), performance.now()];
      const response = await fetch(`${reportsUrl}/reports/gz/${YEAR}${query}`, { headers: authorization('city_auditor', 'gz') });
      bytes = Buffer.byteLength(await response.text());
      ms.push(Math.round(performance.now() - started));
      const { user, system } = process.cpuUsage(used);
      cpu.push(Math.round((user + system) / 1000));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return { ms: median(ms), cpu: median(cpu), all: ms, bytes };
  };
  const afterWalkIn = await perRequest(() => recordVisit());
  const nothingNew = await perRequest(async () => {});
  const pageAsks = await perRequest(() => recordVisit(), '?view=figures');
  t.comment(`the city's JSON after a walk-in: ${afterWalkIn.ms} ms, ${afterWalkIn.cpu} ms CPU (median of ${afterWalkIn.all.join(', ')}); asked again with nothing new: ${nothingNew.ms} ms, ${nothingNew.cpu} ms CPU`);
  t.comment(`the figures the city's page asks for after a walk-in: ${pageAsks.ms} ms, ${pageAsks.cpu} ms CPU (median of ${pageAsks.all.join(', ')}), ${pageAsks.bytes} bytes`);

  // A restart: another instance of the service on the same database, nothing in memory, its first request
  // after a walk-in carried forward from the tallies the last count kept in the database (not counted whole).
  await recordVisit(1);
  const restarted = await startReports(t, databaseUrl);
  await restarted.reports.organisations.refresh();
  const cityRestarted = await timed(`/reports/gz/${YEAR}`, authorization('city_auditor', 'gz'), restarted.url);
  t.comment(`the city's year, the first request of a restarted service after a walk-in: ${cityRestarted.ms} ms`);
  const baiyunOf = (body: typeof cityWhole.body) => body.districts.find((d) => d.districtId === 'baiyun')!.figures.walk_in_visits!.value;
  t.equal(baiyunOf(cityRestarted.body), baiyunOf(cityWhole.body) + 1, 'carried forward from the kept tallies: the walk-in since counted once');
  // Not held to the bar: 1.0-1.4 s beside three other test files (as the carried count below, 0.6 s, with
  // the kept tallies read and 101 districts' closes read from the store); held well below the whole count.
  t.ok(cityRestarted.ms < cityWhole.ms / 2, `the first count after a restart not the whole count: ${cityRestarted.ms} ms against ${cityWhole.ms} ms`);
  await restarted.reports.close();

  t.test("a statistician's year and a figure's cases, each the first request after an event", async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'statistician', 'huadu-bureau');
    const yearPage = `#/reports/huadu/${YEAR}`;
    const afterAVisit = async () => {
      await home(page)();
      await recordVisit(0);
    };
    const year = await medianUsable(page, afterAVisit, () => hashTo(page, yearPage), `[data-headline="advisor_services"] strong:text("${huaduServices.toLocaleString('zh-CN')}")`);
    t.ok(year.median < USABLE_BAR_MS, `the year usable in ${Math.round(year.median)} ms (median of ${year.all.join(', ')})`);
    await page.locator('[data-chart="walk_ins_by_topic"] svg').waitFor();
    await shot(page, 'province-reports-district-year');

    const drill = await medianUsable(page, afterAVisit, () => hashTo(page, `${yearPage}/figures/advisor_services`), `[data-count="${huaduServices}"]`);
    t.ok(drill.median < USABLE_BAR_MS, `the services' cases usable in ${Math.round(drill.median)} ms (median of ${drill.all.join(', ')})`);
    t.ok((await page.locator('tr[data-fact]').count()) > 0, 'the first page of its cases');
    await shot(page, 'province-reports-drill-down');
    await page.context().close();
  });

  t.test("the city auditor's year, district by district, the first request after an event", async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'city_auditor', 'gz');
    const afterAVisit = async () => {
      await home(page)();
      await recordVisit();
    };
    // Marks in the page (its own clock): each navigation to the city's year, and when its last chip appeared.
    await page.evaluate(`(() => {
      const marks = (window.__marks = { hash: [], chips: [], seen: false });
      addEventListener('hashchange', () => { if (location.hash === '#/reports/gz/${YEAR}') marks.hash.push(performance.now()); });
      new MutationObserver(() => {
        const seen = document.querySelector('nav.filters button.chip:nth-child(${DISTRICTS + 1})') !== null;
        if (seen && !marks.seen) marks.chips.push(performance.now());
        marks.seen = seen;
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    // By the page's own clock (usableInPage): the services run in this process, and right after the
    // figures are drawn the service draws the city's charts (a hundred districts side by side), which held
    // back the driver's "it is there" by 0.2-2.6 s at load 17-20 while the page itself had drawn its
    // figures 0.4-1.2 s after the navigation (the figures' request most of it: the figures view, 291 KB).
    const year = await medianUsableInPage(page, afterAVisit, () => hashTo(page, `#/reports/gz/${YEAR}`), `nav.filters button.chip:nth-child(${DISTRICTS + 1})`);
    t.ok(year.median < USABLE_BAR_MS, `the city's year usable in ${Math.round(year.median)} ms by the page's clock (median of ${year.all.join(', ')})`);
    // Where it went, by the page's own clock: from the navigation to the figures' request, its answer
    // (the console's proxy and the service) and the last chip drawn.
    const inPage = (await page.evaluate(`(() => {
      const requests = performance.getEntriesByType('resource').filter((e) => e.name.includes('/reports/gz/${YEAR}?view=figures'));
      return window.__marks.hash.map((at, i) => [requests[i]?.startTime, requests[i]?.responseEnd, window.__marks.chips[i]].map((t) => (t === undefined ? '?' : Math.round(t - at))).join('/'));
    })()`)) as string[];
    t.comment(`in the page, the city's figures asked/answered/drawn ms after the navigation: ${inPage.join(', ')}`);
    t.equal(await page.locator('nav.filters button.chip').count(), DISTRICTS + 1, 'every district and 市本级 to choose');
    const started = performance.now();
    await page.locator('[data-chart="districts_side_by_side"] svg').waitFor({ timeout: 30_000 });
    t.comment(`the city's charts drawn ${Math.round(performance.now() - started)} ms after the figures`);
    await shot(page, 'province-reports-city-year');
    await page.context().close();
  });
});
