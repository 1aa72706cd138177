// The audit service and the hotline service on one fresh PostgreSQL database (as deployed: one event
// store), the hotline serving two centres (花都 and 白云, each with its own 12345 platform), tokens per role
// and district, and helpers to make real work orders through the hotline's own routes.
import { comparePositions } from '@bureau/event-store';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig as loadHotlineConfig } from '@bureau/hotline-service/config';
import { signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { buildAuditApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'audit-test-secret-0123456789abcdef';
export const HUADU = { platform: 'gz12345', secret: 'huadu-platform-secret-0123', centre: 'huadu-plsc', bureau: 'huadu-bureau' } as const;
export const BAIYUN = { platform: 'by12345', secret: 'baiyun-platform-secret-0123', centre: 'baiyun-plsc', bureau: 'baiyun-bureau' } as const;
export type Centre = typeof HUADU | typeof BAIYUN;
export const citizen = { name: '张三丰', phone: '13812345678' };

export const signingKeyPem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export function auditEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    CITY_ID: 'gz',
    ORGANISATIONS_SEED: 'demo',
    AUDIT_ANCHOR_SIGNING_KEY: signingKeyPem(),
    AUDIT_ANCHOR_SCHEDULE: 'off',
    AUDIT_HOTLINE_CENTRE_ID: HUADU.centre,
    AUDIT_HOTLINE_PLATFORM_CENTRES: JSON.stringify({ [BAIYUN.platform]: BAIYUN.centre }),
    ...extra,
  };
}

export async function auditFixture(t: Teardown, options: { readonly env?: Record<string, string>; readonly clock?: () => Date } = {}) {
  const databaseUrl = await freshDatabase(t, 'audit');
  // The hotline's test clock: orders are dispatched on a Monday morning, Beijing time.
  let now = new Date('2026-03-02T01:00:00Z');
  const hotline = await buildHotlineApp(loadHotlineConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    HOTLINE_CENTRE_ID: HUADU.centre,
    HOTLINE_PLATFORMS: JSON.stringify([
      { id: HUADU.platform, secret: HUADU.secret, baseUrl: 'http://127.0.0.1:9' },
      { id: BAIYUN.platform, secret: BAIYUN.secret, baseUrl: 'http://127.0.0.1:9', centreId: BAIYUN.centre },
    ]),
  }), { clock: () => now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => hotline.close());
  await hotline.ready();
  const config = loadConfig(auditEnv(databaseUrl, options.env));
  const app = await buildAuditApp(config, options.clock ? { clock: options.clock } : {});
  t.teardown(() => app.close());
  await app.ready();

  const token = (role: string, org: string, sub = `${role}-${org}`) => `Bearer ${signTestToken(JWT_SECRET, { sub, role, org, name: '审计员' })}`;
  const tokens = {
    huaduAuditor: token('auditor', HUADU.bureau, 'auditor-huadu'),
    baiyunAuditor: token('auditor', BAIYUN.bureau, 'auditor-baiyun'),
    cityAuditor: token('city_auditor', 'gz', 'auditor-city'),
    huaduStaff: token('centre_staff', HUADU.centre, 'staff-li'),
    baiyunStaff: token('centre_staff', BAIYUN.centre, 'staff-chen'),
  };

  const push = async (centre: Centre, type: string, orderNo: string, data: object = {}) => {
    const body = JSON.stringify({ messageId: randomUUID(), type, orderNo, occurredAt: now.toISOString(), data });
    const res = await hotline.inject({
      method: 'POST', url: `/integrations/12345/${centre.platform}/messages`,
      headers: { 'content-type': 'application/json', ...signingHeaders(centre.platform, centre.secret, body, now) }, payload: body,
    });
    if (res.statusCode !== 200) throw new Error(`${type} ${orderNo}: ${res.statusCode} ${res.body}`);
    return res.json() as { workOrderId: string; position: string };
  };
  const dispatch = (centre: Centre, orderNo: string) =>
    push(centre, 'order.dispatched', orderNo, { category: 'complaint', role: 'lead', citizen, content: `投诉：请回电 ${citizen.phone}，${citizen.name}` });
  const staffPost = async (workOrderId: string, action: string, body: object, authorization: string) => {
    const res = await hotline.inject({ method: 'POST', url: `/work-orders/${workOrderId}/${action}`, headers: { authorization }, payload: { commandId: randomUUID(), ...body } });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const get = (url: string, authorization: string) => app.inject({ method: 'GET', url, headers: { authorization } });
  const post = (url: string, authorization: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: { authorization }, payload });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  /** A 花都 order taken through sign-for, an approved extension, a note and a reply. */
  const orderWithExtension = async (centre: Centre = HUADU, orderNo = 'GZ-EXT-1') => {
    const staff = centre === HUADU ? tokens.huaduStaff : tokens.baiyunStaff;
    const { workOrderId } = await dispatch(centre, orderNo);
    advance(60_000);
    await staffPost(workOrderId, 'sign-for', {}, staff);
    advance(60_000);
    await staffPost(workOrderId, 'extension-request', { reason: '需调取材料', workingDays: 3 }, staff);
    advance(60_000);
    await push(centre, 'extension.approved', orderNo, { days: 3 });
    advance(60_000);
    await staffPost(workOrderId, 'notes', { note: `已电话联系${citizen.name}` }, staff);
    advance(60_000);
    await staffPost(workOrderId, 'reply', { answer: '已答复：可申请法律援助。' }, staff);
    return workOrderId;
  };

  /** Waits until every committed event is readable in $all (an open projection batch holds the line back). */
  const settled = async () => {
    const committed = await app.eventStore.lastCommittedPosition();
    if (!committed) return;
    for (;;) {
      const head = await app.eventStore.headPosition();
      if (head && comparePositions(head, committed) >= 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return { app, hotline, settled, config, databaseUrl, tokens, token, push, dispatch, staffPost, get, post, advance, orderWithExtension, now: () => now };
}

export type AuditFixture = Awaited<ReturnType<typeof auditFixture>>;
