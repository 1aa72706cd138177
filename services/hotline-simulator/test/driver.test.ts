// The driver pushing to a real HTTP receiver on 127.0.0.1: signed bodies, redelivery, retries.
import t from 'tap';
import { inboundMessageSchema } from '@bureau/hotline-protocol/messages';
import { verify } from '@bureau/hotline-protocol/signing';
import { platformId, secret, simulatorWithReceiver, type ReceivedRequest } from './support.js';

/** Checks a request the way the centre will: signature, platform, message id; returns the message. */
function verifiedMessage(req: ReceivedRequest) {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
  const verdict = verify({ secret, timestamp: header('x-12345-timestamp'), signature: header('x-12345-signature'), rawBody: req.rawBody, now: new Date() });
  if (!verdict.ok) throw new Error(`badly signed: ${verdict.reason}`);
  if (header('x-12345-platform') !== platformId) throw new Error('wrong platform header');
  const message = inboundMessageSchema.parse(JSON.parse(req.rawBody));
  if (header('x-12345-message-id') !== message.messageId) throw new Error('the message-id header differs from the body');
  return message;
}

t.test('dispatch pushes a signed, protocol-valid order.dispatched to the webhook', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t);
  const delivery = await simulator.dispatch();
  t.match(delivery, { status: 200, body: { workOrderId: 'wo-1', duplicate: false }, attempts: 1, type: 'order.dispatched' });
  t.match(delivery.orderNo, /^SIM\d{8}\d{5}$/, 'SIM + China date + serial');
  t.equal(receiver.requests.length, 1);
  const [req] = receiver.requests;
  if (!req) return;
  t.equal(req.method, 'POST');
  t.equal(req.url, `/integrations/12345/${platformId}/messages`);
  t.match(req.headers['content-type'], /^application\/json/);
  const message = verifiedMessage(req);
  t.equal(message.orderNo, delivery.orderNo);
  if (message.type !== 'order.dispatched') return t.fail('wrong type');
  t.match(message.data.citizen.phone, /^1\d{10}$/, 'a mobile number');
  t.match(message.data.content, /市民/, 'Chinese content');
  t.same(simulator.knownOrders().map((o) => o.orderNo), [delivery.orderNo], 'the platform now knows the order');
});

t.test('given content is used as is', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t);
  const citizen = { name: '测试', phone: '020-12345678' };
  await simulator.dispatch({ orderNo: 'GZ2025093000123', category: 'complaint', citizen, content: '投诉内容', role: 'assisting', dueAt: '2025-10-20T09:00:00.000Z' });
  const sent = JSON.parse(receiver.requests[0]?.rawBody ?? '{}');
  t.match(sent, { orderNo: 'GZ2025093000123', data: { category: 'complaint', citizen, content: '投诉内容', role: 'assisting', dueAt: '2025-10-20T09:00:00.000Z' } });
});

t.test('fake orders are reproducible from the seed; message ids never repeat', async (t) => {
  const fakeData = async (seed: number) => {
    const { simulator } = await simulatorWithReceiver(t, { seed });
    const deliveries = [await simulator.dispatch(), await simulator.dispatch(), await simulator.dispatch()];
    return { ids: deliveries.map((d) => d.messageId), data: deliveries.map((d) => simulator.sentMessage(d.messageId)?.data) };
  };
  const [first, twin, other] = [await fakeData(7), await fakeData(7), await fakeData(8)];
  t.same(twin.data, first.data, 'same seed, same citizens and contents');
  t.notSame(other.data, first.data, 'another seed, other data');
  t.equal(new Set([...first.ids, ...twin.ids]).size, 6, 'message ids are fresh uuids even with the same seed');
});

t.test('every driver method sends its message type and data', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t);
  const no = 'GZ2025093000001';
  const sends = [
    [() => simulator.approveReturn(no, '同意退回'), 'return.approved', { reason: '同意退回' }],
    [() => simulator.rejectReturn(no), 'return.rejected', {}],
    [() => simulator.approveExtension(no, { days: 5 }), 'extension.approved', { days: 5 }],
    [() => simulator.approveExtension(no, { newDueAt: '2025-10-31T09:00:00.000Z' }), 'extension.approved', { newDueAt: '2025-10-31T09:00:00.000Z' }],
    [() => simulator.rejectExtension(no, '理由不充分'), 'extension.rejected', { reason: '理由不充分' }],
    [() => simulator.recordFollowUp(no, { satisfaction: 'dissatisfied', resolved: false, causedByUnit: true, comment: '未解决' }), 'followup.recorded', { satisfaction: 'dissatisfied', resolved: false, causedByUnit: true, comment: '未解决' }],
    [() => simulator.redo(no, { reason: '市民不满意', dueAt: '2025-10-10T09:00:00.000Z' }), 'order.redo', { reason: '市民不满意', dueAt: '2025-10-10T09:00:00.000Z' }],
    [() => simulator.urge(no, 'supervise', '已超期'), 'order.urged', { level: 'supervise', note: '已超期' }],
    [() => simulator.issueNotice(no, '多次超期，予以通报'), 'notice.issued', { note: '多次超期，予以通报' }],
    [() => simulator.merge(no, ['GZ2025093000002', 'GZ2025093000003']), 'orders.merged', { mergedOrderNos: ['GZ2025093000002', 'GZ2025093000003'] }],
  ] as const;
  for (const [send, type, data] of sends) {
    const delivery = await send();
    t.equal(delivery.status, 200, type);
    const message = verifiedMessage(receiver.requests.at(-1) ?? { method: '', url: '', headers: {}, rawBody: '' });
    t.match(message, { type, orderNo: no });
    t.same(message.data, data, `${type} data`);
  }
  t.throws(() => simulator.approveExtension(no, { days: 5, newDueAt: '2025-10-31T09:00:00.000Z' }), 'the driver never sends a message the protocol refuses');
});

t.test('redeliver resends the same messageId and body with a fresh timestamp and signature', async (t) => {
  let now = new Date();
  const { simulator, receiver } = await simulatorWithReceiver(t, { clock: () => now });
  const first = await simulator.dispatch();
  now = new Date(now.getTime() + 90_000);
  const again = await simulator.redeliver(first.messageId);
  t.equal(again.messageId, first.messageId);
  const [a, b] = receiver.requests;
  if (!a || !b) return t.fail('two requests expected');
  t.equal(b.rawBody, a.rawBody, 'byte-identical body');
  t.equal(b.headers['x-12345-message-id'], first.messageId);
  t.equal(Number(b.headers['x-12345-timestamp']) - Number(a.headers['x-12345-timestamp']), 90, 'timestamp of the resend');
  t.not(b.headers['x-12345-signature'], a.headers['x-12345-signature']);
  t.same(verify({ secret, timestamp: String(b.headers['x-12345-timestamp']), signature: String(b.headers['x-12345-signature']), rawBody: b.rawBody, now }), { ok: true });
  t.throws(() => simulator.redeliver('00000000-0000-4000-8000-00000000dead'), { name: 'UnknownMessageError' });
  const viaAdmin = await simulator.app.inject({ method: 'POST', url: `/admin/messages/${first.messageId}/redeliver` });
  t.match(viaAdmin.json(), { messageId: first.messageId, status: 200 });
  t.equal(receiver.requests[2]?.rawBody, a.rawBody);
});

t.test('retries on 5xx, each try freshly signed, up to the configured tries', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t, {}, [{ status: 503 }, { status: 500 }]);
  const delivery = await simulator.dispatch();
  t.match(delivery, { status: 200, attempts: 3 });
  t.equal(receiver.requests.length, 3);
  t.equal(new Set(receiver.requests.map((r) => r.headers['x-12345-message-id'])).size, 1, 'same messageId on every try');
  t.equal(new Set(receiver.requests.map((r) => r.rawBody)).size, 1, 'same body on every try');
  for (const req of receiver.requests) t.doesNotThrow(() => verifiedMessage(req), 'each try correctly signed');

  receiver.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
  const givenUp = await simulator.dispatch();
  t.match(givenUp, { status: 503, attempts: 3 }, 'gives up after 3 tries with the last answer');
  t.equal(receiver.requests.length, 6);
});

t.test('never retries a 4xx', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t, {}, [{ status: 400, body: { title: 'Bad Request' } }, { status: 422 }]);
  t.match(await simulator.dispatch(), { status: 400, attempts: 1, body: { title: 'Bad Request' } });
  t.match(await simulator.urge('GZ1', 'urge'), { status: 422, attempts: 1 });
  t.equal(receiver.requests.length, 2);
});

t.test('retries when nothing answers, then reports no status', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t, { retry: { tries: 2, backoffMs: 1, timeoutMs: 500 } });
  simulator.setWebhookUrl('http://127.0.0.1:1/integrations/12345/gz12345/messages');
  const delivery = await simulator.dispatch();
  t.equal(delivery.status, null);
  t.equal(delivery.attempts, 2);
  t.match(delivery.error, /fetch failed|ECONNREFUSED/);
  simulator.setWebhookUrl(receiver.webhookUrl);
  t.equal((await simulator.redeliver(delivery.messageId)).status, 200, 'and delivers once the centre is reachable');
});

t.test('deliverRaw sends exactly what it is told, once', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t, {}, [{ status: 401 }]);
  const body = { messageId: '00000000-0000-4000-8000-000000000001', type: 'order.urged', orderNo: 'GZ1', occurredAt: new Date().toISOString(), data: { level: 'urge' } };
  const answer = await simulator.deliverRaw({ body, secret: 'wrong-secret-wrong', timestamp: 1_000_000_000 });
  t.match(answer, { status: 401, attempts: 1 });
  const req = receiver.requests[0];
  if (!req) return t.fail('no request');
  t.equal(req.headers['x-12345-timestamp'], '1000000000');
  t.equal(req.headers['x-12345-message-id'], body.messageId);
  t.same(verify({ secret, timestamp: '1000000000', signature: String(req.headers['x-12345-signature']), rawBody: req.rawBody, now: new Date(1_000_000_000_000) }), { ok: false, reason: 'mismatch' });
  await simulator.deliverRaw({ body: '{"broken"', signature: null, messageId: null, platformId: null });
  const bare = receiver.requests[1];
  t.equal(bare?.rawBody, '{"broken"');
  t.notOk(bare?.headers['x-12345-signature']);
  t.notOk(bare?.headers['x-12345-message-id']);
  t.notOk(bare?.headers['x-12345-platform']);
});

t.test('auto follow-up: a reply received is answered by followup.recorded after the delay', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t, { followUp: { auto: true, delayMs: 20, satisfaction: 'dissatisfied' } });
  const { orderNo } = await simulator.dispatch();
  const { sign } = await import('@bureau/hotline-protocol/signing');
  const raw = JSON.stringify({ repliedAt: new Date().toISOString(), answer: '已答复市民', staffId: 'staff-1' });
  const ts = Math.floor(Date.now() / 1000);
  const reply = () =>
    simulator.app.inject({
      method: 'POST', url: `/api/orders/${orderNo}/replies`, payload: raw,
      headers: { 'content-type': 'application/json', 'x-12345-platform': platformId, 'x-12345-timestamp': String(ts), 'x-12345-signature': sign(secret, ts, raw), 'idempotency-key': 'evt-reply' },
    });
  t.equal((await reply()).statusCode, 200);
  t.equal((await reply()).statusCode, 200, 'a retried reply');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const followUps = receiver.requests.map((r) => JSON.parse(r.rawBody)).filter((m) => m.type === 'followup.recorded');
  t.equal(followUps.length, 1, 'one follow-up for one reply, however often it was delivered');
  t.match(followUps[0], { orderNo, data: { satisfaction: 'dissatisfied', resolved: false, causedByUnit: true } });
});
