// The centre's own steps over HTTP against PostgreSQL: sign for, note, assign, return and extension
// requests, reply. Rules broken → 422 naming the rule; bad input → 400 naming the field, nothing written.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { hotlineFixture } from './support/app.js';

const PROBLEM = 'application/problem+json';
const fields = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field).sort();

t.test('staff routes', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 09:00' });
  let orders = 0;
  /** A fresh complaint dispatched now; returns our work-order id. */
  const newOrder = async (category = 'complaint') => {
    orders += 1;
    const res = await f.dispatch(`GZ-S-${orders}`, { category });
    if (res.statusCode !== 200) throw new Error(`dispatch failed: ${res.body}`);
    return res.json().workOrderId as string;
  };

  t.test('given a dispatched order, when signed for, noted, assigned and replied, then each step is recorded with its actor', async (t) => {
    f.clock.set('2026-03-02 09:00');
    const id = await newOrder();
    f.clock.set('2026-03-02 10:00');
    const signed = await f.staffPost(id, 'sign-for');
    t.equal(signed.statusCode, 200);
    t.match(signed.json(), { workOrderId: id, revision: '1', alreadyApplied: false, position: /^\d+\/\d+$/ });
    t.equal(signed.headers['x-event-position'], signed.json().position);
    t.equal(signed.headers.etag, '"1"');
    const note = { commandId: randomUUID(), note: '已电话联系来电人' };
    t.equal((await f.staffPost(id, 'notes', note)).statusCode, 200);
    const retried = await f.staffPost(id, 'notes', note);
    t.match(retried.json(), { revision: '2', alreadyApplied: true }, 'a retried note is recorded once');
    const assigned = await f.staffPost(id, 'assignment', { assigneeStaffId: 'staff-wang' }, f.tokens.supervisor);
    t.equal(assigned.statusCode, 200);
    f.clock.set('2026-03-03 15:00');
    const replied = await f.staffPost(id, 'reply', { answer: '经核查，已督促律所退费。' });
    t.equal(replied.statusCode, 200);
    t.match(replied.json(), { revision: '4' });

    const stream = await f.streamOf(id);
    t.same(stream.map((e) => e.type), ['WorkOrderDispatched', 'WorkOrderSignedFor', 'HandlingNoteAdded', 'WorkOrderAssigned', 'WorkOrderReplied']);
    t.match(stream[1], { data: { by: { kind: 'staff', staffId: 'staff-li' }, onTime: true }, metadata: { actor: { id: 'staff-li', role: 'centre_staff' } } });
    t.match(stream[3], { data: { by: { staffId: 'supervisor-zhao' }, assigneeStaffId: 'staff-wang' } });
    t.match(stream[4], { data: { onTime: true, repliedAt: new Date('2026-03-03T07:00:00.000Z').toISOString() } });
  });

  t.test('given an order not signed for, when replied, then 422 reply_before_sign_for; a second reply is 422 already_replied', async (t) => {
    f.clock.set('2026-03-02 09:00');
    const id = await newOrder();
    const early = await f.staffPost(id, 'reply', { answer: '答复' });
    t.equal(early.statusCode, 422);
    t.match(early.headers['content-type'], PROBLEM);
    t.match(early.json(), { type: 'urn:bureau:problem:rule-broken', rule: 'reply_before_sign_for', detail: /cannot reply before signing for/ });
    await f.staffPost(id, 'sign-for');
    t.equal((await f.staffPost(id, 'reply', { answer: '答复' })).statusCode, 200);
    const twice = await f.staffPost(id, 'reply', { answer: '再次答复' });
    t.equal(twice.statusCode, 422);
    t.equal(twice.json().rule, 'already_replied');
    t.equal((await f.streamOf(id)).length, 3, 'the refused replies wrote nothing');
  });

  t.test('given the reply due time has passed, when an extension is requested, then 422 extension_after_due', async (t) => {
    f.clock.set('2026-03-02 09:00');
    const id = await newOrder('consultation');
    await f.staffPost(id, 'sign-for');
    f.clock.set('2026-03-04 23:59');
    t.equal((await f.staffPost(id, 'extension-request', { reason: '需补充材料', workingDays: 2 })).statusCode, 200, 'still in time on the last day');
    await f.push('extension.rejected', `GZ-S-${orders}`, {});
    f.clock.set('2026-03-05 00:01');
    const late = await f.staffPost(id, 'extension-request', { reason: '需补充材料', workingDays: 2 });
    t.equal(late.statusCode, 422);
    t.equal(late.json().rule, 'extension_after_due');
  });

  t.test('given bad input on any route, then 400 names the field and nothing is written', async (t) => {
    f.clock.set('2026-03-02 09:00');
    const id = await newOrder();
    const before = await f.streamRevisions();
    const cases: [string, object, string[]][] = [
      ['sign-for', { commandId: 'not-a-uuid' }, ['body.commandId']],
      ['sign-for', { extra: true }, ['body']],
      ['notes', { note: '   ' }, ['body.note']],
      ['notes', { commandId: undefined, note: '好' }, ['body.commandId']],
      ['assignment', {}, ['body.assigneeStaffId']],
      ['return-request', { reason: '' }, ['body.reason']],
      ['extension-request', { reason: '理由', workingDays: 0 }, ['body.workingDays']],
      ['extension-request', { reason: '理由', workingDays: 'three' }, ['body.workingDays']],
      ['reply', {}, ['body.answer']],
    ];
    for (const [action, body, expected] of cases) {
      const token = action === 'assignment' ? f.tokens.supervisor : f.tokens.staff;
      const res = await f.staffPost(id, action, body, token);
      t.equal(res.statusCode, 400, `${action} ${JSON.stringify(body)}`);
      t.match(res.headers['content-type'], PROBLEM);
      const named = fields(res);
      t.ok(expected.every((field) => named.some((n) => n === field || n.startsWith(`${field}.`))), `${action}: ${named.join(', ')} names ${expected.join(', ')}`);
    }
    const badId = await f.staffPost('GZ-S-1', 'sign-for');
    t.equal(badId.statusCode, 400);
    t.same(fields(badId), ['params.workOrderId']);
    // The requests name this order only; the other orders' deadline timers, set by the earlier tests'
    // clock, may still fire in the background, so their streams are left out of the comparison.
    const mine = (revisions: string[]) => revisions.filter((r) => !r.startsWith('hotlineWorkOrder-') || r.startsWith(`hotlineWorkOrder-${id}@`));
    const after = await f.streamRevisions();
    t.same(after.map((r) => r.split('@')[0]), before.map((r) => r.split('@')[0]), 'no stream begun');
    t.same(mine(after), mine(before), 'the order\'s stream and every other stream but the other orders\' did not move');
    t.equal((await f.streamOf(id)).length, 1);
  });

  t.test('given no token or the wrong role, then 401 / 403 and nothing is written', async (t) => {
    f.clock.set('2026-03-02 09:00');
    const id = await newOrder();
    const before = await f.streamRevisions();
    const anonymous = await f.app.inject({ method: 'POST', url: `/work-orders/${id}/sign-for`, payload: { commandId: randomUUID() } });
    t.equal(anonymous.statusCode, 401);
    t.match(anonymous.headers['content-type'], PROBLEM);
    t.equal((await f.staffPost(id, 'sign-for', {}, f.tokens.auditor)).statusCode, 403, 'auditors read, they do not act');
    t.equal((await f.staffPost(id, 'assignment', { assigneeStaffId: 'staff-wang' }, f.tokens.staff)).statusCode, 403, 'only supervisors assign');
    t.same(await f.streamRevisions(), before);
  });

  t.test('given an unknown order or a stale If-Match, then 404 / 412', async (t) => {
    const unknown = await f.staffPost(randomUUID(), 'sign-for');
    t.equal(unknown.statusCode, 404);
    const id = await newOrder();
    const stale = await f.app.inject({
      method: 'POST', url: `/work-orders/${id}/sign-for`, headers: { authorization: f.tokens.staff, 'if-match': '"7"' }, payload: { commandId: randomUUID() },
    });
    t.equal(stale.statusCode, 412);
    t.equal((await f.streamOf(id)).length, 1);
  });

  t.test('the OpenAPI document lists every route with its error answers', async (t) => {
    const doc = await f.app.inject({ method: 'GET', url: '/docs/json' });
    t.equal(doc.statusCode, 200);
    const paths = doc.json().paths;
    for (const action of ['sign-for', 'notes', 'assignment', 'return-request', 'extension-request', 'reply']) {
      t.ok(paths[`/work-orders/{workOrderId}/${action}`]?.post?.responses['422'], action);
    }
    for (const path of ['/integrations/12345/{platformId}/messages', '/worklist', '/work-orders/{workOrderId}', '/work-orders/{workOrderId}/timeline', '/reports/monthly/{month}', '/calendar', '/calendar/years/{year}']) {
      t.ok(paths[path], path);
    }
  });
});
