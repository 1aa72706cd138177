// The outbox in its real surroundings: the kit's app on a fresh PostgreSQL database, work orders written
// through the real decider, and the simulator of the 12345 platform listening on 127.0.0.1.
import { DEMO_CITY_ID, organisationRegistryPlugin, registerDemoCity } from '@bureau/organisations';
import { TEST_CENTRE, testOwnership, testWorkOrderEvents } from '../support/events.js';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EventStore, RecordedEvent } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { createSimulator, type Simulator } from '@bureau/hotline-simulator';
import { buildApp, eventStorePlugin, pgPoolPlugin, type App } from '@bureau/service-kit';
import { captureLogs, signTestToken, type LogCapture } from '@bureau/service-kit/testing';
import { officialCalendarData } from '@bureau/working-calendar';
import { CalendarBook } from '../../src/calendar/calendar-book.js';
import { runWorkOrderCommand } from '../../src/commands/run-work-order-command.js';
import { workOrderStreamName, type WorkOrderCommand } from '../../src/domain/index.js';
import { outboxPlugin, type OutboxPluginOptions } from '../../src/outbox/index.js';
import { workOrderIdOf } from '../../src/work-order-id.js';
import { eventually } from '@bureau/testing';

export const platformId = 'gz12345';
export const secret = 'outbox-test-secret-0123456789';
export const JWT_SECRET = 'hotline-outbox-test-secret-0123456789';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Millisecond backoff, no jitter (so the gaps are predictable), a budget long enough for any test. */
export const quickRetry = { baseDelayMs: 40, factor: 2, maxDelayMs: 320, jitter: 0, budgetMs: 60_000, maxAttempts: 1_000 };

/** The platform, knowing no centre webhook: these tests only need its API (the centre's calls). */
export async function startPlatform(t: Teardown): Promise<{ platform: Simulator; baseUrl: string }> {
  const platform = createSimulator({ platformId, secret, webhookUrl: 'http://127.0.0.1:9/unused', retry: { tries: 1, backoffMs: 1, timeoutMs: 500 } });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => platform.close());
  const { port } = platform.app.server.address() as AddressInfo;
  return { platform, baseUrl: `http://127.0.0.1:${port}` };
}

export interface Centre {
  readonly app: App;
  readonly logs: LogCapture;
  readonly token: (role: string) => string;
}

/** A centre instance with the outbox; several may share one database, as several processes would. */
export async function startCentre(t: Teardown, databaseUrl: string, platformBaseUrl: string, options: Partial<OutboxPluginOptions> = {}): Promise<Centre> {
  const logs = captureLogs();
  const app = await buildApp({ name: 'hotline-outbox-test', logLevel: 'info', logStream: logs.stream, auth: { jwtSecret: JWT_SECRET } });
  await app.register(pgPoolPlugin, { connectionString: databaseUrl });
  await app.register(eventStorePlugin, { create: () => createPostgresEventStore({ connectionString: databaseUrl }) });
  await app.register(organisationRegistryPlugin, { cityId: DEMO_CITY_ID });
  await app.register(outboxPlugin, {
    ownership: testOwnership,
    platforms: { [platformId]: { baseUrl: platformBaseUrl, secret } },
    retry: quickRetry,
    requireHourBudget: false,
    timeoutMs: 1_000,
    pollMs: 200,
    ...options,
  });
  await app.ready();
  t.teardown(() => app.close());
  await registerDemoCity(app, new Date());
  const token = (role: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `user-${role}`, role, org: 'huadu-plsc' })}`;
  return { app, logs, token };
}

const staffActor = { id: 'staff-li', role: 'centre_staff', organisation: 'huadu-plsc' };
const platformActor = { id: platformId, role: 'hotline_integration', organisation: platformId };

/** Writes work-order commands through the real decider and registry, as the service's routes do. */
export function workOrders(store: EventStore) {
  const calendar = new CalendarBook(store, officialCalendarData, {});
  const run = (workOrderId: string, command: WorkOrderCommand, now: Date, actor = staffActor) =>
    runWorkOrderCommand({ store, calendar, events: testWorkOrderEvents }, { workOrderId, command, now, context: { commandId: randomUUID(), actor, occurredAt: now } });
  return {
    async dispatch(orderNo: string, at: Date, category: 'consultation' | 'complaint' = 'complaint'): Promise<string> {
      const workOrderId = workOrderIdOf(platformId, orderNo);
      const data = { workOrderId, platformId, owner: TEST_CENTRE, externalNumber: orderNo, category, unitRole: 'lead' as const, citizen: { name: '张三', phone: '13800000000' }, content: '咨询劳动合同纠纷', dispatchedAt: at, platformDueAt: null };
      await run(workOrderId, { type: 'DispatchWorkOrder', data }, at, platformActor);
      return workOrderId;
    },
    signFor: (workOrderId: string, at: Date) => run(workOrderId, { type: 'SignForWorkOrder', data: { staffId: 'staff-li' } }, at),
    requestReturn: (workOrderId: string, at: Date) => run(workOrderId, { type: 'RequestReturn', data: { staffId: 'staff-li', reason: '不属于本中心职责' } }, at),
    requestExtension: (workOrderId: string, at: Date, workingDays = 3) =>
      run(workOrderId, { type: 'RequestExtension', data: { staffId: 'staff-li', reason: '需调取材料', workingDays } }, at),
    reply: (workOrderId: string, at: Date, answer = '已电话联系张三（13800000000）并解答') =>
      run(workOrderId, { type: 'ReplyToWorkOrder', data: { staffId: 'staff-li', answer } }, at),
    approveExtension: (workOrderId: string, at: Date, workingDays: number) =>
      run(workOrderId, { type: 'RecordExtensionApproved', data: { platformId, grant: { kind: 'working_days', workingDays } } }, at, platformActor),
    approveReturn: (workOrderId: string, at: Date) =>
      run(workOrderId, { type: 'RecordReturnApproved', data: { platformId, reason: null } }, at, platformActor),
  };
}

export async function streamEvents(store: EventStore, workOrderId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(workOrderStreamName(workOrderId))) events.push(event);
  return events;
}

export { eventually };

/** An instant from Asia/Shanghai local time, e.g. local('2025-11-03 10:00'). */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}
