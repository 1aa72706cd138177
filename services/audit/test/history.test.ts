// A work order's history replayed by the audit service with the hotline's own evolve: every event with
// who and when, the state after each as a change (or whole), paging, as of a past moment with what was
// due then, and the diff between two points; on an order with an extension.
import t from 'tap';
import { auditFixture, citizen, HUADU } from './support/app.js';

t.test('history, as-of and diff of a work order with an extension', async (t) => {
  const f = await auditFixture(t);
  const id = await f.orderWithExtension();
  const url = `/cases/work-order/${id}`;

  t.test('every event, with actor, times, hash and the change it made', async (t) => {
    const res = await f.get(`${url}/history`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200, res.body);
    const body = res.json();
    t.equal(body.stream, `hotlineWorkOrder-${id}`);
    t.same(body.entries.map((e: { type: string }) => e.type), [
      'WorkOrderDispatched', 'WorkOrderSignedFor', 'ExtensionRequested', 'ExtensionApproved', 'HandlingNoteAdded', 'WorkOrderReplied',
    ]);
    t.equal(body.totalEvents, 6);
    t.equal(body.nextFromRevision, null);
    const [dispatched, signed, , approved] = body.entries;
    t.match(dispatched.actor, { role: 'hotline_platform' });
    t.match(signed.actor, { id: 'staff-li', role: 'centre_staff', organisation: 'huadu-plsc' });
    t.match(signed.occurredAt, /^2026-03-02T/);
    t.ok(Date.parse(signed.recordedAt) > Date.parse(signed.occurredAt), 'recorded (server clock) apart from the act (test clock)');
    t.match(signed.hash, /^[0-9a-f]{64}$/);
    t.match(signed.changes, [{ path: 'status', change: 'changed', before: 'awaiting_sign_for', after: 'handling' }]);
    const due = approved.changes.find((c: { path: string }) => c.path === 'replyDueAt');
    t.ok(due, 'the extension moved the reply deadline');
    t.ok(Date.parse(due.after) > Date.parse(due.before));
    t.notOk('state' in approved, 'changes only unless asked');
    t.equal(body.personalDataMasked, true);
    t.notMatch(res.body, citizen.name, 'the citizen\'s name is masked everywhere, free text too');
    t.notMatch(res.body, citizen.phone);
    t.match(JSON.stringify(dispatched.data.citizen), /张\*+/);
  });

  t.test('the whole state on request, and the last agrees with what the hotline serves', async (t) => {
    const res = await f.get(`${url}/history?state=full`, f.tokens.huaduAuditor);
    const last = res.json().entries.at(-1).state;
    const served = (await f.hotline.inject({ method: 'GET', url: `/work-orders/${id}/timeline`, headers: { authorization: f.tokens.huaduStaff } })).json();
    t.equal(served.entries.length, 6, 'the hotline\'s own timeline has the same events');
    t.equal(last.status, 'replied');
    const approved = res.json().entries[3].state;
    t.equal(last.replyDueAt, approved.replyDueAt, 'reply due as extended');
    t.equal(last.owner, 'huadu-plsc');
  });

  t.test('pages', async (t) => {
    const first = (await f.get(`${url}/history?limit=4`, f.tokens.huaduAuditor)).json();
    t.equal(first.entries.length, 4);
    t.equal(first.nextFromRevision, '4');
    const second = (await f.get(`${url}/history?limit=4&fromRevision=${first.nextFromRevision}`, f.tokens.huaduAuditor)).json();
    t.same(second.entries.map((e: { revision: string }) => e.revision), ['4', '5']);
    t.equal(second.nextFromRevision, null);
    t.ok(second.entries[0].changes.length > 0, 'a later page still shows the change from the state before it');
  });

  t.test('as of the moment the extension was requested: the state then, and what was due then', async (t) => {
    const entries = (await f.get(`${url}/history?state=full`, f.tokens.huaduAuditor)).json().entries;
    const requested = entries[2];
    const res = await f.get(`${url}/as-of?at=${encodeURIComponent(requested.recordedAt)}`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200, res.body);
    const view = res.json();
    t.equal(view.revision, '2');
    t.equal(view.state.status, 'handling');
    t.equal(view.state.replyDueAt, entries[0].state.replyDueAt, 'not yet extended');
    t.match(view.due, [{ path: 'signForDueAt' }, { path: 'replyDueAt', dueAt: entries[0].state.replyDueAt }, { path: 'returnWindowEndsAt' }]);
    const before = await f.get(`${url}/as-of?at=2020-01-01T00:00:00Z`, f.tokens.huaduAuditor);
    t.match(before.json(), { revision: null, state: { status: 'not_dispatched' }, due: [] }, 'before the case existed');
  });

  t.test('a case that moves on is replayed again (the kept replay is only for an unmoved stream)', async (t) => {
    t.equal((await f.get(`${url}/history`, f.tokens.huaduAuditor)).json().totalEvents, 6);
    await f.push(HUADU, 'followup.recorded', 'GZ-EXT-1', { satisfaction: 'satisfied', resolved: true, causedByUnit: false });
    const after = (await f.get(`${url}/history`, f.tokens.huaduAuditor)).json();
    t.equal(after.totalEvents, 7);
    t.equal(after.entries.at(-1).type, 'FollowUpResultRecorded');
  });

  t.test('diff between two points, by revision and by moment', async (t) => {
    const res = await f.get(`${url}/diff?from=1&to=3`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200, res.body);
    const diff = res.json();
    t.same(diff.events.map((e: { type: string }) => e.type), ['ExtensionRequested', 'ExtensionApproved']);
    t.ok(diff.changes.some((c: { path: string }) => c.path === 'replyDueAt'));
    const whole = (await f.get(`${url}/diff?to=5`, f.tokens.huaduAuditor)).json();
    t.equal(whole.fromRevision, '-1');
    t.ok(whole.changes.some((c: { path: string; after: unknown }) => c.path === 'status' && c.after === 'replied'));
    const entries = (await f.get(`${url}/history`, f.tokens.huaduAuditor)).json().entries;
    const byMoment = (await f.get(`${url}/diff?from=${encodeURIComponent(entries[1].recordedAt)}&to=${encodeURIComponent(entries[3].recordedAt)}`, f.tokens.huaduAuditor)).json();
    t.same(byMoment.changes, diff.changes, 'moments name the same points');
  });
});
