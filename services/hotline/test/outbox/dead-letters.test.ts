// A message the platform refuses (4xx) is dead-lettered at once, shown to staff, and delivered when a
// supervisor retries it after the cause is fixed.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { eventually, local, startCentre, startPlatform, workOrders } from './support.js';

t.test('given a message the platform refuses, then it is a dead letter at once; retried by staff, it is delivered', async (t) => {
  const databaseUrl = await freshDatabase(t, 'outbox');
  const { platform, baseUrl } = await startPlatform(t);
  const centre = await startCentre(t, databaseUrl, baseUrl);
  const supervisor = centre.token('centre_supervisor');
  const get = (url: string, authorization = supervisor) => centre.app.inject({ method: 'GET', url, headers: { authorization } });
  const retry = (id: string, authorization = supervisor) => centre.app.inject({ method: 'POST', url: `/outbox/dead-letters/${id}/retry`, headers: { authorization } });

  // The centre has an order the platform never dispatched (say, keyed in by hand with a typo): 404.
  const orders = workOrders(centre.app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110399999', local('2025-11-03 10:00'));
  await orders.signFor(workOrderId, local('2025-11-03 10:20'));

  const dead = await eventually(async () => {
    const res = await get('/outbox/dead-letters');
    return res.json().items?.[0];
  }, 10_000, 'a dead letter');
  t.match(dead, {
    workOrderId,
    orderNo: 'GZ2025110399999',
    action: 'sign-for',
    status: 'dead',
    deadReason: 'rejected',
    attempts: 1,
    lastStatus: 404,
    problem: { status: 404, detail: /no order GZ2025110399999/ },
    nextAttemptAt: null,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(platform.attempts().length, 1, 'a 4xx is not retried');
  t.match((await get('/outbox/stats')).json(), { pending: 0, delivered: 0, dead: 1 });

  t.equal((await get('/outbox/dead-letters', centre.token('centre_staff'))).statusCode, 403, 'staff without the role may not look');
  t.equal((await centre.app.inject({ method: 'GET', url: '/outbox/dead-letters' })).statusCode, 401);
  t.equal((await retry(dead.id, centre.token('centre_staff'))).statusCode, 403, '...nor retry');
  t.equal((await retry('no-such-message')).statusCode, 404);

  // The platform now knows the order (it was a platform-side mix-up); a supervisor retries.
  await platform.dispatch({ orderNo: 'GZ2025110399999' });
  const retried = await retry(dead.id, centre.token('administrator'));
  t.equal(retried.statusCode, 200);
  t.match(retried.json(), { id: dead.id, staffRetries: 1, deadAt: null, deadReason: null });
  const delivered = await eventually(() => platform.received()[0], 5_000, 'the retried message');
  t.match(delivered, { idempotencyKey: dead.id, orderNo: 'GZ2025110399999', action: 'sign-for', body: { staffId: 'staff-li' } });

  const again = await retry(dead.id);
  t.equal(again.statusCode, 200, 'retrying again is harmless');
  t.match(again.json(), { status: /pending|delivered/, staffRetries: 1 });
  await eventually(async () => (await get('/outbox/stats')).json().delivered === 1, 5_000, 'delivered');
  t.same((await get('/outbox/dead-letters')).json(), { items: [], nextBefore: null });
  t.equal(platform.received().length, 1, 'applied once');
});

t.test('given a message for a platform the centre is not configured for, then it is a dead letter naming why', async (t) => {
  const databaseUrl = await freshDatabase(t, 'outbox');
  const { baseUrl } = await startPlatform(t);
  const centre = await startCentre(t, databaseUrl, baseUrl, { platforms: {} });
  const orders = workOrders(centre.app.eventStore);
  const workOrderId = await orders.dispatch('GZ2025110300077', local('2025-11-03 10:00'));
  await orders.signFor(workOrderId, local('2025-11-03 10:20'));
  const dead = await eventually(async () => {
    const res = await centre.app.inject({ method: 'GET', url: '/outbox/dead-letters?limit=1', headers: { authorization: centre.token('administrator') } });
    return res.json().items?.[0];
  }, 10_000, 'a dead letter');
  t.match(dead, { deadReason: 'unknown_platform', lastStatus: null, attempts: 1 });
});
