// PostgreSQL restarts while the 12345 platform pushes orders and staff sign for them. The hotline must
// ride it out: /readyz fails while the database is away, requests answer 503 with Retry-After (the
// platform retries 5xx; staff clients retry with the same commandId), its projections, timers and
// outbox pick up where they stopped, and nothing is lost or doubled: every order once, every sign-for
// once, every read-model row at its stream's revision, every outbox message delivered once, every hash
// chain intact. Before: the first connection cut while checked out was an uncaught exception and the
// service exited. This file starts a PostgreSQL of its own (the suite's shared one serves the others).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStreamChain, type RecordedEvent } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { webhookPath } from '@bureau/hotline-protocol/messages';
import { buildHotlineApp } from '@bureau/hotline-service/app';
import { loadConfig } from '@bureau/hotline-service/config';
import { workOrderStreamName } from '@bureau/hotline-service/domain';
import { createSimulator } from '@bureau/hotline-simulator';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import t from 'tap';
import { startPostgres } from '../../../scripts/embedded-postgres.mjs';

const PLATFORM_ID = 'gz12345';
const PLATFORM_SECRET = 'outage-shared-secret-0123456789';
const JWT_SECRET = 'outage-test-secret-0123456789abcdefgh';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

t.test('the hotline rides out a PostgreSQL restart under load', { timeout: 240_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bureau-outage-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startPostgres({ dataDir: join(dataDir, 'data'), persistent: true, durable: false });
  t.teardown(() => server.stop().catch(() => undefined));
  const databaseUrl = await server.createDatabase('outage');

  // The platform retries 5xx and silence with backoff (200 ms doubling: about 50 s over 8 tries).
  const platform = createSimulator({ platformId: PLATFORM_ID, secret: PLATFORM_SECRET, webhookUrl: 'http://127.0.0.1:9/', retry: { tries: 8, backoffMs: 200, timeoutMs: 5_000 }, orderPrefix: 'OUT' });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => platform.close());
  const config = loadConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', PLATFORM_ID, PLATFORM_SECRET, CITY_ID: 'gz', HOTLINE_CENTRE_ID: 'huadu-plsc', ORGANISATIONS_SEED: 'demo',
    PLATFORM_BASE_URL: `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`,
    OUTBOX_RETRY_BASE_MS: '100', OUTBOX_RETRY_MAX_DELAY_MS: '500', OUTBOX_RETRY_MAX_ATTEMPTS: '100000', OUTBOX_POLL_MS: '500',
  });
  const logs = captureLogs();
  const centre = await buildHotlineApp(config, { logStream: logs.stream });
  t.teardown(() => centre.close());
  await centre.listen({ port: 0, host: '127.0.0.1' });
  const centreUrl = `http://127.0.0.1:${(centre.server.address() as AddressInfo).port}`;
  platform.setWebhookUrl(`${centreUrl}${webhookPath(PLATFORM_ID)}`);
  const staff = `Bearer ${signTestToken(JWT_SECRET, { sub: 'staff-li', role: 'centre_staff', org: 'huadu-plsc' })}`;

  const seen503: { retryAfter: string | null }[] = [];
  const seen500: number[] = [];
  /** A staff sign-for, retried with the same commandId (as a client must) until it is answered. */
  async function signFor(workOrderId: string): Promise<number> {
    const body = JSON.stringify({ commandId: randomUUID() });
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const res = await fetch(`${centreUrl}/work-orders/${workOrderId}/sign-for`, { method: 'POST', headers: { authorization: staff, 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        if (res.status === 503) seen503.push({ retryAfter: res.headers.get('retry-after') });
        else if (res.status >= 500) seen500.push(res.status);
        if (res.status < 500) return res.status;
      } catch {
        // no answer: try again
      }
      await sleep(250);
    }
    throw new Error(`sign-for of ${workOrderId} never answered`);
  }

  // Load: four clients, each dispatching an order and signing for it, until told to stop.
  let stopping = false;
  const signed: string[] = [];
  const refusedDispatches: unknown[] = [];
  const client = async () => {
    while (!stopping) {
      const delivery = await platform.dispatch({ category: 'consultation' });
      if (delivery.status !== 200) {
        refusedDispatches.push(delivery);
        continue;
      }
      const { workOrderId } = delivery.body as { workOrderId: string };
      if ((await signFor(workOrderId)) === 200) signed.push(workOrderId);
    }
  };
  const clients = [client(), client(), client(), client()];

  await eventually('orders flowing', 30_000, async () => signed.length >= 10);
  await server.pg.stop();
  const down = await eventually('/readyz failing', 15_000, async () => {
    const res = await fetch(`${centreUrl}/readyz`);
    return res.status !== 200 ? res.status : undefined;
  });
  t.equal(down, 503, '/readyz fails while the database is away');
  // A request that meets the outage for sure: the worklist, read while the database is away.
  const during = await fetch(`${centreUrl}/worklist`, { headers: { authorization: staff } });
  t.equal(during.status, 503, 'a request during the outage: 503');
  t.ok(Number(during.headers.get('retry-after')) > 0, 'with Retry-After');
  await sleep(3_000);
  await server.pg.start();
  await eventually('/readyz ready again', 60_000, async () => (await fetch(`${centreUrl}/readyz`)).status === 200);
  const signedBefore = signed.length;
  await eventually('orders flowing again', 60_000, async () => signed.length >= signedBefore + 10);
  stopping = true;
  await Promise.all(clients);

  t.same(seen500, [], `no sign-for met a 500 (${seen503.length} met the outage as 503)`);
  t.ok(seen503.every((r) => r.retryAfter !== null), 'each 503 with Retry-After');
  t.same(refusedDispatches, [], 'every dispatch was taken in the end (the platform retried its 5xx)');
  t.notMatch(logs.text(), /uncaught|unhandled/i, 'no uncaught error');

  const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: false });
  t.teardown(() => store.close());
  const streamOf = async (workOrderId: string) => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(workOrderStreamName(workOrderId))) events.push(event);
    return events;
  };
  const orders = platform.knownOrders();
  t.ok(orders.length >= 20, `${orders.length} orders dispatched`);
  const count = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type).length;
  const ids = new Set<string>();
  for (const workOrderId of new Set(signed)) {
    const events = await streamOf(workOrderId);
    ids.add(workOrderId);
    if (count(events, 'WorkOrderDispatched') !== 1 || count(events, 'WorkOrderSignedFor') !== 1) {
      t.fail(`${workOrderId}: ${events.map((e) => e.type).join(', ')}`);
    }
    const chain = await verifyStreamChain(events);
    if (!chain.intact) t.fail(`${workOrderId}: hash chain broken`);
  }
  t.equal(ids.size, signed.length, 'no order signed twice');

  // The read model reaches every stream's revision; the outbox delivers every sign-for exactly once.
  await eventually('read model at every stream revision', 60_000, async () => {
    for (const workOrderId of ids) {
      const res = await fetch(`${centreUrl}/work-orders/${workOrderId}`, { headers: { authorization: staff } });
      const row = (await res.json()) as { revision?: string };
      if (row.revision !== String((await streamOf(workOrderId)).length - 1)) return false;
    }
    return true;
  });
  await eventually('every sign-for delivered', 90_000, async () => platform.received({ action: 'sign-for' }).length >= ids.size);
  const delivered = platform.received({ action: 'sign-for' });
  t.equal(new Set(delivered.map((c) => c.orderNo)).size, delivered.length, 'each sign-for delivered once');
  t.equal(delivered.length, ids.size, 'and every one of them');
});
