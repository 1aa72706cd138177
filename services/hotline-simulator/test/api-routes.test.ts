// The platform's API, as the centre's outbox meets it: signed calls, dedupe by idempotency key, outages.
import t from 'tap';
import { sign } from '@bureau/hotline-protocol/signing';
import type { Simulator } from '../src/app.js';
import { platformId, secret, simulatorWithReceiver, type Teardown } from './support.js';

const now = new Date('2025-09-30T02:00:00.000Z');
const ts = Math.floor(now.getTime() / 1000);

interface Call {
  readonly action: string;
  readonly orderNo: string;
  readonly body: unknown;
  readonly key?: string;
  readonly timestamp?: number;
  readonly signWith?: string;
  readonly platform?: string;
}

function call(sim: Simulator, c: Call) {
  const raw = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const timestamp = c.timestamp ?? ts;
  return sim.app.inject({
    method: 'POST',
    url: `/api/orders/${c.orderNo}/${c.action}`,
    headers: {
      'content-type': 'application/json',
      'x-12345-platform': c.platform ?? platformId,
      'x-12345-timestamp': String(timestamp),
      'x-12345-signature': sign(c.signWith ?? secret, timestamp, raw),
      ...(c.key === undefined ? {} : { 'idempotency-key': c.key }),
    },
    payload: raw,
  });
}

async function givenADispatchedOrder(t: Teardown) {
  const { simulator } = await simulatorWithReceiver(t, { clock: () => now });
  const { orderNo } = await simulator.dispatch();
  return { simulator, orderNo };
}

const signFor = { signedForAt: '2025-09-30T02:10:00.000Z', staffId: 'staff-7' };

t.test('a well-signed call for a known order is accepted and recorded', async (t) => {
  const { simulator, orderNo } = await givenADispatchedOrder(t);
  const res = await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-1' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { receiptId: String, orderNo, action: 'sign-for', acceptedAt: now.toISOString() });
  t.same(simulator.received(), [{ seq: 1, action: 'sign-for', orderNo, idempotencyKey: 'evt-1', body: signFor, receivedAt: now.toISOString() }]);
  const admin = await simulator.app.inject({ url: `/admin/received?orderNo=${orderNo}` });
  t.same(admin.json(), simulator.received(), 'GET /admin/received shows the same list');
});

t.test('every action takes its own body', async (t) => {
  const { simulator, orderNo } = await givenADispatchedOrder(t);
  const bodies = {
    'sign-for': signFor,
    'return-requests': { requestedAt: '2025-09-30T03:00:00.000Z', reason: '不属于本单位职责' },
    'extension-requests': { requestedAt: '2025-09-30T03:00:00.000Z', reason: '需调取材料', days: 5 },
    replies: { repliedAt: '2025-09-30T04:00:00.000Z', answer: '已电话答复市民', staffId: 'staff-7' },
  };
  for (const [action, body] of Object.entries(bodies)) {
    const res = await call(simulator, { action, orderNo, body, key: `k-${action}` });
    t.equal(res.statusCode, 200, action);
  }
  t.same(simulator.received().map((c) => c.action), Object.keys(bodies), 'recorded in arrival order');
  const wrong = await call(simulator, { action: 'extension-requests', orderNo, body: { requestedAt: '2025-09-30T03:00:00.000Z', reason: 'x' }, key: 'k-x' });
  t.equal(wrong.statusCode, 400, 'an extension request without days is refused');
});

t.test('bad signatures are refused with 401 problem+json and nothing is recorded', async (t) => {
  const { simulator, orderNo } = await givenADispatchedOrder(t);
  const cases: Array<[string, Partial<Call>]> = [
    ['wrong secret', { signWith: 'not-the-secret-at-all' }],
    ['timestamp 6 minutes old', { timestamp: ts - 360 }],
    ['timestamp 6 minutes ahead', { timestamp: ts + 360 }],
    ['another platform', { platform: 'sz12345' }],
  ];
  for (const [name, override] of cases) {
    const res = await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'k', ...override });
    t.equal(res.statusCode, 401, name);
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`);
    t.match(res.json(), { status: 401, title: 'Unauthorized' });
  }
  const unsigned = await simulator.app.inject({
    method: 'POST', url: `/api/orders/${orderNo}/sign-for`,
    headers: { 'content-type': 'application/json', 'x-12345-platform': platformId, 'idempotency-key': 'k' },
    payload: JSON.stringify(signFor),
  });
  t.equal(unsigned.statusCode, 401, 'no signature at all');
  const tampered = await simulator.app.inject({
    method: 'POST', url: `/api/orders/${orderNo}/sign-for`,
    headers: { 'content-type': 'application/json', 'x-12345-platform': platformId, 'x-12345-timestamp': String(ts), 'x-12345-signature': sign(secret, ts, JSON.stringify(signFor)), 'idempotency-key': 'k' },
    payload: JSON.stringify({ ...signFor, staffId: 'staff-8' }),
  });
  t.equal(tampered.statusCode, 401, 'a body changed after signing');
  const badJsonBadSig = await call(simulator, { action: 'sign-for', orderNo, body: '{not json', key: 'k', signWith: 'not-the-secret-at-all' });
  t.equal(badJsonBadSig.statusCode, 401, 'the signature is judged before the JSON');
  t.same(simulator.received(), []);
  t.equal(simulator.attempts().filter((a) => a.status === 401).length, 7, 'each refusal shows among the attempts');
});

t.test('bad input is 400, an unknown order 404, all problem+json', async (t) => {
  const { simulator, orderNo } = await givenADispatchedOrder(t);
  const badJson = await call(simulator, { action: 'sign-for', orderNo, body: '{not json', key: 'k' });
  t.equal(badJson.statusCode, 400);
  t.match(badJson.json(), { detail: 'the body is not valid JSON' });
  const missingField = await call(simulator, { action: 'sign-for', orderNo, body: { signedForAt: 'yesterday' }, key: 'k' });
  t.equal(missingField.statusCode, 400);
  t.match(missingField.json(), { issues: [{ path: 'body/signedForAt' }, { path: 'body/staffId' }] });
  const noKey = await call(simulator, { action: 'sign-for', orderNo, body: signFor });
  t.equal(noKey.statusCode, 400, 'the idempotency-key header is required');
  t.match(noKey.json(), { issues: [{ path: 'headers/idempotency-key' }] });
  const unknown = await call(simulator, { action: 'sign-for', orderNo: 'GZ2025093099999', body: signFor, key: 'k' });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.headers['content-type'], /^application\/problem\+json/);
  const noSuchAction = await call(simulator, { action: 'cancel', orderNo, body: {}, key: 'k' });
  t.equal(noSuchAction.statusCode, 404);
  t.same(simulator.received(), [], 'nothing recorded');
});

t.test('a repeated idempotency key is applied once and gets the same answer', async (t) => {
  const { simulator, orderNo } = await givenADispatchedOrder(t);
  const first = await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-9' });
  const again = await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-9', timestamp: ts + 30 });
  const [x, y] = await Promise.all([
    call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-9' }),
    call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-9' }),
  ]);
  for (const repeat of [again, x, y]) {
    t.equal(repeat.statusCode, first.statusCode);
    t.same(repeat.json(), first.json(), 'same answer');
    t.equal(repeat.headers['idempotent-replayed'], 'true');
  }
  t.equal(first.headers['idempotent-replayed'], undefined);
  t.equal(simulator.received().length, 1, 'applied once');
  const reused = await call(simulator, { action: 'replies', orderNo, body: { repliedAt: '2025-09-30T04:00:00.000Z', answer: '已答复', staffId: 's' }, key: 'evt-9' });
  t.equal(reused.statusCode, 422, 'the same key for a different call is refused for good');
  t.equal(simulator.received().length, 1);
});

t.test('an outage answers 503 until it is over; failNext fails just the next calls', async (t) => {
  const { simulator, orderNo } = await givenADispatchedOrder(t);
  simulator.setDown(true);
  const down = await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-1' });
  t.equal(down.statusCode, 503);
  t.match(down.headers['content-type'], /^application\/problem\+json/);
  t.same(simulator.received(), [], 'nothing recorded while down');
  simulator.setDown(false);
  const back = await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-1' });
  t.equal(back.statusCode, 200, 'the retry after recovery is accepted');

  const set = await simulator.app.inject({ method: 'POST', url: '/admin/outage', payload: { failNext: 2, status: 502 } });
  t.same(set.json(), { down: false, failNext: 2, failStatus: 502 });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i += 1) statuses.push((await call(simulator, { action: 'replies', orderNo, body: { repliedAt: '2025-09-30T04:00:00.000Z', answer: '已答复', staffId: 's' }, key: 'evt-2' })).statusCode);
  t.same(statuses, [502, 502, 200]);
  t.same(simulator.received().map((c) => c.idempotencyKey), ['evt-1', 'evt-2']);
  t.same(simulator.attempts().map((a) => a.status), [503, 200, 502, 502, 200], 'attempts show the retries');

  await simulator.app.inject({ method: 'POST', url: '/admin/outage', payload: { down: true } });
  t.equal((await call(simulator, { action: 'sign-for', orderNo, body: signFor, key: 'evt-3' })).statusCode, 503, 'POST /admin/outage {down:true}');
  t.equal((await simulator.app.inject({ url: '/admin/received' })).statusCode, 200, 'admin endpoints keep working in an outage');
});
