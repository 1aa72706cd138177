// The services' statistics agree with the report, for a closed period too (issue 21: "The services'
// monthly statistics follow the same rule, and agree with the report for a closed period (a test checks
// every figure on a generated year)"). A small generated 2025 in the city; the hotline, legal aid and
// the advisors run their projections on the same store. 花都's statistician closes March and the year;
// after the close a late work order, a late application and a voided ledger entry are recorded. Every
// figure of the services' statistics routes for the closed periods equals the report's as closed, the
// late records show as restatements in both, each naming the same events (the services' restatement lists
// the events that moved a figure; the report's the fact versions recorded since), and every other month
// agrees as things stand. The city's statistician closes the city's own row (市本级: the city's legal-aid
// office, which received an application and was notified of a case in March) for March and the year too;
// after that close an application received in March at the city's office is recorded late. The services'
// figures for the city's own organisations equal the report's 市本级 row as closed, and the late
// application is restated in both, naming the same event. Walk-in counts follow 花都's close too (a
// late visit restated in both).
import { buildAdvisorsApp } from '@bureau/advisors/app';
import { loadConfig as advisorsConfig } from '@bureau/advisors/config';
import { advisorLedgerCategory, decideLedger, defaultAdvisorLimits, foldLedger, type LedgerEvent } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import { LEDGER_MONTHS_PROJECTION } from '@bureau/advisors/projections';
import { formatPosition, type GlobalPosition } from '@bureau/event-store';
import { closingUnitOf } from '@bureau/service-kit';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig as hotlineConfig } from '@bureau/hotline-service/config';
import { WORK_ORDERS_PROJECTION } from '@bureau/hotline-service/projections';
import { buildLegalAidApp } from '@bureau/legal-aid/app';
import { loadConfig as legalAidConfig } from '@bureau/legal-aid/config';
import { FILES_PROJECTION } from '@bureau/legal-aid/projections';
import { WALK_INS_PROJECTION } from '@bureau/legal-aid/walk-ins-read-model';
import { districtOf } from '@bureau/organisations';
import { eventually } from '@bureau/testing';
import { generateYear } from '@bureau/year-generator';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { FACTS_PROJECTION } from '../src/read-models/facts-projection.js';
import { JWT_SECRET, reportsFixture } from './support/app.js';
import { dispatch, legalAidHistory, local, notification, reply, signFor, submit, walkIn, workOrderHistory, type AidStep } from './support/histories.js';

const SCALE = 0.02;
const timings = { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 };
type Figures = Record<string, { value: number | null }>;
type DistrictReport = { figures: Figures; restatements: { figure: string; asClosed: number | null; now: number | null; changes: { eventId: string; change: string }[] }[]; closed: unknown };
/** A service's restatement: the figure, and the events after the close that moved it. */
/** The city's legal-aid office (市本级) as the one acting, and a case of the city's competence (an authority that sits at city level). */
const byCityOffice = { id: 'gz-legal-aid', kind: 'legal_aid_office' } as const;
const cityApplication = (id: string, at: Date): AidStep => ({
  command: submit(id, { competenceFacts: { kind: 'litigation', caseAuthority: '广州市中级人民法院', authoritySits: { cityLevel: true } } }), now: at, by: byCityOffice,
});
const cityNotice = (caseId: string, at: Date): AidStep => {
  const step = notification(caseId, at, 'gz-legal-aid');
  if (step.command.type !== 'ReceiveNotification') return step;
  const data = step.command.data;
  return { ...step, command: { ...step.command, data: { ...data, notifyingAuthority: { ...data.notifyingAuthority, name: '广州市中级人民法院', sits: { cityLevel: true } } } } };
};
type ServiceRestatement = { figure: string; asClosed: number | null; now: number | null; events: { eventId: string; eventType: string; position: string; actor: unknown }[]; eventCount: number };

t.test(`a ${SCALE}x generated year: the services' statistics agree with the report, closed periods as closed`, async (t) => {
  const clock = new Date('2026-03-01T02:00:00Z');
  const f = await reportsFixture(t, clock);
  const base = { DATABASE_URL: f.config.DATABASE_URL, JWT_SECRET, LOG_LEVEL: 'error', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' };
  // Timers off: nothing but the test writes (a late overdue would be a correction of its own).
  const hotline = await buildHotlineApp(hotlineConfig({
    ...base, HOTLINE_CENTRE_ID: 'huadu-plsc', DEADLINE_TIMERS_FIRE: 'false',
    PLATFORM_ID: 'gz12345', PLATFORM_SECRET: 'services-agree-platform-secret', PLATFORM_BASE_URL: 'http://127.0.0.1:9',
  }), { clock: () => clock, readModels: timings });
  t.teardown(() => hotline.close());
  const legalAid = await buildLegalAidApp(legalAidConfig({ ...base, LEGAL_AID_IDENTITY_HASH_KEY: 'services-agree-identity-hash-key-0123456789', DEADLINE_TIMERS_FIRE: 'false' }), { clock: () => clock, readModels: timings, reconcileOnTimer: false });
  t.teardown(() => legalAid.close());
  const advisors = await buildAdvisorsApp(advisorsConfig({ ...base, MONTH_END_TIMERS_FIRE: 'false' }), { clock: () => clock, readModels: timings });
  t.teardown(() => advisors.close());
  await Promise.all([hotline.ready(), legalAid.ready(), advisors.ready()]);

  const store = f.app.eventStore;
  const started = Date.now();
  const summary = await generateYear({ store, scale: SCALE, seed: 'services-agree', year: 2025 });
  t.ok(summary.districts.huadu, '花都 generated');
  t.comment(`${summary.events} events generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  /** Every read model has applied everything written so far (and every committed event is readable). */
  const settled = async () => {
    await eventually(async () => {
      const [visible, committed] = [await store.headPosition(), await store.lastCommittedPosition()];
      return visible && committed && formatPosition(visible) === formatPosition(committed);
    }, 30_000, 'every committed event readable');
    const head = (await store.headPosition()) as GlobalPosition;
    for (const [engine, name] of [
      [f.app.reportsReadModels.engine, FACTS_PROJECTION], [hotline.readModels.engine, WORK_ORDERS_PROJECTION],
      [legalAid.legalAidReadModels.engine, FILES_PROJECTION], [legalAid.legalAidWalkIns.engine, WALK_INS_PROJECTION], [advisors.advisorsReadModels.engine, LEDGER_MONTHS_PROJECTION],
    ] as const) t.equal(await engine.waitForPosition(name, head, 60_000), 'reached', `${name} at the head`);
    await Promise.all([f.app, hotline, legalAid, advisors].map((app) => app.organisations.refresh()));
  };
  await settled();

  // The city's own organisations' March (市本级): an application received at the city's office, a case notified to it.
  await f.appendLegalAid('city-application-1', legalAidHistory([cityApplication('city-application-1', local('2025-03-06 10:00'))]));
  await f.appendLegalAid('city-notice-1', legalAidHistory([cityNotice('city-notice-1', local('2025-03-09 15:00'))]));

  const auditor = f.tokens.huaduAuditor;
  const cityStatistician = f.token('city_statistician', 'gz');
  const read = async (app: FastifyInstance, url: string, authorization = auditor) => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization } });
    t.equal(res.statusCode, 200, res.statusCode === 200 ? url : `${url}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const report = async (period: string) => (await read(f.app, `/reports/huadu/${period}`)).districts[0] as DistrictReport;
  /** The city's report: its rows (花都, 白云, 市本级 under the city's id) and its total. */
  const cityReport = async (period: string) => {
    const r = await read(f.app, `/reports/gz/${period}`, cityStatistician);
    return { own: (r.districts as (DistrictReport & { districtId: string })[]).find((d) => d.districtId === 'gz')!, total: r.total as DistrictReport };
  };

  // 花都's statistician closes March and the year 2025; the city's statistician the city's own (市本级).
  for (const period of ['2025-03', '2025']) {
    const res = await f.post(`/reports/huadu/${period}/close`, { commandId: crypto.randomUUID(), note: null });
    t.equal(res.statusCode, 200, `closed ${period}: ${res.body}`);
    t.equal((await f.post(`/reports/gz/${period}/close`, { commandId: crypto.randomUUID(), note: null })).statusCode, 404, '花都\'s statistician cannot close the city\'s own');
    t.equal((await f.post(`/reports/huadu/${period}/close`, { commandId: crypto.randomUUID(), note: null }, cityStatistician)).statusCode, 403, 'nor the city\'s a district');
    const city = await f.post(`/reports/gz/${period}/close`, { commandId: crypto.randomUUID(), note: '市本级' }, cityStatistician);
    t.equal(city.statusCode, 200, `市本级 closed ${period}: ${city.body}`);
  }
  await settled();
  const closed = { march: await report('2025-03'), year: await report('2025') };
  const cityClosed = { march: await cityReport('2025-03'), year: await cityReport('2025') };
  t.ok((cityClosed.march.own.figures.received?.value ?? 0) >= 1 && (cityClosed.march.own.figures.notified?.value ?? 0) >= 1, '市本级 received and was notified in March');

  // After the close: a work order dispatched in March arrives late (an import), an application received
  // in March is recorded late, and a March ledger entry is voided.
  const lateOrder = crypto.randomUUID();
  await f.appendWorkOrder(lateOrder, workOrderHistory([dispatch(lateOrder, local('2025-03-11 09:00')), signFor(local('2025-03-11 10:00')), reply(local('2025-03-12 16:00'))]));
  await f.appendLegalAid('late-application-1', legalAidHistory([{ command: submit('late-application-1'), now: local('2025-03-13 10:00') }]));
  const ledger = await aLedgerOf(f.app, 'huadu', '2025-03');
  const entryId = ledger.state.entries.find((e) => e.status === 'standing')?.entryId;
  if (!entryId) throw new Error(`no entry in force in ${ledger.stream}`);
  const village = { villageId: ledger.villageId, judicialOfficeId: ledger.judicialOfficeId };
  const context = { now: local('2026-02-27 10:00'), limits: defaultAdvisorLimits, village, month: '2025-03', appointments: [] };
  // An approved month is reopened first (更正 after approval), as the office would.
  const reopened = ledger.state.status === 'approved' ? decideLedger({ type: 'ReopenMonth', data: { reason: '重复登记,更正' } }, ledger.state, context) : [];
  const voided = decideLedger({ type: 'VoidEntry', data: { entryId, reason: '重复登记' } }, foldLedger([...ledger.events, ...reopened]), context);
  await f.appendLedger(ledger.villageId, '2025-03', [...reopened, ...voided]);
  // A visit at 花都's centre in March, recorded late.
  const lateVisit = crypto.randomUUID();
  await f.appendWalkIn(lateVisit, [walkIn(lateVisit, 'huadu-plsc', 'huadu', local('2025-03-18 10:00'), 2)]);
  // After the city's close: an application received at the city's office in March, recorded late.
  await f.appendLegalAid('late-city-application', legalAidHistory([cityApplication('late-city-application', local('2025-03-20 10:00'))]));
  await settled();

  const restated = (r: DistrictReport) => Object.fromEntries(r.restatements.map((x) => [x.figure, [x.asClosed, x.now]]));
  const value = (r: DistrictReport, key: string) => r.figures[key]?.value ?? 0;
  const later = { march: await report('2025-03'), year: await report('2025') };
  const cityLater = { march: await cityReport('2025-03'), year: await cityReport('2025') };
  t.same(cityLater.march.own.figures.received, cityClosed.march.own.figures.received, 'the report\'s 市本级 March stands as closed');
  t.match(restated(cityLater.march.own), { received: [value(cityClosed.march.own, 'received'), value(cityClosed.march.own, 'received') + 1] }, 'the report restates 市本级\'s March');
  t.match(restated(cityLater.year.own), { received: [value(cityClosed.year.own, 'received'), value(cityClosed.year.own, 'received') + 1] }, 'and its year');
  t.same(later.march.figures.work_orders, closed.march.figures.work_orders, 'the report\'s closed March stands');
  t.match(restated(later.march), { work_orders: [closed.march.figures.work_orders?.value, (closed.march.figures.work_orders?.value ?? 0) + 1], received: [closed.march.figures.received?.value, (closed.march.figures.received?.value ?? 0) + 1] }, 'the report restates March');
  t.ok(restated(later.march).advisor_services, 'the voided entry restates the services');

  /** The events the report's restatement of `key` lists (none when it is not restated). */
  const reportEvents = (r: DistrictReport, key: string) => [...new Set(r.restatements.find((x) => x.figure === key)?.changes.map((c) => c.eventId) ?? [])].sort();
  /** The events a service's restatements of these figures list (a figure summed over offices: every office's). */
  const serviceEvents = (restatements: ServiceRestatement[], figure: (name: string) => boolean) =>
    [...new Set(restatements.filter((x) => figure(x.figure)).flatMap((x) => x.events.map((e) => e.eventId)))].sort();

  t.test('hotline: the month\'s figures', async (t) => {
    // Every month of the year: March as closed, the others as they stand.
    let dispatched = 0;
    for (let i = 1; i <= 12; i++) {
      const month = `2025-${String(i).padStart(2, '0')}`;
      const r = month === '2025-03' ? later.march : await report(month);
      const asked = performance.now();
      const m = await read(hotline, `/reports/monthly/${month}`);
      if (month === '2025-02' || month === '2025-03') t.comment(`hotline ${month}${month === '2025-03' ? ' (closed, restated, its events found)' : ''}: ${Math.round(performance.now() - asked)} ms`);
      t.same({
        dispatched: m.dispatched, signedForOnTime: m.timelySignForRate.numerator, returned: m.returnRate.numerator,
        replied: m.onTimeReplyRate.denominator, repliedOnTime: m.onTimeReplyRate.numerator, rated: m.satisfactionRate.denominator,
        satisfied: m.satisfactionRate.numerator, resolved: m.resolutionRate.numerator, overdue: m.overdueCount,
      }, {
        dispatched: value(r, 'work_orders'), signedForOnTime: value(r, 'signed_for_on_time'), returned: value(r, 'returned'),
        replied: value(r, 'replied'), repliedOnTime: value(r, 'replied_on_time'), rated: value(r, 'rated'),
        satisfied: value(r, 'satisfied'), resolved: value(r, 'resolved'), overdue: value(r, 'overdue'),
      }, `${month}: every figure as the report's`);
      dispatched += m.dispatched;
      if (month === '2025-03') {
        t.same(m.closed.map((c: { districtId: string }) => c.districtId), ['huadu'], 'shown as closed');
        t.match(m.restatements, [{ figure: 'dispatched', asClosed: value(r, 'work_orders'), now: value(r, 'work_orders') + 1 }], 'the late order restated');
        const keys = { dispatched: 'work_orders', signedForOnTime: 'signed_for_on_time', returned: 'returned', replied: 'replied', repliedOnTime: 'replied_on_time', rated: 'rated', satisfied: 'satisfied', resolved: 'resolved', overdue: 'overdue' };
        for (const [name, key] of Object.entries(keys)) {
          t.same(serviceEvents(m.restatements, (f) => f === name), reportEvents(r, key), `${name}: the same events as the report's ${key}`);
        }
        t.equal(m.restatements.find((x: ServiceRestatement) => x.figure === 'dispatched').events.length, 1, 'the late order: one event moved 派单');
        t.ok(m.restatements.every((x: ServiceRestatement) => x.events.every((e) => e.position && e.actor)), 'each event with its position and who recorded it');
      } else t.same(m.restatements, [], 'an open month: nothing restated');
    }
    t.ok(dispatched > 0, `${dispatched} orders compared`);
  });

  t.test('legal aid: the month\'s and the year\'s figures', async (t) => {
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    const periods = [['/statistics/yearly/2025', later.year] as const, ...await Promise.all(months.map(async (m) => [`/statistics/monthly/${m}`, m === '2025-03' ? later.march : await report(m)] as const))];
    for (const [url, r] of periods) {
      const s = await read(legalAid, url);
      const sum = (name: string) => s.offices.reduce((n: number, o: Record<string, number>) => n + (o[name] ?? 0), 0);
      t.same({
        received: sum('received'), notified: sum('notified'), approved: sum('approved'), refused: sum('refused'), greenChannel: sum('greenChannel'),
        transferredIn: sum('transferredIn'), transferredOut: sum('transferredOut'), preliminaryAid: sum('preliminaryAid'),
        qualityReviewed: sum('qualityReviewed'), qualityExcellentOrGood: sum('qualityExcellentOrGood'),
      }, {
        received: value(r, 'received'), notified: value(r, 'notified'), approved: value(r, 'approved'), refused: value(r, 'refused'), greenChannel: value(r, 'green_channel'),
        transferredIn: value(r, 'transferred_in'), transferredOut: value(r, 'transferred_out'), preliminaryAid: value(r, 'preliminary_aid'),
        qualityReviewed: value(r, 'quality_reviewed'), qualityExcellentOrGood: value(r, 'quality_excellent_or_good'),
      }, `${url}: every figure as the report's`);
      const deciding = s.offices.filter((o: { decisions: number }) => o.decisions > 0);
      if (deciding.length === 1) t.equal(deciding[0].medianWorkingDaysToDecision, r.figures.median_days_to_decision?.value, `${url}: the median working days`);
      if (url === '/statistics/monthly/2025-03') {
        t.same(s.closed.map((c: { districtId: string }) => c.districtId), ['huadu']);
        t.ok(s.restatements.some((x: { figure: string; asClosed: number; now: number }) => x.figure.endsWith('.received') && x.now === x.asClosed + 1), 'the late application restated');
        const keys = { received: 'received', notified: 'notified', approved: 'approved', refused: 'refused', greenChannel: 'green_channel', transferredIn: 'transferred_in', transferredOut: 'transferred_out', preliminaryAid: 'preliminary_aid', qualityReviewed: 'quality_reviewed', qualityExcellentOrGood: 'quality_excellent_or_good' };
        const offices = new Set(s.offices.map((o: { officeId: string }) => o.officeId));
        for (const [name, key] of Object.entries(keys)) {
          t.same(serviceEvents(s.restatements, (f) => offices.has(f.slice(0, f.lastIndexOf('.'))) && f.endsWith(`.${name}`)), reportEvents(r, key), `${name}: the same events as the report's ${key}`);
        }
        t.equal(serviceEvents(s.restatements, (f) => f.endsWith('.received')).length, 1, 'the late application: one event moved 收案');
      }
    }
  });

  t.test('walk-ins: the month\'s persons and visits', async (t) => {
    let persons = 0;
    for (let i = 1; i <= 12; i++) {
      const month = `2025-${String(i).padStart(2, '0')}`;
      const r = month === '2025-03' ? later.march : await report(month);
      const c = await read(legalAid, `/walk-in-consultations/counts/${month}`);
      t.same({ persons: c.persons, visits: c.visits }, { persons: value(r, 'walk_in_persons'), visits: value(r, 'walk_in_visits') }, `${month}: 人次 and visits as the report's`);
      persons += c.persons;
      if (month !== '2025-03') {
        t.same(c.restatements, [], `${month}: an open month, nothing restated`);
        continue;
      }
      t.same(c.closed.map((x: { districtId: string }) => x.districtId), ['huadu'], 'shown as closed');
      const moved = c.restatements.find((x: ServiceRestatement) => x.figure === 'huadu-plsc.persons');
      t.equal((moved?.now ?? 0) - (moved?.asClosed ?? 0), 2, 'the late visit restated: its 2 persons');
      t.same(serviceEvents(c.restatements, (f) => f.endsWith('.persons')), reportEvents(r, 'walk_in_persons'), 'persons: the same events as the report\'s walk_in_persons');
      t.same(serviceEvents(c.restatements, (f) => f.endsWith('.visits')), reportEvents(r, 'walk_in_visits'), 'visits: the same events as the report\'s walk_in_visits');
      t.equal(serviceEvents(c.restatements, (f) => f.endsWith('.persons')).length, 1, 'the late visit: one event moved 人次');
    }
    t.ok(persons > 0, `${persons} persons compared`);
  });

  t.test('legal aid: the city\'s own offices (市本级), as the city closed them', async (t) => {
    const registry = legalAid.organisations.current();
    const own = (id: string) => closingUnitOf(registry, id) === 'gz';
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    const periods = [['/statistics/yearly/2025', cityLater.year.own] as const, ...await Promise.all(months.map(async (m) => [`/statistics/monthly/${m}`, m === '2025-03' ? cityLater.march.own : (await cityReport(m)).own] as const))];
    let received = 0;
    for (const [url, r] of periods) {
      const s = await read(legalAid, url, cityStatistician);
      const offices = s.offices.filter((o: { officeId: string }) => own(o.officeId));
      const sum = (name: string) => offices.reduce((n: number, o: Record<string, number>) => n + (o[name] ?? 0), 0);
      const keys = { received: 'received', notified: 'notified', approved: 'approved', refused: 'refused', greenChannel: 'green_channel', transferredIn: 'transferred_in', transferredOut: 'transferred_out', preliminaryAid: 'preliminary_aid', qualityReviewed: 'quality_reviewed', qualityExcellentOrGood: 'quality_excellent_or_good' };
      t.same(Object.fromEntries(Object.keys(keys).map((name) => [name, sum(name)])), Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, value(r, key)])), `${url}: 市本级's every figure as the report's`);
      if (url.endsWith('/2025-03')) received = sum('received');
      const closedPeriod = url === '/statistics/monthly/2025-03' || url === '/statistics/yearly/2025';
      t.equal(s.closed.some((c: { districtId: string }) => c.districtId === 'gz'), closedPeriod, `${url}: ${closedPeriod ? '' : 'not '}shown as closed by the city`);
      if (!closedPeriod) continue;
      t.match(s.restatements.find((x: ServiceRestatement) => x.figure === 'gz-legal-aid.received'), { asClosed: value(r, 'received'), now: value(r, 'received') + 1 }, `${url}: the late application restated`);
      const ownFigure = (f: string) => own(f.slice(0, f.indexOf('.')));
      for (const [name, key] of Object.entries(keys)) {
        t.same(serviceEvents(s.restatements, (f) => ownFigure(f) && f.endsWith(`.${name}`)), reportEvents(r, key), `${url} ${name}: the same events as the report's 市本级 ${key}`);
      }
      t.equal(serviceEvents(s.restatements, (f) => ownFigure(f) && f.endsWith('.received')).length, 1, `${url}: one event moved 市本级's 收案`);
    }
    t.ok(received >= 1, `市本级 March: ${received} received as closed`);
  });

  t.test('hotline and advisors: 市本级 has no orders and no ledgers, the city\'s figures agree', async (t) => {
    // Orders are owned by public legal service centres, villages sit in townships (both only in districts:
    // organisations/kinds.ts), and a visit is placed in a district (legal aid's walk-in decider,
    // place_without_district): the city's own row counts none of theirs.
    for (const key of ['work_orders', 'advisor_services', 'on_site_hours', 'walk_in_persons']) {
      t.equal(value(cityLater.march.own, key), 0, `市本级 ${key} in March`);
      t.equal(value(cityLater.year.own, key), 0, `市本级 ${key} in 2025`);
    }
    const m = await read(hotline, '/reports/monthly/2025-03', cityStatistician);
    t.same(m.closed.map((c: { districtId: string }) => c.districtId).sort(), ['gz', 'huadu'], 'the city\'s March: closed by 花都 and by the city');
    const total = cityLater.march.total;
    t.same({ dispatched: m.dispatched, replied: m.onTimeReplyRate.denominator, repliedOnTime: m.onTimeReplyRate.numerator, overdue: m.overdueCount },
      { dispatched: value(total, 'work_orders'), replied: value(total, 'replied'), repliedOnTime: value(total, 'replied_on_time'), overdue: value(total, 'overdue') },
      'the city\'s March as the report\'s total (全市合计), each row as it stands in the report');
    t.match(m.restatements, [{ figure: 'dispatched', asClosed: value(total, 'work_orders'), now: value(total, 'work_orders') + 1 }], 'the late order restated');
  });

  t.test('advisors: the district\'s month, its townships, the year', async (t) => {
    const asked = performance.now();
    const summaryOf = await read(advisors, '/districts/huadu/summary/2025-03');
    t.comment(`advisors 2025-03 (closed, restated, its events found): ${Math.round(performance.now() - asked)} ms; open 2025-02: ${await (async () => { const at = performance.now(); await read(advisors, '/districts/huadu/summary/2025-02'); return Math.round(performance.now() - at); })()} ms`);
    t.equal(summaryOf.entries, value(later.march, 'advisor_services'), '件/次 in March as closed');
    t.equal(summaryOf.onSiteMinutes / 60, value(later.march, 'on_site_hours'), 'hours on site in March as closed');
    t.match(summaryOf.closed, { districtId: 'huadu' });
    t.match(summaryOf.restatements.find((x: { figure: string }) => x.figure === 'entries'), { figure: 'entries', asClosed: value(later.march, 'advisor_services'), now: value(later.march, 'advisor_services') - 1 }, 'the voided entry restated');
    t.same(serviceEvents(summaryOf.restatements, (f) => f === 'entries'), reportEvents(later.march, 'advisor_services'), '件/次: the same events as the report\'s');
    t.same(serviceEvents(summaryOf.restatements, (f) => f === 'entries').length, 1, 'the void alone moved 件/次');
    const registry = advisors.organisations.current();
    const townships = [...registry.organisations.values()].filter((o) => o.kind === 'township' && districtOf(registry, o.id)?.id === 'huadu');
    let entries = 0;
    for (const township of townships) {
      const res = await advisors.inject({ method: 'GET', url: `/townships/${township.id}/figures/2025-03`, headers: { authorization: auditor } });
      if (res.statusCode === 404) continue; // a township without villages
      t.equal(res.statusCode, 200, res.body);
      entries += res.json().totals.services;
    }
    t.equal(entries, value(later.march, 'advisor_services'), 'the townships\' March entries add up to the closed figure');
    const annual = await read(advisors, '/districts/huadu/annual/2025');
    t.equal(annual.services, value(later.year, 'advisor_services'), '件/次 in 2025 as closed');
    t.equal(annual.onSiteHours, value(later.year, 'on_site_hours'), 'hours on site in 2025 as closed');
    t.equal(annual.villagesMetEveryMonth, (await read(f.app, '/reports/huadu/2025')).districts[0].villagesMetEveryMonth.value, '每月达标村');
    t.ok(annual.restatements.length > 0, 'the year restated too');
  });
});

/** A ledger of the district's month with an entry in force (the generator's), with its history. */
async function aLedgerOf(app: FastifyInstance, districtId: string, month: string) {
  const registry = app.organisations.current();
  for await (const recorded of app.eventStore.readAll({ filter: { streamCategories: [advisorLedgerCategory] } })) {
    if (!recorded.streamName.endsWith(`_${month}`)) continue;
    const events: LedgerEvent[] = [];
    for await (const e of app.eventStore.readStream(recorded.streamName)) events.push(advisorLedgerEvents.fromRecorded(e));
    const state = foldLedger(events);
    if (state.status === 'unopened' || districtOf(registry, state.villageId)?.id !== districtId) continue;
    if (!state.entries.some((e) => e.status === 'standing')) continue;
    return { stream: recorded.streamName, villageId: state.villageId, judicialOfficeId: state.judicialOfficeId, events, state };
  }
  throw new Error(`no ledger of ${districtId} in ${month}`);
}
