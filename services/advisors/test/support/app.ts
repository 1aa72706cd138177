// The advisors service on a fresh PostgreSQL database, with the demo city's registry (plus two villages
// the sample spreadsheets name), a settable clock, tokens per role, and helpers to call routes.
import { registerOrganisations } from '@bureau/organisations';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { randomUUID } from 'node:crypto';
import { buildAdvisorsApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'advisors-test-secret-0123456789abcdef';

/** An instant from Asia/Shanghai wall-clock time, e.g. local('2026-03-02 10:00'). */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}

export class TestClock {
  constructor(public now: Date) {}
  set(dateTime: string): Date {
    this.now = local(dateTime);
    return this.now;
  }
}

/** The villages the sample files name (test/import/fixtures), under 花都's 新华街道. */
export const SAMPLE_VILLAGES = [
  ['huadu-xinhua-dongsha', 'village', '东沙村', 'huadu-xinhua'],
  ['huadu-xinhua-xicun', 'village', '西村', 'huadu-xinhua'],
] as const;

export const ADVISOR = { advisorId: 'adv-chen', name: '陈律师', firm: '广东花城律师事务所', licenceNumber: '14401200910123456', phone: '13800000009' };
export const OTHER_ADVISOR = { advisorId: 'adv-li', name: '李律师', firm: '广东花城律师事务所', licenceNumber: '14401200910654321', phone: '13800000008' };

export async function advisorsFixture(t: Teardown, options: { readonly start?: string; readonly env?: Record<string, string>; readonly databaseUrl?: string } = {}) {
  const databaseUrl = options.databaseUrl ?? (await freshDatabase(t, 'advisors'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    MONTH_END_TIMERS_MAX_SLEEP_MS: '100',
    ...options.env,
  });
  const clock = new TestClock(local(options.start ?? '2026-03-20 10:00'));
  const logs = captureLogs();
  const app = await buildAdvisorsApp(config, {
    clock: () => clock.now,
    logStream: logs.stream,
    readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  t.teardown(close);
  await app.ready();
  await registerOrganisations(app.eventStore, app.organisations, SAMPLE_VILLAGES, clock.now);

  const token = (role: string, org: string, sub = `user-${role}-${org}`) => `Bearer ${signTestToken(JWT_SECRET, { sub, role, org })}`;
  const tokens = {
    admin: token('administrator', 'huadu-bureau'),
    auditor: token('auditor', 'huadu-bureau'),
    office: token('judicial_office_staff', 'huadu-xinhua-so', 'clerk-wang'),
    advisor: token('legal_advisor', 'huadu', ADVISOR.advisorId),
    otherAdvisor: token('legal_advisor', 'huadu', OTHER_ADVISOR.advisorId),
    baiyunAdmin: token('administrator', 'baiyun-bureau'),
    baiyunOffice: token('judicial_office_staff', 'baiyun-jingtai-so'),
    cityAuditor: token('city_auditor', 'gz'),
  };

  const post = (url: string, body: object, authorization: string) =>
    app.inject({ method: 'POST', url, headers: { authorization }, payload: { commandId: randomUUID(), ...body } });
  const get = (url: string, authorization: string) => app.inject({ method: 'GET', url, headers: { authorization } });

  /** Registers an advisor on 花都's register and appoints them to a village (from March 2026: no month has ended yet, so no month-end judgement runs unless a test moves the clock). */
  const appoint = async (advisor: typeof ADVISOR, villageId: string, from = '2026-03-01', to = '2026-12-31') => {
    const registered = await post('/districts/huadu/advisors', advisor, tokens.admin);
    if (registered.statusCode !== 200) throw new Error(registered.body);
    const appointed = await post(`/villages/${villageId}/appointments`, { advisorId: advisor.advisorId, from, to }, tokens.admin);
    if (appointed.statusCode !== 200) throw new Error(appointed.body);
    return appointed.json() as { appointmentId: string };
  };

  /** Every stream with its revision ("nothing was written" is checked here). */
  const streamRevisions = async () => {
    const { rows } = await app.pg.query<{ stream_name: string; revision: string }>('SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name');
    return rows.map((r) => `${r.stream_name}@${r.revision}`);
  };

  return { app, logs, clock, config, databaseUrl, token, tokens, post, get, appoint, streamRevisions, close };
}

export type AdvisorsFixture = Awaited<ReturnType<typeof advisorsFixture>>;

/** A service as an advisor would log it, on site, with one person served. */
export const service = (overrides: Record<string, unknown> = {}) => ({
  date: '2026-03-05',
  startTime: '09:00',
  type: 'consultation',
  durationMinutes: 120,
  mode: 'on_site',
  personsServed: [{ name: '张三丰', phone: '13812345678' }],
  summary: '咨询土地承包纠纷，张三丰 13812345678',
  ...overrides,
});
