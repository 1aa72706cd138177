// The advisors' token matrix: every route x every role x the caller's own district and another's. 花都
// and 白云 each have an advisor appointed to a village with a ledger for March. A caller reaches only
// what their role's scope covers: another district's ledger (or register, appointments, import) answers
// exactly as one that does not exist (same status, same body), is in no list and no count, and a write
// to it changes nothing. A route missing from this matrix fails the test.
import { createHash, randomUUID } from 'node:crypto';
import { buildAdvisorsApp } from '@bureau/advisors/app';
import { loadConfig } from '@bureau/advisors/config';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { JWT_SECRET, bearer, caller, routesMissingFrom, tokensFor, withoutRequestFields } from '../support/matrix.js';

const HUADU = { district: 'huadu', bureau: 'huadu-bureau', township: 'huadu-xinhua', office: 'huadu-xinhua-so', village: 'huadu-xinhua-sanhua', advisor: 'adv-huadu' };
const BAIYUN = { district: 'baiyun', bureau: 'baiyun-bureau', office: 'baiyun-jingtai-so', village: 'baiyun-jingtai-v1', advisor: 'adv-baiyun' };

/** Each role and where its people sit: `own` is 花都's, `other` 白云's (the city roles sit at the city). */
const roles = {
  legal_advisor: { own: HUADU.district, other: BAIYUN.district },
  judicial_office_staff: { own: HUADU.office, other: BAIYUN.office },
  administrator: { own: HUADU.bureau, other: BAIYUN.bureau },
  auditor: { own: HUADU.bureau, other: BAIYUN.bureau },
  city_auditor: { own: 'gz', other: 'gz' },
  city_administrator: { own: 'gz', other: 'gz' },
  // The city's statistician (市统计员): a district's month and year, nothing that names a person.
  city_statistician: { own: 'gz', other: 'gz' },
  // A role the advisors have no use for: the 花都 centre's 12345 staff.
  centre_staff: { own: 'huadu-plsc', other: 'baiyun-plsc' },
} as const;
type Role = keyof typeof roles;
const allRoles = Object.keys(roles) as Role[];
/** The city-wide roles that read the records (the city's statistician reads a district's figures only). */
const cityWide: Role[] = ['city_auditor', 'city_administrator'];
/** Every role at the city (a district's answers are theirs to read, not "none"). */
const cityRoles: Role[] = [...cityWide, 'city_statistician'];
const subOf = (role: Role, where: 'own' | 'other') => (role === 'legal_advisor' ? (where === 'own' ? HUADU.advisor : BAIYUN.advisor) : `${role}-${where}`);

const district: Role[] = ['administrator', 'auditor'];
const figureReaders: Role[] = ['judicial_office_staff', ...district, ...cityWide];
/** A district's month and year: counts and hours, no person named. */
const statisticsReaders: Role[] = [...figureReaders, 'city_statistician'];

interface Case {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The route as the OpenAPI document names it. */
  readonly route: string;
  /** The roles admitted (anyone else: 403); 'signed_in': any signed-in caller. */
  readonly admits: Role[] | 'signed_in';
  /** A request about one record: its URL for a village / district / import id, and a valid body. */
  readonly record?: { readonly kind: 'village' | 'district' | 'import' | 'office' | 'advisor' | 'township'; readonly request: (id: string) => { url: string; payload?: object } };
}

const cmd = (extra: object = {}) => ({ commandId: randomUUID(), ...extra });
const details = { name: '新律师', firm: '广东某律师事务所', licenceNumber: '14401200910999999', phone: '13800000007' };
const PHOTO = Buffer.from('a scanned sign-in sheet');
const PHOTO_SHA = createHash('sha256').update(PHOTO).digest('hex');
const service = { evidence: [{ sha256: PHOTO_SHA, sizeBytes: PHOTO.length, mediaType: 'image/jpeg' }], date: '2026-03-05', startTime: '09:00', type: 'consultation', durationMinutes: 60, mode: 'on_site', personsServed: [{ name: '陈小明', phone: '13912345678' }], summary: '咨询欠薪' };
const ledger = (v: string) => `/villages/${v}/ledger/2026-03`;

const matrix: Case[] = [
  { method: 'GET', route: '/districts/{districtId}/advisors', admits: [...district, ...cityWide], record: { kind: 'district', request: (d) => ({ url: `/districts/${d}/advisors` }) } },
  { method: 'POST', route: '/districts/{districtId}/advisors', admits: ['administrator'], record: { kind: 'district', request: (d) => ({ url: `/districts/${d}/advisors`, payload: cmd({ advisorId: 'adv-new', ...details }) }) } },
  { method: 'PUT', route: '/districts/{districtId}/advisors/{advisorId}', admits: ['administrator'], record: { kind: 'district', request: (d) => ({ url: `/districts/${d}/advisors/adv-x`, payload: cmd(details) }) } },
  { method: 'POST', route: '/districts/{districtId}/advisors/{advisorId}/removal', admits: ['administrator'], record: { kind: 'district', request: (d) => ({ url: `/districts/${d}/advisors/adv-x/removal`, payload: cmd({ reason: '离职' }) }) } },
  { method: 'GET', route: '/villages/{villageId}/appointments', admits: ['judicial_office_staff', ...district, ...cityWide], record: { kind: 'village', request: (v) => ({ url: `/villages/${v}/appointments` }) } },
  { method: 'GET', route: '/my-appointments', admits: ['legal_advisor'] },
  { method: 'POST', route: '/villages/{villageId}/appointments', admits: ['administrator'], record: { kind: 'village', request: (v) => ({ url: `/villages/${v}/appointments`, payload: cmd({ advisorId: 'adv-x', from: '2027-01-01', to: '2027-12-31' }) }) } },
  { method: 'POST', route: '/villages/{villageId}/appointments/{appointmentId}/end', admits: ['administrator'], record: { kind: 'village', request: (v) => ({ url: `/villages/${v}/appointments/appt-x/end`, payload: cmd({ endsOn: '2026-06-30', reason: '更换' }) }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/entries', admits: ['legal_advisor'], record: { kind: 'village', request: (v) => ({ url: `/villages/${v}/ledger/entries`, payload: cmd({ ...service, startTime: '11:00' }) }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/entries/{entryId}/correction', admits: ['legal_advisor'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/entries/e1/correction`, payload: cmd({ reason: '更正', correction: { durationMinutes: 90 } }) }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/entries/{entryId}/void', admits: ['legal_advisor'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/entries/e-void/void`, payload: cmd({ reason: '重复' }) }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/review', admits: ['judicial_office_staff'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/review`, payload: cmd() }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/entries/{entryId}/return', admits: ['judicial_office_staff'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/entries/e1/return`, payload: cmd({ reason: '请补充' }) }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/excuse', admits: ['judicial_office_staff'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/excuse`, payload: cmd({ cause: 'advisor_ill', reason: '生病' }) }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/approval', admits: ['judicial_office_staff'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/approval`, payload: cmd() }) } },
  { method: 'POST', route: '/villages/{villageId}/ledger/{month}/reopening', admits: ['judicial_office_staff'], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/reopening`, payload: cmd({ reason: '补交' }) }) } },
  { method: 'GET', route: '/villages/{villageId}/ledger/{month}', admits: ['legal_advisor', 'judicial_office_staff', ...district, ...cityWide], record: { kind: 'village', request: (v) => ({ url: ledger(v) }) } },
  { method: 'GET', route: '/villages/{villageId}/ledger/{month}/evidence/{sha256}', admits: ['legal_advisor', 'judicial_office_staff', ...district, ...cityWide], record: { kind: 'village', request: (v) => ({ url: `${ledger(v)}/evidence/${PHOTO_SHA}` }) } },
  { method: 'GET', route: '/review-queue', admits: figureReaders },
  { method: 'GET', route: '/projections', admits: [...district, ...cityWide] },
  { method: 'GET', route: '/on-site/{month}', admits: figureReaders },
  { method: 'GET', route: '/districts/{districtId}/summary/{month}', admits: statisticsReaders, record: { kind: 'district', request: (d) => ({ url: `/districts/${d}/summary/2026-03` }) } },
  { method: 'GET', route: '/advisors/{advisorId}/figures/{period}', admits: ['legal_advisor', ...figureReaders], record: { kind: 'advisor', request: (a) => ({ url: `/advisors/${a}/figures/2026` }) } },
  { method: 'GET', route: '/townships/{townshipId}/figures/{month}', admits: figureReaders, record: { kind: 'township', request: (tw) => ({ url: `/townships/${tw}/figures/2026-03` }) } },
  { method: 'GET', route: '/districts/{districtId}/annual/{year}', admits: statisticsReaders, record: { kind: 'district', request: (d) => ({ url: `/districts/${d}/annual/2026` }) } },
  { method: 'GET', route: '/judicial-offices/{officeId}/ledger/{month}/export.xlsx', admits: figureReaders, record: { kind: 'office', request: (o) => ({ url: `/judicial-offices/${o}/ledger/2026-03/export.xlsx` }) } },
  { method: 'POST', route: '/evidence', admits: ['legal_advisor'] },
  { method: 'POST', route: '/imports', admits: ['legal_advisor', 'administrator'] },
  { method: 'GET', route: '/imports/template.xlsx', admits: 'signed_in' },
  { method: 'GET', route: '/imports/{importId}', admits: ['legal_advisor', 'administrator'], record: { kind: 'import', request: (id) => ({ url: `/imports/${id}` }) } },
];

t.test('the advisors, route by route, role by role, own district and another', async (t) => {
  const databaseUrl = await freshDatabase(t, 'access_matrix_advisors');
  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo', MONTH_END_TIMERS_MAX_SLEEP_MS: '100' });
  // The 26th: each office's review window for March is open.
  const now = new Date('2026-03-26T02:00:00Z');
  const app = await buildAdvisorsApp(config, { clock: () => now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => app.close());
  await app.ready();

  const token = tokensFor(roles, subOf);
  const call = caller(app);
  const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
    const r = await res;
    t.equal(r.statusCode, 200, r.body);
    return JSON.parse(r.body) as { position?: string; importId?: string };
  };

  await ok(call('POST', '/evidence', token('legal_advisor', 'own'), PHOTO, 'image/jpeg'));
  // Each district: its advisor on its register, appointed to its village, with two entries in March.
  for (const [d, where] of [[HUADU, 'own'], [BAIYUN, 'other']] as const) {
    const admin = token('administrator', where);
    await ok(call('POST', `/districts/${d.district}/advisors`, admin, cmd({ advisorId: d.advisor, name: '顾问', firm: '律所', licenceNumber: d === HUADU ? '14401200910000001' : '14401200910000002', phone: '13800000001' })));
    await ok(call('POST', `/villages/${d.village}/appointments`, admin, cmd({ advisorId: d.advisor, from: '2026-03-01', to: '2026-12-31' })));
    await ok(call('POST', `/villages/${d.village}/ledger/entries`, token('legal_advisor', where), cmd({ entryId: 'e1', ...service })));
    await ok(call('POST', `/villages/${d.village}/ledger/entries`, token('legal_advisor', where), cmd({ entryId: 'e-void', ...service, startTime: '15:00' })));
  }
  const importRes = await call('POST', `/imports?advisorId=${HUADU.advisor}`, token('administrator', 'own'), '日期,村(社区),服务类型,时长(小时),驻点/线上,内容摘要\n2026-03-06,三华村,驻点值班,4,驻点,值班\n', 'text/csv');
  t.equal(importRes.statusCode, 200, importRes.body);
  const importId = (importRes.json() as { importId: string }).importId;
  // Read models caught up with everything so far.
  const lastWrite = await ok(call('POST', `/villages/${BAIYUN.village}/ledger/entries`, token('legal_advisor', 'other'), cmd({ entryId: 'e2', ...service, startTime: '16:00' })));
  const fresh = `after=${encodeURIComponent(String(lastWrite.position))}`;
  await call('GET', `/review-queue?${fresh}`, token('city_auditor', 'own'));

  const recordIds = { village: { own: HUADU.village, missing: 'no-such-village' }, district: { own: HUADU.district, missing: 'no-such-district' }, import: { own: importId, missing: `${'0'.repeat(40)}-${'0'.repeat(12)}` }, office: { own: HUADU.office, missing: 'no-such-so' }, advisor: { own: HUADU.advisor, missing: 'no-such-advisor' }, township: { own: HUADU.township, missing: 'no-such-township' } };

  t.test('every route of the service is in the matrix', async (t) => {
    t.same(routesMissingFrom(app, matrix), [], 'a new route must be added here');
  });

  t.test('lists and counts: each district sees its own villages only; the city sees both', async (t) => {
    const queue = async (role: Role, where: 'own' | 'other') =>
      ((await call('GET', `/review-queue?${fresh}`, token(role, where))).json().items as { villageId: string }[]).map((i) => i.villageId).sort();
    const onSite = async (role: Role, where: 'own' | 'other') =>
      ((await call('GET', `/on-site/2026-03?${fresh}`, token(role, where))).json().villages as { villageId: string }[]).map((v) => v.villageId);
    for (const role of figureReaders.filter((r) => !cityWide.includes(r))) {
      t.same(await queue(role, 'own'), [HUADU.village], `${role} of 花都: its own village's month`);
      t.same(await queue(role, 'other'), [BAIYUN.village], `${role} of 白云: its own`);
      t.ok((await onSite(role, 'own')).every((v) => v.startsWith('huadu-')), `${role} of 花都: no 白云 village in the figures`);
      t.same(await onSite(role, 'other'), [BAIYUN.village], `${role} of 白云: its one village`);
      const summary = (await call('GET', `/districts/huadu/summary/2026-03?${fresh}`, token(role, 'own'))).json();
      t.equal(summary.entries, 3, `${role} of 花都 counts 花都's three entries only`);
      const annual = (await call('GET', `/districts/huadu/annual/2026?${fresh}`, token(role, 'own'))).json();
      t.equal(annual.services, 3, `${role} of 花都: the year counts 花都's three entries only`);
      const township = (await call('GET', `/townships/huadu-xinhua/figures/2026-03?${fresh}`, token(role, 'own'))).json();
      t.ok(township.villages.every((v: { villageId: string }) => v.villageId.startsWith('huadu-')) && township.totals.services === 3, `${role} of 花都: the township's month, 花都 only`);
      const advisor = (await call('GET', `/advisors/${HUADU.advisor}/figures/2026?${fresh}`, token(role, 'own'))).json();
      t.equal(advisor.services, 3, `${role} of 花都: its advisor's year`);
      t.equal((await call('GET', `/advisors/${BAIYUN.advisor}/figures/2026?${fresh}`, token(role, 'own'))).statusCode, 404, `${role} of 花都: 白云's advisor is none`);
    }
    for (const role of cityWide) {
      t.same(await queue(role, 'own'), [BAIYUN.village, HUADU.village].sort(), `${role}: both`);
      const all = await onSite(role, 'own');
      t.ok(all.includes(HUADU.village) && all.includes(BAIYUN.village), `${role}: every village`);
      for (const d of [HUADU, BAIYUN]) {
        t.equal((await call('GET', `/districts/${d.district}/annual/2026?${fresh}`, token(role, 'own'))).json().services, 3, `${role}: ${d.district}'s year`);
        t.equal((await call('GET', `/advisors/${d.advisor}/figures/2026-03?${fresh}`, token(role, 'own'))).json().services, 3, `${role}: ${d.advisor}'s month`);
      }
    }
    for (const where of ['own', 'other'] as const) {
      const self = where === 'own' ? HUADU.advisor : BAIYUN.advisor;
      const theirs = await call('GET', `/advisors/${self}/figures/2026?${fresh}`, token('legal_advisor', where));
      t.equal(theirs.json().services, 3, `the advisor of ${where}: their own year`);
      t.equal((await call('GET', `/advisors/${where === 'own' ? BAIYUN.advisor : HUADU.advisor}/figures/2026?${fresh}`, token('legal_advisor', where))).statusCode, 404, 'another advisor\'s figures: none');
    }
  });

  t.test('personal data: unmasked in one ledger for the reviewing office and the advisor; masked for the district and the city', async (t) => {
    const phoneOf = async (role: Role) => (await call('GET', ledger(HUADU.village), token(role, 'own'))).body.includes('13912345678');
    t.ok(await phoneOf('judicial_office_staff'));
    t.ok(await phoneOf('legal_advisor'));
    for (const role of [...district, ...cityWide]) t.notOk(await phoneOf(role), `${role} sees it masked`);
    for (const url of [`/review-queue?${fresh}`, `/on-site/2026-03?${fresh}`, `/districts/huadu/summary/2026-03?${fresh}`, `/districts/huadu/annual/2026?${fresh}`, `/townships/huadu-xinhua/figures/2026-03?${fresh}`, `/advisors/${HUADU.advisor}/figures/2026?${fresh}`]) {
      const body = (await call('GET', url, token('judicial_office_staff', 'own'))).body;
      t.notOk(body.includes('13912345678') || body.includes('陈小明'), `no personal data in ${url}`);
    }
  });

  t.test('one record: another district\'s answers as none at all, and a write to it changes nothing', async (t) => {
    const revisions = async () => (await app.pg.query('SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name')).rows.map((r) => `${r.stream_name}@${r.revision}`);
    for (const c of matrix.filter((m) => m.record)) {
      const { kind, request } = c.record!;
      if (c.admits === 'signed_in') continue;
      for (const role of c.admits.filter((r) => !cityRoles.includes(r))) {
        const other = token(role, 'other');
        const before = await revisions();
        const theirs = request(recordIds[kind].own);
        const nothing = request(recordIds[kind].missing);
        const outOfReach = await call(c.method, theirs.url, other, theirs.payload);
        const absent = await call(c.method, nothing.url, other, nothing.payload);
        t.equal(outOfReach.statusCode, 404, `${role} of 白云 on ${c.method} ${c.route}: ${outOfReach.body}`);
        t.same(withoutRequestFields(outOfReach.body), withoutRequestFields(absent.body), `${role} of 白云 on ${c.route}: the same answer as for none`);
        t.same(await revisions(), before, `${role} of 白云 on ${c.route}: nothing written`);
      }
      for (const role of cityRoles.filter((r) => c.admits.includes(r))) {
        const res = await call(c.method, request(recordIds[kind].own).url, token(role, 'own'));
        t.equal(res.statusCode, 200, `${role} reads every district's ${c.route}`);
      }
    }
  });

  t.test('roles: admitted ones get past authorization, the others get 403, no token gets 401', async (t) => {
    for (const c of matrix) {
      const { url, payload } = c.record ? c.record.request(recordIds[c.record.kind].own) : { url: c.route.replace('{month}', '2026-03'), payload: c.method === 'GET' ? undefined : {} };
      t.equal((await call(c.method, url, undefined, payload)).statusCode, 401, `${c.method} ${c.route} without a token`);
      for (const role of allRoles) {
        const res = await call(c.method, url, token(role, 'own'), payload);
        if (c.admits === 'signed_in' || c.admits.includes(role)) t.not(res.statusCode, 403, `${role} on ${c.method} ${c.route}: ${res.body}`);
        else t.equal(res.statusCode, 403, `${role} on ${c.method} ${c.route}`);
      }
    }
  });

  t.test('the city\'s statistician: every district\'s month and year, nothing that names a person, no write', async (t) => {
    const statistician = token('city_statistician', 'own');
    for (const d of [HUADU, BAIYUN]) {
      const summary = await call('GET', `/districts/${d.district}/summary/2026-03?${fresh}`, statistician);
      const annual = await call('GET', `/districts/${d.district}/annual/2026?${fresh}`, statistician);
      // The same figures as the city's auditor reads, each district's own.
      t.same(summary.json(), (await call('GET', `/districts/${d.district}/summary/2026-03?${fresh}`, token('city_auditor', 'own'))).json(), `${d.district}'s month`);
      t.same(annual.json(), (await call('GET', `/districts/${d.district}/annual/2026?${fresh}`, token('city_auditor', 'own'))).json(), `${d.district}'s year`);
      t.ok(summary.json().entries > 0 && annual.json().services > 0, `${d.district}: its services counted`);
      for (const body of [summary.body, annual.body]) {
        for (const personal of ['13912345678', '陈小明', '13800000001', '顾问', '14401200910000001']) t.notOk(body.includes(personal), `${d.district}: no ${personal} in the figures`);
      }
    }
    const refused = [
      ledger(HUADU.village), `${ledger(HUADU.village)}/evidence/${PHOTO_SHA}`, `/villages/${HUADU.village}/appointments`, '/districts/huadu/advisors',
      `/review-queue?${fresh}`, '/on-site/2026-03', `/townships/${HUADU.township}/figures/2026-03`, `/advisors/${HUADU.advisor}/figures/2026`,
      `/judicial-offices/${HUADU.office}/ledger/2026-03/export.xlsx`, `/imports/${importId}`, '/projections',
    ];
    for (const url of refused) {
      const res = await call('GET', url, statistician);
      t.equal(res.statusCode, 403, `${url}: not the statistician's`);
      t.notOk(res.body.includes('陈小明') || res.body.includes('顾问'), `${url}: the refusal names nothing`);
    }
    const revisions = async () => (await app.pg.query('SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name')).rows.map((r) => `${r.stream_name}@${r.revision}`);
    const before = await revisions();
    t.equal((await call('POST', `${ledger(HUADU.village)}/approval`, statistician, cmd())).statusCode, 403, 'approving a month is the office\'s review');
    t.equal((await call('POST', `/villages/${HUADU.village}/ledger/entries`, statistician, cmd({ ...service, startTime: '18:00' }))).statusCode, 403, 'nor logging a service');
    t.same(await revisions(), before, 'nothing written');
  });

  t.test('a token naming an organisation not in the registry, or the city with a district role, reaches nothing', async (t) => {
    const stranger = bearer({ sub: 'x', role: 'judicial_office_staff', org: 'nowhere-so' });
    t.equal((await call('GET', '/review-queue', stranger)).statusCode, 403);
    const cityStaff = bearer({ sub: 'y', role: 'auditor', org: 'gz' });
    t.equal((await call('GET', '/review-queue', cityStaff)).statusCode, 403, 'a district role at city level is not a city-wide role');
  });

  t.test('the projections\' status: the read model named', async (t) => {
    const res = await call('GET', '/projections', token('city_administrator', 'own'));
    t.equal(res.statusCode, 200, res.body);
    t.same((res.json() as { projections: { name: string }[] }).projections.map((p) => p.name), ['advisors_ledger_months']);
  });
});
