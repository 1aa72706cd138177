// Over the wire, the platform's retries and mistakes: the same dispatch pushed five times at once is one
// order; a bad signature changes nothing; and the outbox rides out the platform being down.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { eventually, startBoth } from './support.js';

t.test('given the same dispatch pushed five times at once, then there is one order and four duplicates', async (t) => {
  const { platform, read, streamOf } = await startBoth(t);
  const message = {
    messageId: randomUUID(),
    type: 'order.dispatched',
    orderNo: 'GZE2026113000777',
    occurredAt: new Date().toISOString(),
    data: { category: 'assistance', citizen: { name: '赵六', phone: '13700002222' }, content: '求助：工伤认定', role: 'lead' },
  };
  const answers = await Promise.all(Array.from({ length: 5 }, () => platform.deliverRaw({ body: message })));
  t.same(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
  const bodies = answers.map((a) => a.body as { workOrderId: string; duplicate: boolean; position: string });
  t.equal(new Set(bodies.map((b) => b.workOrderId)).size, 1, 'one work order id for all five');
  t.equal(bodies.filter((b) => !b.duplicate).length, 1, 'one first delivery');
  t.equal(bodies.filter((b) => b.duplicate).length, 4, 'four duplicates');
  const workOrderId = bodies[0]?.workOrderId ?? '';
  t.same((await streamOf(workOrderId)).map((e) => e.type), ['WorkOrderDispatched'], 'one event in one stream');
  const worklist = await eventually(async () => {
    const res = await read('/worklist');
    const items = (res.body.entries ?? []) as Array<{ workOrderId: string }>;
    return items.length > 0 ? items : undefined;
  }, 10_000, 'the worklist');
  t.same(worklist.map((entry) => entry.workOrderId), [workOrderId], 'the worklist shows one order');
});

t.test('given a message with a bad signature or a stale timestamp, then 401 and nothing is written', async (t) => {
  const { platform, streamOf } = await startBoth(t);
  const message = {
    messageId: randomUUID(),
    type: 'order.dispatched',
    orderNo: 'GZE2026113000888',
    occurredAt: new Date().toISOString(),
    data: { category: 'consultation', citizen: { name: '钱七', phone: '13600003333' }, content: '咨询', role: 'lead' },
  };
  const forged = await platform.deliverRaw({ body: message, secret: 'not-the-shared-secret-at-all' });
  t.equal(forged.status, 401, 'signed with the wrong secret');
  t.match(forged.body, { status: 401 });
  const stale = await platform.deliverRaw({ body: message, timestamp: Math.floor(Date.now() / 1000) - 600 });
  t.equal(stale.status, 401, 'signed ten minutes ago');
  const unsigned = await platform.deliverRaw({ body: message, signature: null });
  t.equal(unsigned.status, 401, 'not signed');
  const answer = await platform.deliverRaw({ body: message });
  t.equal(answer.status, 200, 'the same message, properly signed, is taken');
  const workOrderId = String((answer.body as { workOrderId: string }).workOrderId);
  t.same((await streamOf(workOrderId)).map((e) => e.type), ['WorkOrderDispatched'], 'and only it wrote anything');
});

t.test('given the platform down, when the centre signs for and replies, then the outbox delivers both once it is back', async (t) => {
  const { platform, act, read } = await startBoth(t);
  const { orderNo, body } = await platform.dispatch({ category: 'consultation' });
  const workOrderId = String((body as { workOrderId: string }).workOrderId);

  platform.setDown(true);
  t.equal((await act(workOrderId, 'sign-for')).status, 200);
  t.equal((await act(workOrderId, 'reply', { answer: '已答复' })).status, 200);
  await eventually(() => platform.attempts().filter((a) => a.orderNo === orderNo && a.status === 503).length >= 3, 15_000, 'three refused tries');
  t.equal(platform.received({ orderNo }).length, 0, 'nothing got through while down');
  t.match((await read('/outbox/stats')).body, { pending: 2, delivered: 0, dead: 0 });

  platform.setDown(false);
  await eventually(() => platform.received({ orderNo }).length === 2, 15_000, 'both messages');
  await eventually(async () => (await read('/outbox/stats')).body.delivered === 2, 5_000, 'marked delivered');
  t.same(platform.received({ orderNo }).map((c) => c.action), ['sign-for', 'replies'], 'in order, once each');
  t.same((await read('/outbox/dead-letters')).body.items, []);
});
