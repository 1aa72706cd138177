// The platform down for a while: nothing is lost, nothing is doubled, one order's messages keep their
// order, and two centre instances deliver side by side without stepping on each other.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { quickRetry, eventually, local, startCentre, startPlatform, streamEvents, workOrders } from './support.js';

t.test('given the platform down, when messages are owed, then they are retried with backoff and each is applied once when it is back', async (t) => {
  const databaseUrl = await freshDatabase(t, 'outbox');
  const { platform, baseUrl } = await startPlatform(t);
  // Two instances of the centre on one database, as two processes would run.
  const first = await startCentre(t, databaseUrl, baseUrl);
  await startCentre(t, databaseUrl, baseUrl);
  const orders = workOrders(first.app.eventStore);
  await platform.dispatch({ orderNo: 'GZ2025110300001' });
  await platform.dispatch({ orderNo: 'GZ2025110300002' });

  platform.setDown(true);
  const a = await orders.dispatch('GZ2025110300001', local('2025-11-03 10:00'));
  const b = await orders.dispatch('GZ2025110300002', local('2025-11-03 10:05'));
  await orders.signFor(a, local('2025-11-03 10:30'));
  await orders.requestReturn(b, local('2025-11-03 10:40'));
  await orders.requestExtension(a, local('2025-11-04 09:00'));
  await orders.reply(a, local('2025-11-05 16:00'));

  const firstOfA = (await streamEvents(first.app.eventStore, a)).find((e) => e.type === 'WorkOrderSignedFor');
  t.ok(firstOfA, 'the sign-for event exists');
  const key = firstOfA?.id ?? '';
  const tries = await eventually(() => {
    const seen = platform.attempts().filter((x) => x.idempotencyKey === key);
    return seen.length >= 5 ? seen : undefined;
  }, 15_000, 'five tries of the sign-for');
  t.ok(tries.every((x) => x.status === 503), 'each try met the outage');
  // Backoff: each gap at least the policy's delay (40, 80, 160, 320 ms); the gaps never shrink below it.
  const gaps = tries.slice(1).map((x, i) => Date.parse(x.at) - Date.parse(tries[i]?.at ?? x.at));
  gaps.slice(0, 4).forEach((gap, i) => t.ok(gap >= Math.min(quickRetry.maxDelayMs, quickRetry.baseDelayMs * 2 ** i) - 5, `gap ${i + 1} is ${gap} ms`));
  t.equal(platform.received().length, 0, 'nothing was accepted while down');
  const laterOfA = platform.attempts().filter((x) => x.orderNo === 'GZ2025110300001' && x.action !== 'sign-for');
  t.equal(laterOfA.length, 0, "order A's extension request and reply wait behind its sign-for");

  const stats = await first.app.inject({ method: 'GET', url: '/outbox/stats', headers: { authorization: first.token('centre_supervisor') } });
  t.match(stats.json(), { pending: 4, delivered: 0, dead: 0 });
  t.ok(stats.json().retrying >= 2, 'the heads of both orders are retrying');

  platform.setDown(false);
  await eventually(() => platform.received().length >= 4, 15_000, 'all four messages accepted');
  await eventually(async () => {
    const s = await first.app.inject({ method: 'GET', url: '/outbox/stats', headers: { authorization: first.token('administrator') } });
    return s.json().delivered === 4 && s.json().pending === 0;
  }, 5_000, 'the outbox to record every delivery');
  await new Promise((resolve) => setTimeout(resolve, 300)); // room for a stray duplicate to show up

  const received = platform.received();
  t.equal(received.length, 4, 'exactly four calls applied');
  t.equal(new Set(received.map((c) => c.idempotencyKey)).size, 4, 'one per idempotency key');
  const eventIds = [...(await streamEvents(first.app.eventStore, a)), ...(await streamEvents(first.app.eventStore, b))].map((e) => e.id);
  t.ok(received.every((c) => eventIds.includes(c.idempotencyKey)), 'each key is the id of the event it comes from');
  t.same(received.filter((c) => c.orderNo === 'GZ2025110300001').map((c) => c.action), ['sign-for', 'extension-requests', 'replies'], "order A's calls arrived in order");
  t.match(received.find((c) => c.action === 'extension-requests')?.body, { reason: '需调取材料', days: 3, requestedAt: local('2025-11-04 09:00').toISOString() });
  t.match(received.find((c) => c.action === 'return-requests'), { orderNo: 'GZ2025110300002', body: { reason: '不属于本中心职责' } });
  t.notMatch(first.logs.text(), /13800000000/, "the reply's text (with a phone number) never reached a log line");
});
