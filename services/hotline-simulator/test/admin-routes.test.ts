// Driving the demo with curl: the admin endpoints mirror the driver and show what was received.
import t from 'tap';
import { simulatorWithReceiver } from './support.js';

t.test('POST /admin/dispatch delivers an order and reports the centre\'s answer', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t);
  const res = await simulator.app.inject({ method: 'POST', url: '/admin/dispatch' });
  t.equal(res.statusCode, 200);
  const report = res.json();
  t.match(report, { type: 'order.dispatched', status: 200, attempts: 1, body: { workOrderId: 'wo-1' } });
  t.equal(JSON.parse(receiver.requests[0]?.rawBody ?? '{}').messageId, report.messageId);
  const chosen = await simulator.app.inject({ method: 'POST', url: '/admin/dispatch', payload: { category: 'report', role: 'assisting' } });
  t.match(JSON.parse(receiver.requests[1]?.rawBody ?? '{}'), { orderNo: chosen.json().orderNo, data: { category: 'report', role: 'assisting' } });
  const orders = await simulator.app.inject({ url: '/admin/orders' });
  t.same(orders.json().map((o: { orderNo: string }) => o.orderNo), [report.orderNo, chosen.json().orderNo]);
});

t.test('each order endpoint sends its message', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t);
  const no = 'GZ2025093000123';
  const calls: Array<[string, object, string, object]> = [
    ['approve-return', {}, 'return.approved', {}],
    ['reject-return', { reason: '属于本单位职责' }, 'return.rejected', { reason: '属于本单位职责' }],
    ['approve-extension', { days: 3 }, 'extension.approved', { days: 3 }],
    ['reject-extension', {}, 'extension.rejected', {}],
    ['follow-up', { satisfaction: 'basically_satisfied', resolved: true, causedByUnit: false }, 'followup.recorded', { satisfaction: 'basically_satisfied', resolved: true, causedByUnit: false }],
    ['redo', { reason: '市民不满意' }, 'order.redo', { reason: '市民不满意' }],
    ['urge', { level: 'urge' }, 'order.urged', { level: 'urge' }],
    ['notice', { note: '通报' }, 'notice.issued', { note: '通报' }],
    ['merge', { mergedOrderNos: ['GZ2025093000124'] }, 'orders.merged', { mergedOrderNos: ['GZ2025093000124'] }],
  ];
  for (const [path, payload, type, data] of calls) {
    const res = await simulator.app.inject({ method: 'POST', url: `/admin/orders/${no}/${path}`, payload });
    t.equal(res.statusCode, 200, path);
    t.match(res.json(), { type, orderNo: no, status: 200 });
    t.same(JSON.parse(receiver.requests.at(-1)?.rawBody ?? '{}').data, data, `${path} → ${type}`);
  }
});

t.test('bad admin input is a 400 problem and sends nothing', async (t) => {
  const { simulator, receiver } = await simulatorWithReceiver(t);
  const cases: Array<[string, object]> = [
    ['/admin/orders/GZ1/approve-extension', { days: 3, newDueAt: '2025-10-31T09:00:00.000Z' }],
    ['/admin/orders/GZ1/approve-extension', {}],
    ['/admin/orders/GZ1/urge', { level: 'shout' }],
    ['/admin/orders/GZ1/merge', { mergedOrderNos: [] }],
    ['/admin/orders/GZ1/follow-up', { satisfaction: 'satisfied' }],
    ['/admin/orders/not%20valid/urge', { level: 'urge' }],
    ['/admin/dispatch', { citizen: { name: '' } }],
    ['/admin/outage', { failNext: 1, status: 404 }],
  ];
  for (const [url, payload] of cases) {
    const res = await simulator.app.inject({ method: 'POST', url, payload });
    t.equal(res.statusCode, 400, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
  }
  t.equal(receiver.requests.length, 0);
  const unknown = await simulator.app.inject({ method: 'POST', url: '/admin/messages/00000000-0000-4000-8000-000000000000/redeliver' });
  t.equal(unknown.statusCode, 404, 'redelivering a message never sent');
});
