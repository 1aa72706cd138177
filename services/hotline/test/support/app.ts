// The hotline service on a fresh PostgreSQL database, with a settable clock, tokens per role, a log
// capture, and helpers to push signed platform messages and call staff routes.
import type { RecordedEvent } from '@bureau/event-store';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { randomUUID } from 'node:crypto';
import { buildHotlineApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { workOrderIdOf } from '../../src/work-order-id.js';
import { workOrderStreamName } from '../../src/domain/index.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'hotline-test-secret-0123456789abcdef';
export const PLATFORM_ID = 'gz12345';
export const PLATFORM_SECRET = 'gz12345-shared-secret-for-tests';

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

export const citizen = { name: '张三丰', phone: '13812345678' };

export async function hotlineFixture(t: Teardown, options: { readonly start?: string; readonly env?: Record<string, string> } = {}) {
  const databaseUrl = await freshDatabase(t, 'hotline');
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'info',
    // The demo city's registry, registered at start: its 花都 centre owns the orders.
    CITY_ID: 'gz',
    HOTLINE_CENTRE_ID: 'huadu-plsc',
    ORGANISATIONS_SEED: 'demo',
    PLATFORM_ID,
    PLATFORM_SECRET,
    // Nothing listens there: the outbox, when present, just keeps retrying.
    PLATFORM_BASE_URL: 'http://127.0.0.1:9',
    ...options.env,
  });
  const clock = new TestClock(local(options.start ?? '2026-03-02 09:00'));
  const logs = captureLogs();
  const app = await buildHotlineApp(config, {
    clock: () => clock.now,
    logStream: logs.stream,
    readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 },
  });
  t.teardown(() => app.close());
  await app.ready();

  const token = (role: string, sub = `user-${role}`, org = 'huadu-plsc') => `Bearer ${signTestToken(JWT_SECRET, { sub, role, org, name: '王五' })}`;
  const tokens = {
    staff: token('centre_staff', 'staff-li'),
    supervisor: token('centre_supervisor', 'supervisor-zhao'),
    auditor: token('auditor', 'user-auditor', 'huadu-bureau'),
    admin: token('administrator', 'user-administrator', 'huadu-bureau'),
    /** The city's administrator: keeps the registry, loads the national calendar. */
    cityAdmin: token('city_administrator', 'user-city-admin', 'gz'),
  };

  /** Posts a raw body signed now (by the test clock) unless told otherwise. */
  const pushRaw = (rawBody: string, headers: Record<string, string> = {}, platformId = PLATFORM_ID) =>
    app.inject({
      method: 'POST',
      url: `/integrations/12345/${platformId}/messages`,
      headers: { 'content-type': 'application/json', ...signingHeaders(PLATFORM_ID, PLATFORM_SECRET, rawBody, clock.now), ...headers },
      payload: rawBody,
    });

  /** A protocol message about `orderNo`, occurring now, signed and pushed. */
  const push = (type: string, orderNo: string, data: object = {}, overrides: Record<string, unknown> = {}) => {
    const message = { messageId: randomUUID(), type, orderNo, occurredAt: clock.now.toISOString(), data, ...overrides };
    return pushRaw(JSON.stringify(message), { 'x-12345-message-id': String(message.messageId) });
  };

  const dispatch = (orderNo: string, data: Record<string, unknown> = {}) =>
    push('order.dispatched', orderNo, { category: 'complaint', citizen, content: `投诉：请回电 ${citizen.phone}`, role: 'lead', ...data });

  const staffPost = (workOrderId: string, action: string, body: object = {}, authorization = tokens.staff) =>
    app.inject({ method: 'POST', url: `/work-orders/${workOrderId}/${action}`, headers: { authorization }, payload: { commandId: randomUUID(), ...body } });

  const get = (url: string, authorization = tokens.staff) => app.inject({ method: 'GET', url, headers: { authorization } });

  const streamOf = async (workOrderId: string): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    try {
      for await (const e of app.eventStore.readStream(workOrderStreamName(workOrderId))) events.push(e);
    } catch {
      return [];
    }
    return events;
  };

  /**
   * Every stream with its revision, as the store has committed them ("nothing was written" is checked
   * here: every append moves a stream's revision, and this table shows commits at once, whereas $all
   * holds a commit back while an older transaction, e.g. a projection's batch, is still open).
   */
  const streamRevisions = async () => {
    const { rows } = await app.pg.query<{ stream_name: string; revision: string }>(
      'SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name',
    );
    return rows.map((r) => `${r.stream_name}@${r.revision}`);
  };

  return { app, logs, clock, tokens, token, config, push, pushRaw, dispatch, staffPost, get, streamOf, streamRevisions, idOf: (orderNo: string) => workOrderIdOf(PLATFORM_ID, orderNo) };
}

export type HotlineFixture = Awaited<ReturnType<typeof hotlineFixture>>;
