// The audit service's token matrix: every route x every role x the caller's own district and another's.
// Two centres (花都 and 白云) each have a work order, made through the hotline's own routes on the same
// store. Auditors only: a district's auditor reaches their district's cases, the city's auditor all; a
// case of another district answers exactly as a case that does not exist (same status, same body) and is
// in no list. A route missing from this matrix fails the test.
import { randomUUID } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { buildAuditApp } from '@bureau/audit-service/app';
import { loadConfig } from '@bureau/audit-service/config';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig as loadHotlineConfig } from '@bureau/hotline-service/config';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { JWT_SECRET, caller, routesMissingFrom, tokensFor, withoutRequestFields } from '../support/matrix.js';

const HUADU = { platform: 'gz12345', secret: 'huadu-platform-secret-0123', centre: 'huadu-plsc' };
const BAIYUN = { platform: 'by12345', secret: 'baiyun-platform-secret-0123', centre: 'baiyun-plsc' };

const roles = {
  auditor: { own: 'huadu-bureau', other: 'baiyun-bureau' },
  city_auditor: { own: 'gz', other: 'gz' },
  centre_staff: { own: HUADU.centre, other: BAIYUN.centre },
  centre_supervisor: { own: HUADU.centre, other: BAIYUN.centre },
  administrator: { own: 'huadu-bureau', other: 'baiyun-bureau' },
  city_administrator: { own: 'gz', other: 'gz' },
  station_clerk: { own: 'huadu-station-xinhua', other: 'baiyun-station-jingtai' },
  // City-wide, but not an auditor: the city's statistician counts cases, it does not open them (403 on every route).
  city_statistician: { own: 'gz', other: 'gz' },
} as const;
type Role = keyof typeof roles;
const allRoles = Object.keys(roles) as Role[];

interface Case {
  readonly method: 'GET' | 'POST';
  readonly route: string;
  readonly admits: Role[] | 'public';
  /** A route about one case: the other district's answers as a missing one. */
  readonly ofCase?: (caseId: string) => string;
  readonly payload?: object;
}

const auditors: Role[] = ['auditor', 'city_auditor'];
const city: Role[] = ['city_auditor'];
const caseRoute = (suffix: string, query = ''): Case => ({
  method: 'GET', route: `/cases/{kind}/{caseId}/${suffix}`, admits: auditors, ofCase: (id) => `/cases/work-order/${id}/${suffix}${query}`,
});
const matrix: Case[] = [
  caseRoute('history'),
  caseRoute('as-of', '?at=2030-01-01T00:00:00Z'),
  caseRoute('diff', '?to=0'),
  caseRoute('verification'),
  caseRoute('links'),
  caseRoute('history.jsonl'),
  caseRoute('report.html'),
  caseRoute('report.pdf'),
  { method: 'GET', route: '/access-log', admits: auditors },
  { method: 'POST', route: '/verification-jobs', admits: city, payload: {} },
  { method: 'GET', route: '/verification-jobs/{jobId}', admits: city },
  { method: 'GET', route: '/anchors', admits: city },
  { method: 'POST', route: '/anchors', admits: city },
  { method: 'GET', route: '/anchors/{anchorId}/file', admits: city },
  { method: 'GET', route: '/anchors/public-key', admits: 'public' },
];

const today = new Date().toISOString().slice(0, 10);
function sample(c: Case, caseId: string): string {
  if (c.ofCase) return c.ofCase(caseId);
  return c.route.replace('{jobId}', randomUUID()).replace('{anchorId}', randomUUID()) + (c.route === '/access-log' ? `?from=${today}&to=${today}` : '');
}

t.test('the audit service, route by route, role by role, own district and another', async (t) => {
  const databaseUrl = await freshDatabase(t, 'audit_matrix');
  const now = new Date('2026-03-02T02:00:00Z');
  const hotline = await buildHotlineApp(loadHotlineConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo', HOTLINE_CENTRE_ID: HUADU.centre,
    HOTLINE_PLATFORMS: JSON.stringify([
      { id: HUADU.platform, secret: HUADU.secret, baseUrl: 'http://127.0.0.1:9' },
      { id: BAIYUN.platform, secret: BAIYUN.secret, baseUrl: 'http://127.0.0.1:9', centreId: BAIYUN.centre },
    ]),
  }), { clock: () => now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => hotline.close());
  await hotline.ready();
  const app = await buildAuditApp(loadConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    AUDIT_ANCHOR_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_ANCHOR_SCHEDULE: 'off', AUDIT_HOTLINE_CENTRE_ID: HUADU.centre, AUDIT_HOTLINE_PLATFORM_CENTRES: JSON.stringify({ [BAIYUN.platform]: BAIYUN.centre }),
  }));
  t.teardown(() => app.close());
  await app.ready();

  const token = tokensFor(roles);
  const call = caller(app);

  const dispatch = async (platform: typeof HUADU, orderNo: string) => {
    const body = JSON.stringify({ messageId: randomUUID(), type: 'order.dispatched', orderNo, occurredAt: now.toISOString(),
      data: { category: 'consultation', role: 'lead', citizen: { name: '陈小明', phone: '13912345678' }, content: '咨询欠薪' } });
    const res = await hotline.inject({ method: 'POST', url: `/integrations/12345/${platform.platform}/messages`,
      headers: { 'content-type': 'application/json', ...signingHeaders(platform.platform, platform.secret, body, now) }, payload: body });
    t.equal(res.statusCode, 200, res.body);
    return (res.json() as { workOrderId: string }).workOrderId;
  };
  const huaduOrder = await dispatch(HUADU, 'GZ2026030200001');
  const baiyunOrder = await dispatch(BAIYUN, 'BY2026030200001');

  t.test('every route of the service is in the matrix', async (t) => {
    t.same(routesMissingFrom(app, matrix), [], 'a new route must be added here');
  });

  t.test('roles: admitted ones get past authorization, the others get 403, no token gets 401', async (t) => {
    for (const c of matrix) {
      const url = sample(c, huaduOrder);
      if (c.admits === 'public') {
        t.equal((await call(c.method, url)).statusCode, 200, `${c.route} is public`);
        continue;
      }
      t.equal((await call(c.method, url, undefined, c.payload)).statusCode, 401, `${c.method} ${c.route} without a token`);
      for (const role of allRoles) {
        const res = await call(c.method, url, token(role, 'own'), c.payload);
        if (c.admits.includes(role)) t.ok(res.statusCode < 400 || res.statusCode === 404, `${role} on ${c.method} ${c.route}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else t.equal(res.statusCode, 403, `${role} on ${c.method} ${c.route}`);
      }
    }
  });

  t.test('one case: the own district\'s auditor and the city\'s reach it; another district\'s gets the answer for no case at all', async (t) => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const c of matrix.filter((m) => m.ofCase)) {
      const url = sample(c, huaduOrder);
      t.equal((await call('GET', url, token('auditor', 'own'))).statusCode, 200, `花都's auditor on ${c.route}`);
      t.equal((await call('GET', url, token('city_auditor', 'own'))).statusCode, 200, `the city's auditor on ${c.route}`);
      const outOfReach = await call('GET', url, token('auditor', 'other'));
      const nothing = await call('GET', sample(c, missing), token('auditor', 'other'));
      t.equal(outOfReach.statusCode, 404, `白云's auditor on 花都's case, ${c.route}`);
      t.same(withoutRequestFields(outOfReach.body), withoutRequestFields(nothing.body), `${c.route}: the same answer as a missing case`);
      t.equal((await call('GET', sample(c, baiyunOrder), token('auditor', 'other'))).statusCode, 200, `白云's auditor on its own case, ${c.route}`);
    }
  });

  t.test('another district\'s case is in no list', async (t) => {
    const log = (role: Role, where: 'own' | 'other') => call('GET', `/access-log?from=${today}&to=${today}`, token(role, where));
    const baiyunViews = (await log('auditor', 'other')).json().views as { caseId: string }[];
    t.notOk(baiyunViews.some((v) => v.caseId === huaduOrder), '白云 sees no view of 花都\'s case');
    t.ok(baiyunViews.some((v) => v.caseId === baiyunOrder));
    const huaduViews = (await log('auditor', 'own')).json().views as { caseId: string }[];
    t.notOk(huaduViews.some((v) => v.caseId === baiyunOrder), '花都 sees no view of 白云\'s case');
    const cityViews = (await log('city_auditor', 'own')).json().views as { caseId: string }[];
    t.ok(cityViews.some((v) => v.caseId === huaduOrder) && cityViews.some((v) => v.caseId === baiyunOrder), 'the city sees both');
    // The anchors and the store-wide verification name every stream: the city's only (403 above).
  });

  t.test('the city\'s statistician: city-wide, and still no case, no access log, no anchor', async (t) => {
    for (const c of matrix.filter((m) => m.admits !== 'public')) {
      const res = await call(c.method, sample(c, huaduOrder), token('city_statistician', 'own'), c.payload);
      t.equal(res.statusCode, 403, `${c.method} ${c.route}`);
      t.notOk(res.body.includes('陈小明') || res.body.includes('13912345678'), `${c.route}: the refusal names nothing`);
    }
  });
});
