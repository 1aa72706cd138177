// The hotline's token matrix: every route x every role x the caller's own organisation and another
// district's. One deployment serves two centres (花都 and 白云, each with its own 12345 platform); each has
// an order. A caller reaches only what their role's scope covers: another district's order answers
// exactly as an order that does not exist (same status, same body), is in no list and no count, and a
// write to it changes nothing. A route missing from this matrix fails the test.
import { randomUUID } from 'node:crypto';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig } from '@bureau/hotline-service/config';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { JWT_SECRET, bearer, caller, routesMissingFrom, tokensFor, withoutRequestFields } from '../support/matrix.js';

const HUADU = { platform: 'gz12345', secret: 'huadu-platform-secret-0123', centre: 'huadu-plsc', bureau: 'huadu-bureau' };
const BAIYUN = { platform: 'by12345', secret: 'baiyun-platform-secret-0123', centre: 'baiyun-plsc', bureau: 'baiyun-bureau' };

/** Each role and where its people sit: `own` is 花都's, `other` 白云's (the city roles sit at the city). */
const roles = {
  centre_staff: { own: HUADU.centre, other: BAIYUN.centre },
  centre_supervisor: { own: HUADU.centre, other: BAIYUN.centre },
  auditor: { own: HUADU.bureau, other: BAIYUN.bureau },
  administrator: { own: HUADU.bureau, other: BAIYUN.bureau },
  city_auditor: { own: 'gz', other: 'gz' },
  city_administrator: { own: 'gz', other: 'gz' },
  // The city's statistician: the monthly figures of every district, and nothing that names a citizen.
  city_statistician: { own: 'gz', other: 'gz' },
  // A role the hotline has no use for: a legal-aid station's clerk of 花都.
  station_clerk: { own: 'huadu-station-xinhua', other: 'baiyun-station-jingtai' },
} as const;
type Role = keyof typeof roles;
const allRoles = Object.keys(roles) as Role[];
/** The city-wide roles that read orders (the city's statistician reads the figures only). */
const cityWide: Role[] = ['city_auditor', 'city_administrator'];

const readers: Role[] = ['centre_staff', 'centre_supervisor', 'auditor', 'administrator', ...cityWide];
const handlers: Role[] = ['centre_staff', 'centre_supervisor'];
/** The monthly figures: counts and rates, no citizen in them. */
const figureReaders: Role[] = [...readers, 'city_statistician'];

interface Case {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** The route as the OpenAPI document names it. */
  readonly route: string;
  /** The roles admitted (anyone else: 403); 'public' and 'signed_in' routes are checked apart. */
  readonly admits: Role[] | 'public' | 'signed_in';
  /** Whether the route is about one order (then: the other district's answers as a missing one). */
  readonly order?: (id: string) => { url: string; payload?: object };
}

const command = (extra: object = {}) => ({ commandId: randomUUID(), ...extra });
const matrix: Case[] = [
  { method: 'POST', route: '/integrations/12345/{platformId}/messages', admits: 'public' },
  { method: 'GET', route: '/integrations/12345/{platformId}/delivery-conflicts', admits: handlers },
  { method: 'GET', route: '/worklist', admits: readers },
  { method: 'GET', route: '/work-orders/{workOrderId}', admits: readers, order: (id) => ({ url: `/work-orders/${id}` }) },
  // Auditors read histories in the audit service, where each view is recorded.
  { method: 'GET', route: '/work-orders/{workOrderId}/timeline', admits: ['centre_staff', 'centre_supervisor', 'administrator', 'city_administrator'], order: (id) => ({ url: `/work-orders/${id}/timeline` }) },
  { method: 'POST', route: '/work-orders/{workOrderId}/sign-for', admits: handlers, order: (id) => ({ url: `/work-orders/${id}/sign-for`, payload: command() }) },
  { method: 'POST', route: '/work-orders/{workOrderId}/notes', admits: handlers, order: (id) => ({ url: `/work-orders/${id}/notes`, payload: command({ note: '已电话联系' }) }) },
  { method: 'POST', route: '/work-orders/{workOrderId}/assignment', admits: ['centre_supervisor'], order: (id) => ({ url: `/work-orders/${id}/assignment`, payload: command({ assigneeStaffId: 'staff-wang' }) }) },
  { method: 'POST', route: '/work-orders/{workOrderId}/return-request', admits: handlers, order: (id) => ({ url: `/work-orders/${id}/return-request`, payload: command({ reason: '不属于本中心职责' }) }) },
  { method: 'POST', route: '/work-orders/{workOrderId}/extension-request', admits: handlers, order: (id) => ({ url: `/work-orders/${id}/extension-request`, payload: command({ reason: '需调取材料', workingDays: 5 }) }) },
  { method: 'POST', route: '/work-orders/{workOrderId}/reply', admits: handlers, order: (id) => ({ url: `/work-orders/${id}/reply`, payload: command({ answer: '已答复：可申请法律援助。' }) }) },
  { method: 'GET', route: '/reports/monthly/{month}', admits: figureReaders },
  { method: 'GET', route: '/calendar', admits: 'signed_in' },
  { method: 'PUT', route: '/calendar/years/{year}', admits: ['city_administrator'] },
  { method: 'GET', route: '/projections', admits: ['auditor', 'administrator', ...cityWide] },
  { method: 'GET', route: '/provisional-deadlines', admits: ['auditor', 'administrator', ...cityWide] },
  { method: 'GET', route: '/metrics', admits: 'public' },
  { method: 'GET', route: '/outbox/dead-letters', admits: ['centre_supervisor', 'administrator', 'city_administrator'] },
  { method: 'POST', route: '/outbox/dead-letters/{id}/retry', admits: ['centre_supervisor', 'administrator', 'city_administrator'] },
  { method: 'POST', route: '/outbox/dead-letters/{id}/discard', admits: ['centre_supervisor', 'administrator', 'city_administrator'] },
  { method: 'GET', route: '/outbox/stats', admits: ['centre_supervisor', 'administrator', 'city_administrator'] },
  { method: 'GET', route: '/organisations', admits: 'signed_in' },
  { method: 'POST', route: '/organisations', admits: ['city_administrator'] },
  { method: 'PATCH', route: '/organisations/{id}', admits: ['city_administrator'] },
  { method: 'POST', route: '/organisations/{id}/close', admits: ['city_administrator'] },
];

/** A request to the route with placeholder values: enough to pass authorization (validation may then refuse it). */
function sample(c: Case, orderId: string): { url: string; payload?: object } {
  if (c.order) return c.order(orderId);
  const url = c.route
    .replace('{platformId}', HUADU.platform).replace('{month}', '2026-03').replace('{year}', '2031')
    .replace('{id}', 'no-such-thing');
  return c.method === 'GET' ? { url } : { url, payload: {} };
}

t.test('the hotline, route by route, role by role, own district and another', async (t) => {
  const databaseUrl = await freshDatabase(t, 'access_matrix');
  const config = loadConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    HOTLINE_CENTRE_ID: HUADU.centre,
    HOTLINE_PLATFORMS: JSON.stringify([
      { id: HUADU.platform, secret: HUADU.secret, baseUrl: 'http://127.0.0.1:9' },
      { id: BAIYUN.platform, secret: BAIYUN.secret, baseUrl: 'http://127.0.0.1:9', centreId: BAIYUN.centre },
    ]),
  });
  const now = new Date('2026-03-02T02:00:00Z');
  const app = await buildHotlineApp(config, { clock: () => now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => app.close());
  await app.ready();

  const token = tokensFor(roles);
  const call = caller(app);

  // Each platform dispatches one order to its centre.
  const dispatch = async (platform: typeof HUADU, orderNo: string) => {
    const body = JSON.stringify({ messageId: randomUUID(), type: 'order.dispatched', orderNo, occurredAt: now.toISOString(),
      data: { category: 'consultation', role: 'lead', citizen: { name: '陈小明', phone: '13912345678' }, content: '咨询欠薪' } });
    const res = await app.inject({ method: 'POST', url: `/integrations/12345/${platform.platform}/messages`,
      headers: { 'content-type': 'application/json', ...signingHeaders(platform.platform, platform.secret, body, now) }, payload: body });
    t.equal(res.statusCode, 200, res.body);
    return res.json() as { workOrderId: string; position: string };
  };
  const huaduOrder = await dispatch(HUADU, 'GZ2026030200001');
  const baiyunOrder = await dispatch(BAIYUN, 'BY2026030200001');
  const fresh = `?after=${encodeURIComponent(baiyunOrder.position)}`;
  await call('GET', `/worklist${fresh}`, token('city_auditor', 'own'));

  t.test('every route of the service is in the matrix', async (t) => {
    t.same(routesMissingFrom(app, matrix), [], 'a new route must be added here');
  });

  t.test('roles: admitted ones get past authorization, the others get 403, no token gets 401', async (t) => {
    for (const c of matrix) {
      const { url, payload } = sample(c, huaduOrder.workOrderId);
      if (c.admits === 'public') continue;
      t.equal((await call(c.method, url, undefined, payload)).statusCode, 401, `${c.method} ${c.route} without a token`);
      for (const role of allRoles) {
        const res = await call(c.method, url, token(role, 'own'), payload);
        const admitted = c.admits === 'signed_in' || c.admits.includes(role);
        if (admitted) t.not(res.statusCode, 403, `${role} on ${c.method} ${c.route}: ${res.body}`);
        else t.equal(res.statusCode, 403, `${role} on ${c.method} ${c.route}`);
      }
    }
  });

  t.test('one order: another district\'s answers as no order at all, and a write to it changes nothing', async (t) => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const c of matrix.filter((m) => m.order)) {
      for (const role of (c.admits as Role[]).filter((r) => !cityWide.includes(r))) {
        const other = token(role, 'other');
        const before = (await call('GET', `/work-orders/${huaduOrder.workOrderId}/timeline`, token('centre_staff', 'own'))).json().entries.length;
        const theirs = sample(c, huaduOrder.workOrderId);
        const nothing = sample(c, missing);
        const outOfReach = await call(c.method, theirs.url, other, theirs.payload);
        const absent = await call(c.method, nothing.url, other, nothing.payload);
        t.equal(outOfReach.statusCode, 404, `${role} of 白云 on ${c.method} ${c.route}`);
        t.same(withoutRequestFields(outOfReach.body), withoutRequestFields(absent.body), `${role} of 白云 on ${c.route}: the same answer as for no order`);
        const after = (await call('GET', `/work-orders/${huaduOrder.workOrderId}/timeline`, token('centre_staff', 'own'))).json().entries.length;
        t.equal(after, before, `${role} of 白云 on ${c.route}: nothing written`);
      }
      for (const role of cityWide.filter((r) => (c.admits as Role[]).includes(r))) {
        const res = await call(c.method, c.order!(huaduOrder.workOrderId).url, token(role, 'own'));
        t.equal(res.statusCode, 200, `${role} reads every district's order`);
      }
    }
  });

  t.test('lists and counts: each district sees its own order only; the city sees both', async (t) => {
    const listed = async (role: Role, where: 'own' | 'other') =>
      ((await call('GET', `/worklist${fresh}`, token(role, where))).json().entries as { workOrderId: string }[]).map((e) => e.workOrderId).sort();
    const counted = async (role: Role, where: 'own' | 'other') => (await call('GET', `/reports/monthly/2026-03${fresh}`, token(role, where))).json().dispatched;
    for (const role of readers.filter((r) => !cityWide.includes(r))) {
      t.same(await listed(role, 'own'), [huaduOrder.workOrderId], `${role} of 花都: its own order`);
      t.same(await listed(role, 'other'), [baiyunOrder.workOrderId], `${role} of 白云: its own order`);
      t.equal(await counted(role, 'own'), 1, `${role} of 花都 counts one`);
      t.equal(await counted(role, 'other'), 1, `${role} of 白云 counts one`);
    }
    for (const role of cityWide) {
      t.same(await listed(role, 'own'), [huaduOrder.workOrderId, baiyunOrder.workOrderId].sort(), `${role}: both`);
      t.equal(await counted(role, 'own'), 2);
    }
    t.equal(await counted('city_statistician', 'own'), 2, 'the city\'s statistician counts both districts\' orders');
    // The outbox: 花都's calls to its platform (its order was signed for above) are not 白云's to see.
    const owed = async (role: Role, where: 'own' | 'other') => (await call('GET', '/outbox/stats', token(role, where))).json().pending;
    t.ok((await owed('centre_supervisor', 'own')) > 0, '花都 sees the calls owed to its platform');
    t.equal(await owed('centre_supervisor', 'other'), 0, '白云 sees none of them');
    t.equal(await owed('city_administrator', 'own'), await owed('centre_supervisor', 'own'), 'the city sees them too');
    const conflicts = await call('GET', `/integrations/12345/${HUADU.platform}/delivery-conflicts`, token('centre_staff', 'other'));
    t.same(conflicts.json(), { items: [] }, '白云 sees nothing of 花都\'s platform');
  });

  t.test('personal data: unmasked only for the owning centre\'s own staff', async (t) => {
    const phoneOf = async (role: Role) => (await call('GET', `/work-orders/${huaduOrder.workOrderId}`, token(role, 'own'))).body.includes('13912345678');
    t.ok(await phoneOf('centre_staff'));
    for (const role of ['auditor', 'administrator', ...cityWide] as Role[]) t.notOk(await phoneOf(role), `${role} sees it masked`);
  });

  t.test('the city\'s statistician: every district\'s figures, no order and no citizen', async (t) => {
    const statistician = token('city_statistician', 'own');
    const figures = await call('GET', `/reports/monthly/2026-03${fresh}`, statistician);
    t.equal(figures.statusCode, 200, figures.body);
    for (const personal of ['陈小明', '13912345678', '5678']) t.notOk(figures.body.includes(personal), `the figures carry no ${personal}`);
    for (const url of ['/worklist', `/work-orders/${huaduOrder.workOrderId}`, `/work-orders/${huaduOrder.workOrderId}/timeline`, `/integrations/12345/${HUADU.platform}/delivery-conflicts`]) {
      const res = await call('GET', url, statistician);
      t.equal(res.statusCode, 403, `${url}: not the statistician's`);
      t.notOk(res.body.includes('陈小明') || res.body.includes('GZ2026030200001'), `${url}: the refusal names nothing`);
    }
  });

  t.test('a token naming an organisation not in the registry, or the city with a district role, reaches nothing', async (t) => {
    const stranger = bearer({ sub: 'x', role: 'centre_staff', org: 'nowhere-plsc' });
    t.equal((await call('GET', '/worklist', stranger)).statusCode, 403);
    const cityStaff = bearer({ sub: 'y', role: 'auditor', org: 'gz' });
    t.equal((await call('GET', '/worklist', cityStaff)).statusCode, 403, 'a district role at city level is not a city-wide role');
  });
});
