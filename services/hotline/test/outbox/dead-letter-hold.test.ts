// The ordering gap found in review, closed: a dead letter holds its work order's later messages, so a
// reply never reaches the platform after its sign-for was refused. Staff see the hold in the dead-letter
// list and the stats; a discard lets the next message go, a retry sends the dead one first, then the rest.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { eventually, local, startCentre, startPlatform, workOrders } from './support.js';

async function centreWithRefusedSignFor(t: Parameters<typeof freshDatabase>[0], orderNo: string) {
  const databaseUrl = await freshDatabase(t, 'outbox');
  const { platform, baseUrl } = await startPlatform(t);
  const centre = await startCentre(t, databaseUrl, baseUrl);
  const supervisor = centre.token('centre_supervisor');
  const get = (url: string) => centre.app.inject({ method: 'GET', url, headers: { authorization: supervisor } });
  // The centre has an order the platform does not know yet (a platform-side mix-up): it refuses the
  // sign-for for good (404).
  const orders = workOrders(centre.app.eventStore);
  const workOrderId = await orders.dispatch(orderNo, local('2025-11-03 10:00'));
  await orders.signFor(workOrderId, local('2025-11-03 10:20'));
  const dead = await eventually(async () => (await get('/outbox/dead-letters')).json().items?.[0], 10_000, 'the sign-for dead-lettered');
  await orders.reply(workOrderId, local('2025-11-05 16:00'));
  // The reply is queued behind its dead sign-for.
  await eventually(async () => (await get('/outbox/stats')).json().held === 1, 5_000, 'the reply held');
  await new Promise((resolve) => setTimeout(resolve, 400)); // room for a wrong delivery to show up
  // The platform sorts its side out: from now on it would take both calls.
  await platform.dispatch({ orderNo });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { platform, centre, supervisor, get, dead, workOrderId };
}

t.test('given a sign-for refused for good, then the reply behind it is held; discarded, the reply goes', async (t) => {
  const { platform, centre, supervisor, get, dead, workOrderId } = await centreWithRefusedSignFor(t, 'GZ2025110388801');
  t.match(dead, { workOrderId, action: 'sign-for', status: 'dead', deadReason: 'rejected', lastStatus: 404 });
  t.match((await get('/outbox/dead-letters')).json().items, [{ id: dead.id, held: 1 }], 'the list shows what the dead letter holds back');
  t.equal(platform.attempts().filter((a) => a.action === 'replies').length, 0, 'the reply was never sent');
  t.match((await get('/outbox/stats')).json(), { pending: 1, dead: 1, held: 1, delivered: 0 });

  const discard = (authorization: string, payload: object = { reason: '平台已人工签收' }) =>
    centre.app.inject({ method: 'POST', url: `/outbox/dead-letters/${dead.id}/discard`, headers: { authorization }, payload });
  t.equal((await discard(centre.token('centre_staff'))).statusCode, 403, 'staff without the role may not discard');
  t.equal((await discard(supervisor, { reason: '' })).statusCode, 400, 'a reason is needed');
  const discarded = await discard(supervisor);
  t.equal(discarded.statusCode, 200);
  t.match(discarded.json(), { id: dead.id, status: 'discarded', discardedBy: 'user-centre_supervisor', discardReason: '平台已人工签收' });
  t.equal((await discard(supervisor)).statusCode, 200, 'discarding again is harmless');

  const reply = await eventually(() => platform.received().find((c) => c.action === 'replies'), 5_000, 'the reply delivered');
  t.match(reply, { orderNo: 'GZ2025110388801' });
  t.same(platform.received().map((c) => c.action), ['replies'], 'the discarded sign-for was never applied');
  await eventually(async () => (await get('/outbox/stats')).json().delivered === 1, 5_000, 'recorded');
  t.match((await get('/outbox/stats')).json(), { pending: 0, dead: 0, discarded: 1, held: 0 });
  t.same((await get('/outbox/dead-letters')).json(), { items: [], nextBefore: null });
  const retryDiscarded = await centre.app.inject({ method: 'POST', url: `/outbox/dead-letters/${dead.id}/retry`, headers: { authorization: supervisor } });
  t.match(retryDiscarded.json(), { status: 'discarded' }, 'a discarded message is not revived by a retry');
});

t.test('given a sign-for refused for good, when staff retry it, then the sign-for goes first and the reply after it', async (t) => {
  const { platform, centre, supervisor, get, dead } = await centreWithRefusedSignFor(t, 'GZ2025110388802');
  t.equal(platform.attempts().filter((a) => a.action === 'replies').length, 0, 'the reply was never sent');
  const retried = await centre.app.inject({ method: 'POST', url: `/outbox/dead-letters/${dead.id}/retry`, headers: { authorization: supervisor } });
  t.equal(retried.statusCode, 200);
  await eventually(() => platform.received().length === 2, 5_000, 'both delivered');
  t.same(platform.received().map((c) => c.action), ['sign-for', 'replies'], 'in the order they arose');
  await eventually(async () => (await get('/outbox/stats')).json().delivered === 2, 5_000, 'recorded');
  t.match((await get('/outbox/stats')).json(), { pending: 0, dead: 0, held: 0 });
  const conflict = await centre.app.inject({ method: 'POST', url: `/outbox/dead-letters/${dead.id}/discard`, headers: { authorization: supervisor }, payload: { reason: 'too late' } });
  t.equal(conflict.statusCode, 409, 'a delivered message cannot be discarded');
});
