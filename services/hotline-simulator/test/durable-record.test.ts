// The simulator with DATABASE_URL keeps what the platform knows across a restart: its orders (so the
// centre's pending calls about them are still accepted, not refused as unknown and dead-lettered), the
// answer it gave each idempotency key, and its order numbers (a restarted simulator issues none twice).
// Before: all of it lived in memory. Also: /healthz and /docs like every service.
import { sign } from '@bureau/hotline-protocol/signing';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { createSimulator } from '../src/app.js';
import { postgresRecordStore } from '../src/durable-record.js';
import { platformId, secret, startReceiver } from './support.js';

const now = new Date('2025-09-30T02:00:00.000Z');
const signFor = { signedForAt: '2025-09-30T02:10:00.000Z', staffId: 'staff-7' };

t.test('a simulator restarted on its database remembers what the platform knew', async (t) => {
  const databaseUrl = await freshDatabase(t, 'simulator');
  const receiver = await startReceiver(t);
  const start = async () => {
    const store = await postgresRecordStore(databaseUrl);
    const simulator = createSimulator({
      platformId, secret, webhookUrl: receiver.webhookUrl, clock: () => now, seed: 7,
      retry: { tries: 1, backoffMs: 5, timeoutMs: 2000 }, durable: { store, loaded: await store.load() },
    });
    return simulator;
  };
  const signForCall = (simulator: Awaited<ReturnType<typeof start>>, orderNo: string, key: string) => {
    const raw = JSON.stringify(signFor);
    const ts = Math.floor(now.getTime() / 1000);
    return simulator.app.inject({
      method: 'POST', url: `/api/orders/${orderNo}/sign-for`, payload: raw,
      headers: { 'content-type': 'application/json', 'x-12345-platform': platformId, 'x-12345-timestamp': String(ts), 'x-12345-signature': sign(secret, ts, raw), 'idempotency-key': key },
    });
  };

  const first = await start();
  const issued = [(await first.dispatch()).orderNo, (await first.dispatch()).orderNo];
  const accepted = await signForCall(first, issued[0] as string, 'evt-1');
  t.equal(accepted.statusCode, 200);
  await first.close();

  const second = await start();
  t.teardown(() => second.close());
  t.same(second.knownOrders().map((o) => o.orderNo).sort(), [...issued].sort(), 'the orders survive the restart');
  const replay = await signForCall(second, issued[0] as string, 'evt-1');
  t.equal(replay.statusCode, 200);
  t.equal(replay.headers['idempotent-replayed'], 'true', 'the same key gets the first answer back');
  t.same(replay.json(), accepted.json());
  const pending = await signForCall(second, issued[1] as string, 'evt-2');
  t.equal(pending.statusCode, 200, 'a call about an order dispatched before the restart is accepted (was 404)');
  t.equal(second.received().length, 2);
  const next = (await second.dispatch()).orderNo;
  t.notOk(issued.includes(next), `a new number after the restart (${next} after ${issued.join(', ')})`);

  t.equal((await second.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const docs = await second.app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(docs.statusCode, 200, 'OpenAPI as promised at start');
  t.ok(Object.keys(docs.json().paths).some((p) => p.startsWith('/api/orders/')), 'the platform API is in it');
});
