// The legal-aid service's token matrix: every route x every role x the caller's own district and another's.
// One deployment serves the city; 花都 and 白云 each have a file received at their own station. A caller
// reaches only what their role's scope covers: another district's file answers exactly as a file that does
// not exist (same status, same body), is in no list, no count and no search, and a write to it changes
// nothing. A route missing from this matrix fails the test.
import { randomUUID } from 'node:crypto';
import { buildLegalAidApp } from '@bureau/legal-aid/app';
import { loadConfig } from '@bureau/legal-aid/config';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { JWT_SECRET, bearer, caller, routesMissingFrom, tokensFor, withoutRequestFields } from '../support/matrix.js';

const HUADU = { station: 'huadu-station-xinhua', office: 'huadu-legal-aid', bureau: 'huadu-bureau', centre: 'huadu-plsc' };
const BAIYUN = { station: 'baiyun-station-jingtai', office: 'baiyun-legal-aid', bureau: 'baiyun-bureau', centre: 'baiyun-plsc' };
const ID = '440114198001011230';
const PHONE = '13912345678';

/** Each role and where its people sit: `own` is 花都's, `other` 白云's (the city roles sit at the city). */
const roles = {
  station_clerk: { own: HUADU.station, other: BAIYUN.station },
  legal_aid_reviewer: { own: HUADU.office, other: BAIYUN.office },
  legal_aid_head: { own: HUADU.office, other: BAIYUN.office },
  objection_handler: { own: HUADU.bureau, other: BAIYUN.bureau },
  auditor: { own: HUADU.bureau, other: BAIYUN.bureau },
  city_auditor: { own: 'gz', other: 'gz' },
  city_administrator: { own: 'gz', other: 'gz' },
  // The city's statistician (市统计员): the statistics of every district, no file, no person, no write.
  city_statistician: { own: 'gz', other: 'gz' },
  administrator: { own: HUADU.bureau, other: BAIYUN.bureau },
  // The public legal service centre's staff (12345): here only at the centre's walk-in counter.
  centre_staff: { own: HUADU.centre, other: BAIYUN.centre },
  // The assigned lawyer (承办律师), at their district's office: within it, only the files assigned to them.
  legal_aid_lawyer: { own: HUADU.office, other: BAIYUN.office },
} as const;
type Role = keyof typeof roles;
const allRoles = Object.keys(roles) as Role[];
/** The city-wide roles that read files' lists (the city's statistician reads the statistics only). */
const cityWide: Role[] = ['city_auditor', 'city_administrator'];
const intake: Role[] = ['station_clerk', 'legal_aid_reviewer', 'legal_aid_head'];
const review: Role[] = ['legal_aid_reviewer', 'legal_aid_head'];
const decision: Role[] = ['legal_aid_head'];
const objections: Role[] = ['objection_handler'];
const readers: Role[] = [...intake, 'objection_handler', 'auditor', ...cityWide];
const handlers: Role[] = [...intake, 'objection_handler'];
/** The monthly and yearly statistics: counts per office and station, no person in them. */
const statisticsReaders: Role[] = [...readers, 'city_statistician'];
/** One file: its handlers and the city administrator; auditors read cases in the audit service, which records each view. */
const fileReaders: Role[] = [...handlers, 'legal_aid_lawyer', 'city_administrator'];
const lawyers: Role[] = ['legal_aid_lawyer'];
/** A scan handed in: personal data that cannot be masked, so only the file's handlers and its lawyer. */
const scanReaders: Role[] = [...handlers, 'legal_aid_lawyer'];
const lawyerReport = () => command({ reportId: randomUUID(), kind: 'progress', text: '已会见受援人' });
/** Walk-in consultations (来访咨询): the counters record; the district's and the city's readers read. */
const walkInRecorders: Role[] = ['station_clerk', 'centre_staff', 'legal_aid_reviewer', 'legal_aid_head'];
const walkInReaders: Role[] = [...walkInRecorders, 'auditor', ...cityWide];
/** A month's counts of walk-ins: also the city's statistician (not the visits' list, whose notes are free text). */
const walkInCountReaders: Role[] = [...walkInReaders, 'city_statistician'];
const walkIn = () => ({ consultationId: randomUUID(), placeId: HUADU.station, occurredAt: '2026-03-02T09:00:00+08:00', persons: 1, topic: 'labour', answer: 'answered_on_the_spot' });

interface Case {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly route: string;
  readonly admits: Role[] | 'signed_in';
  /** About one file: the other district's answers as a missing one. */
  readonly file?: (id: string) => { url: string; payload?: object };
  readonly sample?: () => { url: string; payload?: object };
}

const command = (extra: object = {}) => ({ commandId: randomUUID(), ...extra });
const person = { name: '陈小明', document: { type: 'resident_id', number: ID }, phone: PHONE, address: '新华街道1号', groups: [] };
const submission = (districtId: string) =>
  command({
    channel: { kind: 'counter' }, applicant: person, matterType: 'employment_or_wages', aidForm: 'labour_dispute_representation',
    opposingParty: '某公司', summary: '追讨欠薪', competenceFacts: { kind: 'non_litigation', disputeAuthority: null, disputeAuthoritySits: null, matterAroseIn: { districtId } },
  });
const onFile = (action: string, admits: Role[], payload: () => object = () => command()): Case => ({
  method: 'POST', route: `/files/{caseId}/${action}`, admits, file: (id) => ({ url: `/files/${id}/${action}`, payload: payload() }),
});

// The lawyer registry (per district, kept by its administrator) and the suggestions for one file.
const registryKeepers: Role[] = ['administrator', 'city_administrator'];
const registryReaders: Role[] = [...review, 'administrator', 'auditor', ...cityWide];
const lawyer = () => ({ name: '陈律师', licenceNumber: `1440${String(Math.floor(Math.random() * 1e13)).padStart(13, '0')}`, firmId: 'firm-1', firmName: '某所', relevantPracticeSince: '2015-01-01' });
const registryCases: Case[] = [
  { method: 'GET', route: '/districts/{districtId}/lawyers', admits: registryReaders, sample: () => ({ url: '/districts/huadu/lawyers' }) },
  { method: 'POST', route: '/districts/{districtId}/lawyers', admits: registryKeepers, sample: () => ({ url: '/districts/huadu/lawyers', payload: command({ lawyerId: `l-${randomUUID()}`, ...lawyer() }) }) },
  { method: 'PUT', route: '/districts/{districtId}/lawyers/{lawyerId}', admits: registryKeepers, sample: () => ({ url: '/districts/huadu/lawyers/l-none', payload: command(lawyer()) }) },
  { method: 'POST', route: '/districts/{districtId}/lawyers/{lawyerId}/deactivation', admits: registryKeepers, sample: () => ({ url: '/districts/huadu/lawyers/l-none/deactivation', payload: command({ reason: '退休' }) }) },
  { method: 'GET', route: '/files/{caseId}/lawyer-suggestions', admits: decision, file: (id) => ({ url: `/files/${id}/lawyer-suggestions` }) },
];

const matrix: Case[] = [
  { method: 'POST', route: '/applications', admits: intake, sample: () => ({ url: '/applications', payload: submission('huadu') }) },
  { method: 'POST', route: '/custody-announcements', admits: intake, sample: () => ({ url: '/custody-announcements', payload: command({ forwardingAuthority: '花都区看守所', receivedByAuthorityAt: '2026-03-01T08:00:00+08:00' }) }) },
  { method: 'POST', route: '/notified-cases', admits: intake, sample: () => ({ url: '/notified-cases', payload: command({ notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'huadu' } }, ground: 'minor', charge: '盗窃罪', defendant: { name: '某甲', document: { type: 'unknown' } } }) }) },
  { method: 'GET', route: '/files/{caseId}', admits: fileReaders, file: (id) => ({ url: `/files/${id}` }) },
  { method: 'GET', route: '/files/{caseId}/timeline', admits: fileReaders, file: (id) => ({ url: `/files/${id}/timeline` }) },
  { method: 'GET', route: '/files/{caseId}/documents/{document}', admits: intake, file: (id) => ({ url: `/files/${id}/documents/receipt` }) },
  onFile('competence-override', decision, () => command({ competentOfficeId: BAIYUN.office, reason: '争议发生地在白云区' })),
  onFile('transfer', intake),
  onFile('transfer-receipt', intake),
  onFile('materials-request', review, () => command({ items: ['劳动合同'] })),
  onFile('materials-supply', intake, () => command({ items: ['劳动合同'] })),
  onFile('withdrawal', intake, () => command({ reason: '已和解' })),
  onFile('economic-status', review, () => command({ status: { kind: 'art32_not_required', ground: 'good_samaritan' } })),
  onFile('preliminary-aid', decision, () => command({ ground: { kind: 'advance_execution' } })),
  onFile('approval', decision),
  onFile('refusal', decision, () => command({ reasons: '不符合条件' })),
  onFile('lawyer-assignment', decision, () => command({ lawyerId: 'lawyer-1' })),
  onFile('authority-informed', review, () => command({ method: '电话' })),
  onFile('objection', objections, () => command({ grounds: '理由' })),
  onFile('objection-upheld', objections, () => command({ reasons: '维持' })),
  onFile('objection-correction', objections, () => command({ reasons: '改正' })),
  onFile('termination', decision, () => command({ ground: 'recipient_request', basis: 'own_finding', explanation: '受援人要求' })),
  onFile('closing', review, () => command({ outcome: 'judgment', summary: '判决' })),
  onFile('follow-up', review, () => command({ followUpId: randomUUID(), satisfied: true, note: '满意' })),
  onFile('quality-review', review, () => command({ grade: 'good', note: '良好' })),
  { method: 'GET', route: '/lawyer/files', admits: lawyers, sample: () => ({ url: '/lawyer/files' }) },
  onFile('lawyer-reports', lawyers, lawyerReport),
  { method: 'GET', route: '/files/{caseId}/lawyer-reports', admits: [...review, ...lawyers], file: (id) => ({ url: `/files/${id}/lawyer-reports` }) },
  { method: 'GET', route: '/worklist', admits: readers, sample: () => ({ url: '/worklist' }) },
  { method: 'GET', route: '/search', admits: readers, sample: () => ({ url: '/search?name=%E9%99%88%E5%B0%8F' }) },
  { method: 'GET', route: '/statistics/monthly/{month}', admits: statisticsReaders, sample: () => ({ url: '/statistics/monthly/2026-03' }) },
  { method: 'GET', route: '/statistics/yearly/{year}', admits: statisticsReaders, sample: () => ({ url: '/statistics/yearly/2026' }) },
  { method: 'POST', route: '/walk-in-consultations', admits: walkInRecorders, sample: () => ({ url: '/walk-in-consultations', payload: walkIn() }) },
  { method: 'POST', route: '/walk-in-consultations/{consultationId}/void', admits: walkInRecorders, sample: () => ({ url: `/walk-in-consultations/${randomUUID()}/void`, payload: command({ reason: '重复登记' }) }) },
  { method: 'GET', route: '/walk-in-consultations', admits: walkInReaders, sample: () => ({ url: '/walk-in-consultations?month=2026-03' }) },
  { method: 'GET', route: '/walk-in-consultations/counts/{month}', admits: walkInCountReaders, sample: () => ({ url: '/walk-in-consultations/counts/2026-03' }) },
  ...registryCases,
  { method: 'POST', route: '/scans', admits: intake, sample: () => ({ url: '/scans', payload: { commandId: randomUUID() } }) },
  { method: 'GET', route: '/files/{caseId}/scans/{contentHash}', admits: scanReaders, file: (id) => ({ url: `/files/${id}/scans/${'0'.repeat(64)}` }) },
  { method: 'GET', route: '/calendar', admits: 'signed_in', sample: () => ({ url: '/calendar' }) },
  { method: 'PUT', route: '/calendar/years/{year}', admits: ['city_administrator'], sample: () => ({ url: '/calendar/years/2031', payload: {} }) },
  { method: 'GET', route: '/projections', admits: ['administrator', 'auditor', ...cityWide], sample: () => ({ url: '/projections' }) },
  { method: 'GET', route: '/provisional-deadlines', admits: ['administrator', 'auditor', ...cityWide], sample: () => ({ url: '/provisional-deadlines' }) },
];

t.test('legal aid, route by route, role by role, own district and another', async (t) => {
  const databaseUrl = await freshDatabase(t, 'legal_aid_matrix');
  const config = loadConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    LEGAL_AID_IDENTITY_HASH_KEY: 'access-matrix-identity-hash-key-0123456789',
  });
  const now = new Date('2026-03-02T02:00:00Z');
  const app = await buildLegalAidApp(config, { clock: () => now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 }, reconcileOnTimer: false });
  t.teardown(() => app.close());
  await app.ready();
  for (let i = 0; !(await app.pg.query(`SELECT to_regclass('public.legal_aid_files') AS t`)).rows[0]?.t; i += 1) {
    if (i > 400) throw new Error('the read model was never created');
    await new Promise((r) => setTimeout(r, 25));
  }

  const token = tokensFor(roles);
  const call = caller(app);
  const take = async (where: 'own' | 'other', districtId: string) => {
    const res = await call('POST', '/applications', token('station_clerk', where), submission(districtId));
    t.equal(res.statusCode, 201, res.body);
    return res.json() as { caseId: string; applicationNumber: string; position: string };
  };
  const huaduFile = await take('own', 'huadu');
  const huaduScratch = await take('own', 'huadu');
  const baiyunFile = await take('other', 'baiyun');
  const fresh = `after=${encodeURIComponent(baiyunFile.position)}`;
  await call('GET', `/worklist?${fresh}`, token('city_auditor', 'own'));

  t.test('every route of the service is in the matrix', async (t) => {
    t.same(routesMissingFrom(app, matrix), [], 'a new route must be added here');
  });

  t.test('roles: admitted ones get past authorization, the others get 403, no token gets 401', async (t) => {
    for (const c of matrix) {
      const request = () => (c.file ? c.file(huaduScratch.caseId) : (c.sample as NonNullable<Case['sample']>)());
      const anonymous = request();
      t.equal((await call(c.method, anonymous.url, undefined, anonymous.payload)).statusCode, 401, `${c.method} ${c.route} without a token`);
      for (const role of allRoles) {
        const { url, payload } = request();
        const res = await call(c.method, url, token(role, 'own'), payload);
        const admitted = c.admits === 'signed_in' || c.admits.includes(role);
        if (admitted) t.not(res.statusCode, 403, `${role} on ${c.method} ${c.route}: ${res.body}`);
        else t.equal(res.statusCode, 403, `${role} on ${c.method} ${c.route}`);
      }
    }
  });

  t.test('one file: another district\'s answers as no file at all, and a write to it changes nothing', async (t) => {
    const missing = randomUUID();
    const revision = async () => (await app.pg.query('SELECT revision FROM event_store.streams WHERE stream_name = $1', [`legalAidCase-${huaduFile.caseId}`])).rows[0]?.revision;
    for (const c of matrix.filter((m) => m.file)) {
      for (const role of (c.admits as Role[]).filter((r) => !cityWide.includes(r))) {
        const before = await revision();
        const theirs = (c.file as NonNullable<Case['file']>)(huaduFile.caseId);
        const nothing = (c.file as NonNullable<Case['file']>)(missing);
        const outOfReach = await call(c.method, theirs.url, token(role, 'other'), theirs.payload);
        const absent = await call(c.method, nothing.url, token(role, 'other'), nothing.payload);
        t.equal(outOfReach.statusCode, 404, `${role} of 白云 on ${c.method} ${c.route}: ${outOfReach.body}`);
        t.same(withoutRequestFields(outOfReach.body), withoutRequestFields(absent.body), `${role} of 白云 on ${c.route}: the same answer as for no file`);
        t.equal(await revision(), before, `${role} of 白云 on ${c.route}: nothing written`);
      }
    }
    t.equal((await call('GET', `/files/${huaduFile.caseId}`, token('city_administrator', 'own'))).statusCode, 200, 'the city administrator reads every district\'s file');
    t.equal((await call('GET', `/files/${huaduFile.caseId}`, token('city_auditor', 'own'))).statusCode, 403, 'the city auditor reads cases in the audit service, where the view is recorded');
    // A 花都 station clerk reaches what the station received, not what another station received.
    t.equal((await call('GET', `/files/${baiyunFile.caseId}`, token('station_clerk', 'own'))).statusCode, 404);
  });

  t.test('lists, counts and searches: each district sees its own file only; the city sees both', async (t) => {
    const ids = (res: { json(): unknown }) => {
      const { entries, total } = res.json() as { entries: { caseId: string }[]; total: number };
      // One page holds them all here: the count is of exactly what the caller may see.
      t.equal(total, entries.length, 'the count is of what the list shows');
      return entries.map((e) => e.caseId);
    };
    const worklist = async (role: Role, where: 'own' | 'other') => ids(await call('GET', `/worklist?${fresh}&limit=500`, token(role, where)));
    const byNumber = async (role: Role, where: 'own' | 'other', number: string) => ids(await call('GET', `/search?applicationNumber=${encodeURIComponent(number)}&${fresh}`, token(role, where)));
    const byDocument = async (role: Role, where: 'own' | 'other') => ids(await call('GET', `/search?documentType=resident_id&documentNumber=${ID}&${fresh}`, token(role, where)));
    const counted = async (role: Role, where: 'own' | 'other') =>
      ((await call('GET', `/statistics/monthly/2026-03?${fresh}`, token(role, where))).json() as { offices: { officeId: string; received: number }[] }).offices;
    for (const role of readers.filter((r) => !cityWide.includes(r))) {
      const own = await worklist(role, 'own');
      const other = await worklist(role, 'other');
      t.ok(own.includes(huaduFile.caseId) && !own.includes(baiyunFile.caseId), `${role} of 花都: its own file only`);
      t.ok(other.includes(baiyunFile.caseId) && !other.includes(huaduFile.caseId), `${role} of 白云: its own file only`);
      t.same(await byNumber(role, 'other', huaduFile.applicationNumber), [], `${role} of 白云 does not find 花都's number`);
      t.same(await byNumber(role, 'own', huaduFile.applicationNumber), [huaduFile.caseId], `${role} of 花都 finds it`);
      t.notOk((await byDocument(role, 'other')).includes(huaduFile.caseId), `${role} of 白云 does not find 花都's file by the document`);
      const otherCounts = await counted(role, 'other');
      t.notOk(otherCounts.some((o) => o.officeId.startsWith('huadu')), `${role} of 白云 counts nothing of 花都`);
    }
    for (const role of cityWide) {
      const all = await worklist(role, 'own');
      t.ok(all.includes(huaduFile.caseId) && all.includes(baiyunFile.caseId), `${role}: both`);
      t.same((await counted(role, 'own')).map((o) => o.officeId).sort(), [BAIYUN.office, HUADU.office]);
    }
    t.same((await counted('city_statistician', 'own')).map((o) => o.officeId).sort(), [BAIYUN.office, HUADU.office], 'the city\'s statistician counts both districts');
  });

  t.test('personal data: unmasked only for the roles that handle the file', async (t) => {
    const shown = async (role: Role) => (await call('GET', `/files/${huaduFile.caseId}`, token(role, 'own'))).body.includes(ID);
    for (const role of handlers) t.ok(await shown(role), `${role} sees it in full`);
    for (const role of ['auditor', ...cityWide] as Role[]) t.notOk(await shown(role), `${role} sees it masked`);
    t.equal((await call('GET', `/files/${huaduFile.caseId}`, token('city_statistician', 'own'))).statusCode, 403, 'the city\'s statistician does not open files, masked or not');
    const timeline = async (role: Role) => (await call('GET', `/files/${huaduFile.caseId}/timeline`, token(role, 'own'))).body;
    for (const role of handlers) t.ok((await timeline(role)).includes(ID), `${role} sees the timeline in full`);
    const cityTimeline = await timeline('city_administrator');
    t.ok(cityTimeline.includes('ApplicationSubmitted') && !cityTimeline.includes(ID) && !cityTimeline.includes(PHONE), 'the city administrator sees the timeline masked');
    const listed = await call('GET', `/worklist?${fresh}`, token('legal_aid_head', 'own'));
    t.notOk(listed.body.includes(ID) || listed.body.includes(PHONE), 'lists never hold the full number or phone');
  });

  t.test('the city\'s statistician: every district\'s statistics, and no file, no person, no write', async (t) => {
    const statistician = token('city_statistician', 'own');
    for (const url of [`/statistics/monthly/2026-03?${fresh}`, `/statistics/yearly/2026?${fresh}`, '/walk-in-consultations/counts/2026-03']) {
      const res = await call('GET', url, statistician);
      t.equal(res.statusCode, 200, `${url}: ${res.body}`);
      for (const personal of [ID, PHONE, '陈小明', '陈']) t.notOk(res.body.includes(personal), `${url} carries no ${personal}`);
    }
    const refused = [
      `/files/${huaduFile.caseId}`, `/files/${huaduFile.caseId}/timeline`, `/worklist?${fresh}`, `/search?name=%E9%99%88%E5%B0%8F`,
      `/search?documentType=resident_id&documentNumber=${ID}`, '/walk-in-consultations?month=2026-03', '/districts/huadu/lawyers', '/projections',
    ];
    for (const url of refused) {
      const res = await call('GET', url, statistician);
      t.equal(res.statusCode, 403, `${url}: not the statistician's`);
      t.notOk(res.body.includes(huaduFile.applicationNumber) || res.body.includes('陈'), `${url}: the refusal names nothing`);
    }
    const revision = async () => (await app.pg.query('SELECT revision FROM event_store.streams WHERE stream_name = $1', [`legalAidCase-${huaduFile.caseId}`])).rows[0]?.revision;
    const before = await revision();
    t.equal((await call('POST', `/files/${huaduFile.caseId}/quality-review`, statistician, command({ grade: 'good', note: '良好' }))).statusCode, 403, 'grading a case is the office\'s review, not the statistician\'s');
    t.equal((await call('POST', '/walk-in-consultations', statistician, walkIn())).statusCode, 403, 'nor recording a visit');
    t.equal(await revision(), before, 'nothing written');
  });

  t.test('the lawyer registry: another district\'s answers as none, and a write to it changes nothing', async (t) => {
    const registryRevision = async () => (await app.pg.query('SELECT revision FROM event_store.streams WHERE stream_name = $1', ['legalAidLawyers-huadu'])).rows[0]?.revision;
    const before = await registryRevision();
    for (const c of registryCases.filter((m) => m.sample)) {
      for (const role of (c.admits as Role[]).filter((r) => !cityWide.includes(r))) {
        const { url, payload } = (c.sample as NonNullable<Case['sample']>)();
        const theirs = await call(c.method, url, token(role, 'other'), payload);
        t.equal(theirs.statusCode, 404, `${role} of 白云 on ${c.method} ${c.route}: ${theirs.body}`);
      }
    }
    t.equal(await registryRevision(), before, 'nothing written to 花都\'s registry');
  });

  t.test('the assigned lawyer: their own case only, in full, with their reports; another lawyer of the district sees none of it', async (t) => {
    const lawyerId = 'legal_aid_lawyer-own';
    const registered = await call('POST', '/districts/huadu/lawyers', token('administrator', 'own'), command({ lawyerId, ...lawyer() }));
    t.ok([200, 201].includes(registered.statusCode), registered.body);
    const file = await take('own', 'huadu');
    for (const [role, action, payload] of [
      ['legal_aid_reviewer', 'economic-status', command({ status: { kind: 'personal_pledge', pledgeSignedAt: '2026-03-02T08:30:00+08:00' } })],
      ['legal_aid_head', 'approval', command()],
      ['legal_aid_head', 'lawyer-assignment', command({ lawyerId })],
    ] as const) {
      const res = await call('POST', `/files/${file.caseId}/${action}`, token(role, 'own'), payload);
      t.equal(res.statusCode, 200, `${action}: ${res.body}`);
    }
    const own = token('legal_aid_lawyer', 'own');
    const colleague = bearer({ sub: 'another-lawyer', role: 'legal_aid_lawyer', org: HUADU.office });
    const listed = async (authorization: string) => {
      for (let i = 0; i < 200; i += 1) {
        const ids = ((await call('GET', '/lawyer/files', authorization)).json() as { entries: { caseId: string }[] }).entries.map((e) => e.caseId);
        if (ids.includes(file.caseId) || authorization !== own) return ids;
        await new Promise((r) => setTimeout(r, 25));
      }
      return [];
    };
    t.same(await listed(own), [file.caseId], 'the lawyer lists the case assigned to them, and only it');
    const read = await call('GET', `/files/${file.caseId}`, own);
    t.equal(read.statusCode, 200, read.body);
    t.ok(read.body.includes(ID), 'in full: the lawyer acts for the recipient');
    const reported = await call('POST', `/files/${file.caseId}/lawyer-reports`, own, lawyerReport());
    t.equal(reported.statusCode, 201, reported.body);
    const noGround = await call('POST', `/files/${file.caseId}/lawyer-reports`, own, command({ reportId: randomUUID(), kind: 'termination_ground', text: '受援人不再符合条件' }));
    t.equal(noGround.statusCode, 422, 'grounds for termination name the Art. 48 ground');
    const ground = await call('POST', `/files/${file.caseId}/lawyer-reports`, own, command({ reportId: randomUUID(), kind: 'termination_ground', text: '受援人要求终止', terminationGround: 'recipient_request' }));
    t.equal(ground.statusCode, 201, ground.body);
    const reports = async (authorization: string) => call('GET', `/files/${file.caseId}/lawyer-reports`, authorization);
    t.same(((await reports(own)).json() as { reports: { kind: string }[] }).reports.map((r) => r.kind), ['progress', 'termination_ground']);
    t.same(((await reports(token('legal_aid_head', 'own'))).json() as { reports: { kind: string; lawyerId: string }[] }).reports.map((r) => r.lawyerId), [lawyerId, lawyerId], 'the office reads them');
    // Another lawyer of 花都: as if there were no such file, and nothing written.
    const revision = async () => (await app.pg.query('SELECT revision FROM event_store.streams WHERE stream_name = $1', [`legalAidLawyerReports-${file.caseId}`])).rows[0]?.revision;
    const before = await revision();
    t.same(await listed(colleague), [], 'not in another lawyer\'s list');
    const missing = randomUUID();
    for (const [method, path, payload] of [['GET', '', undefined], ['GET', '/lawyer-reports', undefined], ['POST', '/lawyer-reports', lawyerReport()]] as const) {
      const theirs = await call(method, `/files/${file.caseId}${path}`, colleague, payload);
      const none = await call(method, `/files/${missing}${path}`, colleague, payload);
      t.equal(theirs.statusCode, 404, `another lawyer, ${method} ${path || '/files/:caseId'}`);
      t.same({ ...theirs.json(), requestId: 0, instance: 0 }, { ...none.json(), requestId: 0, instance: 0 }, 'the same answer as for no file');
    }
    t.equal(await revision(), before, 'nothing written by another lawyer');
  });

  t.test('a token naming an organisation not in the registry, or the city with a district role, reaches nothing', async (t) => {
    const stranger = bearer({ sub: 'x', role: 'station_clerk', org: 'nowhere-station' });
    t.equal((await call('GET', '/worklist', stranger)).statusCode, 403);
    const cityReviewer = bearer({ sub: 'y', role: 'legal_aid_reviewer', org: 'gz' });
    t.equal((await call('GET', '/worklist', cityReviewer)).statusCode, 403, 'a district role at the city is not a city-wide role');
  });
});
