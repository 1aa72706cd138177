// The report service's token matrix: every route x every role x the caller's own district and another's.
// 花都 and 白云 each have walk-ins recorded in 2026. A district role reaches its own district's figures
// only: another district's report, drill-down, outputs or close answer exactly as a district that does not
// exist (same status, same body), and a write to it changes nothing; the city-wide roles read every
// district, district by district. A close is the act of the statistician whose figures it freezes: a
// district's statistician closes their district, the city's statistician the city's own (市本级) and no
// district. A route missing from this matrix fails the test.
import { randomUUID } from 'node:crypto';
import { buildReportsApp } from '@bureau/reports/app';
import { loadConfig } from '@bureau/reports/config';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { JWT_SECRET, caller, routesMissingFrom, tokensFor, withoutRequestFields } from '../support/matrix.js';


/** Each role and where its people sit: `own` is 花都's, `other` 白云's (the city roles sit at the city). */
const roles = {
  statistician: { own: 'huadu-bureau', other: 'baiyun-bureau' },
  auditor: { own: 'huadu-bureau', other: 'baiyun-bureau' },
  city_auditor: { own: 'gz', other: 'gz' },
  city_administrator: { own: 'gz', other: 'gz' },
  // The city's statistician (市统计员): reads every district, closes the city's own (市本级).
  city_statistician: { own: 'gz', other: 'gz' },
  // Roles the report has no use for: the centre's 12345 staff, a legal-aid clerk.
  centre_staff: { own: 'huadu-plsc', other: 'baiyun-plsc' },
  legal_aid_clerk: { own: 'huadu-legal-aid', other: 'baiyun-legal-aid' },
} as const;
type Role = keyof typeof roles;
const allRoles = Object.keys(roles) as Role[];
const cityWide: Role[] = ['city_auditor', 'city_administrator', 'city_statistician'];
const readers: Role[] = ['statistician', 'auditor', ...cityWide];
/** The projections' status: the district's and the city's auditors and administrators, not the statisticians. */
const operators: Role[] = ['auditor', 'city_auditor', 'city_administrator'];

interface Case {
  readonly method: 'GET' | 'POST';
  readonly route: string;
  readonly admits: Role[];
  readonly request: (districtId: string) => { url: string; payload?: object };
  /** False for a route about the service, not a district's figures (the same answer for every district). */
  readonly aboutADistrict?: false;
  /** A write a city-wide role makes for the city's own (市本级) only: its request names the city (a district: 403, below). */
  readonly cityOwn?: true;
}

const cmd = (extra: object = {}) => ({ commandId: randomUUID(), ...extra });
const matrix: Case[] = [
  { method: 'GET', route: '/reports/{scopeId}/{period}', admits: readers, request: (d) => ({ url: `/reports/${d}/2026` }) },
  { method: 'GET', route: '/reports/{scopeId}/{period}/figures/{figure}/facts', admits: readers, request: (d) => ({ url: `/reports/${d}/2026/figures/walk_in_persons/facts` }) },
  { method: 'GET', route: '/reports/{scopeId}/{period}/drill-downs', admits: readers, request: (d) => ({ url: `/reports/${d}/2026/drill-downs` }) },
  { method: 'GET', route: '/reports/{scopeId}/{period}/report.html', admits: readers, request: (d) => ({ url: `/reports/${d}/2026/report.html` }) },
  { method: 'GET', route: '/reports/{scopeId}/{period}/report.pdf', admits: readers, request: (d) => ({ url: `/reports/${d}/2026-01/report.pdf` }) },
  { method: 'GET', route: '/reports/{scopeId}/{period}/charts', admits: readers, request: (d) => ({ url: `/reports/${d}/2026/charts` }) },
  { method: 'GET', route: '/reports/{scopeId}/{period}/report.xlsx', admits: readers, request: (d) => ({ url: `/reports/${d}/2026/report.xlsx` }) },
  { method: 'POST', route: '/reports/{scopeId}/{period}/close', admits: ['statistician', 'city_statistician'], request: (d) => ({ url: `/reports/${d}/2026-02/close`, payload: cmd() }), cityOwn: true },
  { method: 'GET', route: '/projections', admits: operators, request: () => ({ url: '/projections' }), aboutADistrict: false },
  { method: 'POST', route: '/reports/{scopeId}/peer-review-ranks', admits: ['statistician'], request: (d) => ({ url: `/reports/${d}/peer-review-ranks`, payload: cmd({ year: 2026, rank: 2, of: 11, source: '通报' }) }) },
];

const walkIn = (consultationId: string, placeId: string, districtId: string, persons: number) => ({
  type: 'WalkInConsultationRecorded',
  data: { consultationId, placeId, districtId, occurredAt: '2026-03-03T01:00:00.000Z', persons, topic: 'labour', answer: 'answered_on_the_spot' },
  metadata: { schemaVersion: 1 },
});

t.test('the reports, route by route, role by role, own district and another', async (t) => {
  const databaseUrl = await freshDatabase(t, 'access_matrix_reports');
  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' });
  const app = await buildReportsApp(config, { clock: () => new Date('2027-01-10T02:00:00Z'), readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => app.close());
  await app.ready();
  await app.eventStore.appendToStream('walkInConsultation-h1', [walkIn('h1', 'huadu-plsc', 'huadu', 3)]);
  const last = await app.eventStore.appendToStream('walkInConsultation-b1', [walkIn('b1', 'baiyun-plsc', 'baiyun', 5)]);
  t.equal(await app.reportsReadModels.engine.waitForPosition('report_facts', last.position, 20_000), 'reached');

  const token = tokensFor(roles);
  const call = caller(app);

  t.test('every route of the service is in the matrix', async (t) => {
    t.same(routesMissingFrom(app, matrix), [], 'a new route must be added here');
  });

  t.test('figures and lists: each district its own; the city each district', async (t) => {
    for (const role of readers.filter((r) => !cityWide.includes(r))) {
      for (const [where, district, persons] of [['own', 'huadu', 3], ['other', 'baiyun', 5]] as const) {
        const report = (await call('GET', `/reports/${district}/2026`, token(role, where))).json();
        t.same(report.districts.map((d: { districtId: string }) => d.districtId), [district], `${role} of ${district}: its district only`);
        t.equal(report.districts[0].figures.walk_in_persons.value, persons, `${role} of ${district}: its own persons`);
        const list = (await call('GET', `/reports/${district}/2026/figures/walk_in_visits/facts`, token(role, where))).json();
        t.same(list.items.map((i: { orgId: string }) => i.orgId), [`${district}-plsc`], `${role} of ${district}: its own visits`);
        const lists = (await call('GET', `/reports/${district}/2026/drill-downs`, token(role, where))).json();
        t.same(lists.lists.walk_in_visits.items.map((i: { orgId: string }) => i.orgId), [`${district}-plsc`], `${role} of ${district}: its own visits, every list at once`);
      }
      t.equal((await call('GET', '/reports/gz/2026', token(role, 'own'))).statusCode, 404, `${role}: the city is not in a district's reach`);
    }
    for (const role of cityWide) {
      const city = (await call('GET', '/reports/gz/2026', token(role, 'own'))).json();
      t.same(city.districts.map((d: { districtId: string; figures: { walk_in_persons: { value: number } } }) => [d.districtId, d.figures.walk_in_persons.value]), [['baiyun', 5], ['huadu', 3], ['gz', 0]], `${role}: district by district, and the city's own (市本级)`);
      t.equal(city.total.figures.walk_in_persons.value, 8, `${role}: the city's total`);
    }
  });

  t.test('one district: another district\'s answers as none at all, and a write to it changes nothing', async (t) => {
    const revisions = async () => (await app.pg.query('SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name')).rows.map((r) => `${r.stream_name}@${r.revision}`);
    for (const c of matrix.filter((m) => m.aboutADistrict !== false)) {
      for (const role of c.admits.filter((r) => !cityWide.includes(r))) {
        const before = await revisions();
        const theirs = c.request('huadu');
        const nothing = c.request('no-such-district');
        const outOfReach = await call(c.method, theirs.url, token(role, 'other'), theirs.payload);
        const absent = await call(c.method, nothing.url, token(role, 'other'), nothing.payload);
        t.equal(outOfReach.statusCode, 404, `${role} of 白云 on ${c.method} ${c.route}: ${outOfReach.body}`);
        t.same(withoutRequestFields(outOfReach.body), withoutRequestFields(absent.body), `${role} of 白云 on ${c.route}: the same answer as for none`);
        t.same(await revisions(), before, `${role} of 白云 on ${c.route}: nothing written`);
      }
      for (const role of cityWide.filter((r) => c.admits.includes(r) && c.method === 'GET')) {
        t.equal((await call(c.method, c.request('huadu').url, token(role, 'own'))).statusCode, 200, `${role} reads 花都's ${c.route}`);
      }
    }
  });

  t.test('roles: admitted ones get past authorization, the others get 403, no token gets 401', async (t) => {
    for (const c of matrix) {
      const { url: districtUrl, payload } = c.request('huadu');
      t.equal((await call(c.method, districtUrl, undefined, payload)).statusCode, 401, `${c.method} ${c.route} without a token`);
      for (const role of allRoles) {
        const url = c.cityOwn && cityWide.includes(role) ? c.request('gz').url : districtUrl;
        const res = await call(c.method, url, token(role, 'own'), c.method === 'POST' ? cmd((payload as { year?: number }).year ? { year: 2026, rank: 2, of: 11, source: '通报' } : {}) : undefined);
        if (c.admits.includes(role)) t.not(res.statusCode, 403, `${role} on ${c.method} ${c.route}: ${res.body}`);
        else t.equal(res.statusCode, 403, `${role} on ${c.method} ${c.route}`);
      }
    }
  });

  t.test('closes: the city\'s statistician closes the city\'s own (市本级), a district\'s statistician their district, neither the other\'s', async (t) => {
    const revisions = async () => (await app.pg.query('SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name')).rows.map((r) => `${r.stream_name}@${r.revision}`);
    const city = token('city_statistician', 'own');
    const before = await revisions();
    const aDistricts = await call('POST', '/reports/huadu/2026-Q1/close', city, cmd());
    t.equal(aDistricts.statusCode, 403, `a district's period is its statistician's to close: ${aDistricts.body}`);
    t.match(aDistricts.json(), { detail: /district's statistician/ });
    t.equal((await call('POST', '/reports/gz/2026-Q1/close', token('statistician', 'own'), cmd())).statusCode, 404, '花都\'s statistician: the city is not in reach');
    t.equal((await call('POST', '/reports/gz/peer-review-ranks', city, cmd({ year: 2026, rank: 1, of: 11, source: '通报' }))).statusCode, 403, 'a rank is a district\'s, recorded by its statistician');
    t.equal((await call('POST', '/reports/huadu/peer-review-ranks', city, cmd({ year: 2026, rank: 1, of: 11, source: '通报' }))).statusCode, 403, 'not the city\'s statistician\'s either');
    t.same(await revisions(), before, 'nothing written');

    const closed = await call('POST', '/reports/gz/2026-Q1/close', city, cmd({ note: '市本级一季度关账' }));
    t.equal(closed.statusCode, 200, closed.body);
    const report = (await call('GET', '/reports/gz/2026-Q1', city)).json() as { districts: { districtId: string; closed: { closedBy: string } | null }[] };
    t.same(report.districts.map((d) => [d.districtId, d.closed !== null]), [['baiyun', false], ['huadu', false], ['gz', true]], 'the city\'s own row is closed, each district stays its own');
    t.equal(report.districts.find((d) => d.districtId === 'gz')?.closed?.closedBy, 'city_statistician-own', 'closed by the city\'s statistician');
    const huadu = await call('POST', '/reports/huadu/2026-Q1/close', token('statistician', 'own'), cmd());
    t.equal(huadu.statusCode, 200, `花都's statistician closes 花都: ${huadu.body}`);
  });

  t.test('the projections\' status: the read model named', async (t) => {
    const res = await call('GET', '/projections', token('city_administrator', 'own'));
    t.equal(res.statusCode, 200, res.body);
    t.same((res.json() as { projections: { name: string }[] }).projections.map((p) => p.name), ['report_facts']);
  });
});
