// The simulator of the 12345 platform and the hotline service, both real HTTP servers on 127.0.0.1,
// on a fresh PostgreSQL database: each calls the other over the wire, as in production.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator } from '@bureau/hotline-simulator';
import { webhookPath } from '@bureau/hotline-protocol/messages';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import type { RecordedEvent } from '@bureau/event-store';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig } from '@bureau/hotline-service/config';
import { workOrderStreamName } from '@bureau/hotline-service/domain';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const PLATFORM_ID = 'gz12345';
const PLATFORM_SECRET = 'e2e-shared-secret-0123456789';
const JWT_SECRET = 'hotline-e2e-secret-0123456789abcdef';

export async function startBoth(t: Teardown) {
  const databaseUrl = await freshDatabase(t, 'e2e');
  const platform: Simulator = createSimulator({
    platformId: PLATFORM_ID,
    secret: PLATFORM_SECRET,
    webhookUrl: 'http://127.0.0.1:9/not-yet',
    retry: { tries: 3, backoffMs: 50, timeoutMs: 5_000 },
    orderPrefix: 'GZE',
  });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => platform.close());
  const platformUrl = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;

  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'info',
    CITY_ID: 'gz',
    HOTLINE_CENTRE_ID: 'huadu-plsc',
    ORGANISATIONS_SEED: 'demo',
    PLATFORM_ID,
    PLATFORM_SECRET,
    PLATFORM_BASE_URL: platformUrl,
    // Quick retries for the outage case; the budget still outlasts an hour (the service refuses less).
    OUTBOX_RETRY_BASE_MS: '100',
    OUTBOX_RETRY_MAX_DELAY_MS: '400',
    OUTBOX_RETRY_MAX_ATTEMPTS: '100000',
    OUTBOX_POLL_MS: '500',
  });
  const logs = captureLogs();
  const centre = await buildHotlineApp(config, { logStream: logs.stream });
  t.teardown(() => centre.close());
  await centre.listen({ port: 0, host: '127.0.0.1' });
  const centreUrl = `http://127.0.0.1:${(centre.server.address() as AddressInfo).port}`;
  platform.setWebhookUrl(`${centreUrl}${webhookPath(PLATFORM_ID)}`);

  const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: false });
  t.teardown(() => store.close());

  const token = (role: string, sub: string) => `Bearer ${signTestToken(JWT_SECRET, { sub, role, org: 'huadu-plsc', name: '李四' })}`;
  const staff = token('centre_staff', 'staff-li');
  const supervisor = token('centre_supervisor', 'supervisor-zhao');

  /** A staff action over HTTP, with a fresh idempotency key. */
  async function act(workOrderId: string, action: string, body: object = {}) {
    const response = await fetch(`${centreUrl}/work-orders/${workOrderId}/${action}`, {
      method: 'POST',
      headers: { authorization: staff, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: randomUUID(), ...body }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function read(path: string, authorization = supervisor) {
    const response = await fetch(`${centreUrl}${path}`, { headers: { authorization } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  async function streamOf(workOrderId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const event of store.readStream(workOrderStreamName(workOrderId))) events.push(event);
    } catch {
      // No stream: nothing was written.
    }
    return events;
  }

  return { platform, centre, centreUrl, logs, act, read, streamOf, store };
}

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The month (YYYY-MM) of an instant in Asia/Shanghai. */
export function shanghaiMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}
