// The 12345 webhook against PostgreSQL: signed pushes become work-order events, once.
import t from 'tap';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { randomUUID } from 'node:crypto';
import { citizen, hotlineFixture, local, PLATFORM_ID, PLATFORM_SECRET } from './support/app.js';

const PROBLEM = 'application/problem+json';

t.test('the 12345 webhook', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 10:00' });

  t.test('given a dispatch, then one work order is created with our id and deadlines on the calendar', async (t) => {
    const res = await f.dispatch('GZ-A-1', { category: 'consultation' });
    t.equal(res.statusCode, 200);
    const answer = res.json();
    t.match(answer, { workOrderId: f.idOf('GZ-A-1'), position: /^\d+\/\d+$/, duplicate: false });
    const [event, ...rest] = await f.streamOf(answer.workOrderId);
    t.equal(rest.length, 0);
    t.match(event, {
      type: 'WorkOrderDispatched',
      data: {
        externalNumber: 'GZ-A-1',
        category: 'consultation',
        citizen,
        dispatchedAt: local('2026-03-02 10:00').toISOString(),
        signForDueAt: local('2026-03-02 12:00').toISOString(),
        // 2 working days: the end (24:00) of Wednesday 4 March.
        replyDueAt: local('2026-03-05 00:00').toISOString(),
        calendarVersion: f.app.hotlineCalendar.current().calendar.version,
      },
      metadata: { actor: { id: PLATFORM_ID, role: 'hotline_platform' }, occurredAt: local('2026-03-02 10:00').toISOString() },
    });
  });

  t.test('given the same push delivered 5 times at once, then one work order, the same answer each time', async (t) => {
    const body = JSON.stringify({
      messageId: randomUUID(), type: 'order.dispatched', orderNo: 'GZ-A-5', occurredAt: f.clock.now.toISOString(),
      data: { category: 'complaint', citizen, content: '五次推送', role: 'lead' },
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => f.pushRaw(body)));
    t.same(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200]);
    const bodies = answers.map((a) => a.json());
    t.equal(new Set(bodies.map((b) => b.workOrderId)).size, 1, 'one workOrderId');
    t.equal(new Set(bodies.map((b) => b.position)).size, 1, 'one position');
    t.equal(bodies.filter((b) => !b.duplicate).length, 1, 'exactly one is not a duplicate');
    t.equal((await f.streamOf(f.idOf('GZ-A-5'))).length, 1, 'one event');

    const again = await f.pushRaw(body);
    t.same(again.json(), { ...bodies[0], duplicate: true }, 'a later redelivery answers the same, as a duplicate');
    const newMessageSameOrder = await f.dispatch('GZ-A-5', { content: '五次推送' });
    t.match(newMessageSameOrder.json(), { workOrderId: f.idOf('GZ-A-5'), duplicate: true }, 'a re-dispatch under a new message id is still one order');
    t.equal((await f.streamOf(f.idOf('GZ-A-5'))).length, 1);
  });

  t.test('given a bad or stale signature, then 401 and nothing is written', async (t) => {
    const before = await f.streamRevisions();
    const body = JSON.stringify({
      messageId: randomUUID(), type: 'order.dispatched', orderNo: 'GZ-BAD', occurredAt: f.clock.now.toISOString(),
      data: { category: 'complaint', citizen, content: 'x', role: 'lead' },
    });
    const wrongSecret = signingHeaders(PLATFORM_ID, 'another-secret-of-16-chars', body, f.clock.now);
    const stale = signingHeaders(PLATFORM_ID, PLATFORM_SECRET, body, new Date(f.clock.now.getTime() - 6 * 60_000));
    const tampered = signingHeaders(PLATFORM_ID, PLATFORM_SECRET, body.replace('"x"', '"y"'), f.clock.now);
    const cases: [string, Record<string, string>][] = [
      ['wrong secret', wrongSecret],
      ['stale timestamp', stale],
      ['body changed after signing', tampered],
      ['no signature', { 'x-12345-signature': '', 'x-12345-timestamp': '' }],
      ['another platform named in the header', { 'x-12345-platform': 'sz12345' }],
    ];
    for (const [name, headers] of cases) {
      const res = await f.pushRaw(body, headers);
      t.equal(res.statusCode, 401, name);
      t.match(res.headers['content-type'], PROBLEM, name);
    }
    t.match((await f.pushRaw(body, stale)).json().detail, /5 minutes/);
    t.equal((await f.pushRaw(body, {}, 'sz12345')).statusCode, 401, 'an unknown platform');
    t.same(await f.streamRevisions(), before, 'the store did not move');
    t.equal((await f.streamOf(f.idOf('GZ-BAD'))).length, 0);
  });

  t.test('given bad fields, then 400 names each, and nothing is written', async (t) => {
    const before = await f.streamRevisions();
    const bad = await f.dispatch('GZ-BAD-2', { category: 'gossip', citizen: { name: '', phone: '138' } });
    t.equal(bad.statusCode, 400);
    t.same(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['body.data.category', 'body.data.citizen.name']);
    const notJson = await f.pushRaw('{"messageId":');
    t.equal(notJson.statusCode, 400);
    t.same(notJson.json().errors.map((e: { field: string }) => e.field), ['body']);
    const mismatch = await f.push('order.urged', 'GZ-A-1', { level: 'urge' }, {});
    t.equal(mismatch.statusCode, 200, 'control: a well-formed urge goes through');
    const idMismatch = await f.pushRaw(
      JSON.stringify({ messageId: randomUUID(), type: 'order.urged', orderNo: 'GZ-A-1', occurredAt: f.clock.now.toISOString(), data: { level: 'urge' } }),
      { 'x-12345-message-id': randomUUID() },
    );
    t.equal(idMismatch.statusCode, 400);
    t.same(idMismatch.json().errors.map((e: { field: string }) => e.field), ['headers.x-12345-message-id']);
    const future = await f.push('order.urged', 'GZ-A-1', { level: 'urge' }, { occurredAt: new Date(f.clock.now.getTime() + 3_600_000).toISOString() });
    t.equal(future.statusCode, 400);
    t.same(future.json().errors.map((e: { field: string }) => e.field), ['body.occurredAt']);
    t.equal((await f.streamOf(f.idOf('GZ-BAD-2'))).length, 0);
    const after = await f.streamRevisions();
    t.equal(after.length, before.length, 'no new stream');
    t.same(after.filter((s) => !before.includes(s)), [`hotlineWorkOrder-${f.idOf('GZ-A-1')}@1`], 'only the control urge was written');
  });

  t.test('given a message about an unknown order, then 404; one its state cannot take, then 422 with the rule', async (t) => {
    const unknown = await f.push('order.urged', 'GZ-NOBODY', { level: 'urge' });
    t.equal(unknown.statusCode, 404);
    t.match(unknown.headers['content-type'], PROBLEM);
    t.equal((await f.streamOf(f.idOf('GZ-NOBODY'))).length, 0);
    const noRequest = await f.push('extension.approved', 'GZ-A-1', { days: 3 });
    t.equal(noRequest.statusCode, 422);
    t.match(noRequest.json(), { rule: 'no_extension_pending', type: 'urn:bureau:problem:rule-broken' });
    const changed = await f.dispatch('GZ-A-1', { category: 'report' });
    t.equal(changed.statusCode, 422, 'a different dispatch of a known order number');
    t.equal(changed.json().rule, 'already_dispatched');
  });

  t.test('every message type becomes its event', async (t) => {
    const one = f.idOf('GZ-ALL');
    const typesOf = async () => (await f.streamOf(one)).map((e) => e.type);
    const ok = async (res: { statusCode: number; body: string }, what: string) => t.equal(res.statusCode, 200, `${what}: ${res.body}`);
    await ok(await f.dispatch('GZ-ALL'), 'dispatch');
    await ok(await f.staffPost(one, 'sign-for'), 'sign-for');
    await ok(await f.staffPost(one, 'extension-request', { reason: '需调查', workingDays: 3 }), 'extension request');
    await ok(await f.push('extension.approved', 'GZ-ALL', { days: 3 }), 'extension.approved');
    await ok(await f.staffPost(one, 'extension-request', { reason: '再延', workingDays: 2 }), 'extension request');
    await ok(await f.push('extension.rejected', 'GZ-ALL', { reason: '不同意' }), 'extension.rejected');
    await ok(await f.staffPost(one, 'return-request', { reason: '非本单位职责' }), 'return request');
    await ok(await f.push('return.rejected', 'GZ-ALL', {}), 'return.rejected');
    await ok(await f.push('order.urged', 'GZ-ALL', { level: 'supervise', note: '请加快' }), 'order.urged');
    await ok(await f.push('notice.issued', 'GZ-ALL', { note: '通报' }), 'notice.issued');
    await ok(await f.push('orders.merged', 'GZ-ALL', { mergedOrderNos: ['GZ-DUP-1', 'GZ-DUP-2'] }), 'orders.merged');
    await ok(await f.staffPost(one, 'reply', { answer: '已答复' }), 'reply');
    await ok(await f.push('followup.recorded', 'GZ-ALL', { satisfaction: 'dissatisfied', resolved: false, causedByUnit: true }), 'followup');
    await ok(await f.push('order.redo', 'GZ-ALL', { reason: '群众不满意' }), 'order.redo');
    t.same(await typesOf(), [
      'WorkOrderDispatched', 'WorkOrderSignedFor', 'ExtensionRequested', 'ExtensionApproved', 'ExtensionRequested', 'ExtensionRejected',
      'ReturnRequested', 'ReturnRejected', 'WorkOrderUrged', 'WorkOrderNoticeIssued', 'WorkOrderMerged', 'WorkOrderReplied',
      'FollowUpResultRecorded', 'WorkOrderRedoRequested',
    ]);

    const two = f.idOf('GZ-RET');
    await ok(await f.dispatch('GZ-RET'), 'dispatch');
    await ok(await f.staffPost(two, 'return-request', { reason: '非本单位职责' }), 'return request');
    await ok(await f.push('return.approved', 'GZ-RET', { reason: '同意退回' }), 'return.approved');
    t.same((await f.streamOf(two)).map((e) => e.type), ['WorkOrderDispatched', 'ReturnRequested', 'WorkOrderReturned']);
    const afterReturn = await f.push('order.urged', 'GZ-RET', { level: 'urge' });
    t.equal(afterReturn.json().rule, 'order_returned');
  });

  t.test('no log line holds the citizen’s personal data', async (t) => {
    t.ok(f.logs.lines.length > 10);
    for (const secret of [citizen.name, citizen.phone, PLATFORM_SECRET]) t.notMatch(f.logs.text(), secret);
  });
});
