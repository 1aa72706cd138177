// A message id re-sent with another body: refused with 409 (the platform stops retrying on a 4xx), the
// first message stands, and the refused delivery is recorded for the centre's staff. Before, it answered
// 200 duplicate: true and the change was dropped without anyone knowing.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { citizen, hotlineFixture } from './support/app.js';

t.test('a message id re-sent with another body', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 09:00' });
  const messageId = randomUUID();
  const first = { messageId, type: 'order.dispatched', orderNo: 'GZ-C-1', occurredAt: f.clock.now.toISOString(), data: { category: 'complaint', citizen, content: '投诉：律所乱收费', role: 'lead' } };
  const send = (message: object) => f.pushRaw(JSON.stringify(message), { 'x-12345-message-id': messageId });
  const accepted = await send(first);
  t.equal(accepted.statusCode, 200);
  const workOrderId = accepted.json().workOrderId as string;

  const changed = { ...first, data: { ...first.data, content: '投诉：律所乱收费（补充：已付 5000 元）' } };
  const refused = await send(changed);
  t.equal(refused.statusCode, 409, 'a 4xx: the platform does not retry it');
  t.match(refused.json(), { type: 'urn:bureau:problem:idempotency-key-reused', rule: 'message_id_reused', errors: [{ field: 'body.messageId' }] });
  t.equal((await send(changed)).statusCode, 409, 'and again');

  const stream = await f.streamOf(workOrderId);
  t.same(stream.map((e) => e.type), ['WorkOrderDispatched'], 'the first message stands');
  t.match(stream[0], { data: { content: '投诉：律所乱收费' } });

  const listed = await f.get('/integrations/12345/gz12345/delivery-conflicts', f.tokens.supervisor);
  t.equal(listed.statusCode, 200);
  const items = listed.json().items as { messageId: string; orderNo: string; message: { data: { content: string } } }[];
  t.equal(items.length, 1, 'the same conflicting body sent twice is recorded once');
  t.match(items[0], { messageId, orderNo: 'GZ-C-1', messageType: 'order.dispatched', message: { data: { content: changed.data.content } } });
  t.equal((await f.get('/integrations/12345/gz12345/delivery-conflicts', f.tokens.admin)).statusCode, 403, 'citizens’ data: the centre’s staff only');

  const redelivered = await send(first);
  t.equal(redelivered.statusCode, 200, 'the very same message again is still a duplicate');
  t.match(redelivered.json(), { workOrderId, duplicate: true });
});
