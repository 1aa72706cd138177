import t from 'tap';
import { formatPosition, type RecordedEvent } from '@bureau/event-store';
import { newNotice, noticeBoardFixture } from './fixtures.js';

const PROBLEM = 'application/problem+json';

t.test('the notice board over HTTP, against PostgreSQL', async (t) => {
  const { app, logs, staff, auditor } = await noticeBoardFixture(t);
  const post = (payload: object, authorization = staff) => app.inject({ method: 'POST', url: '/notices', headers: { authorization }, payload });
  const withdraw = (noticeId: string, payload: object, ifMatch?: string) =>
    app.inject({ method: 'POST', url: `/notices/${noticeId}/withdrawal`, headers: { authorization: staff, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload });
  const get = (noticeId: string, authorization = staff) => app.inject({ method: 'GET', url: `/notices/${noticeId}`, headers: { authorization } });
  const streamOf = async (noticeId: string) => {
    const events: RecordedEvent[] = [];
    for await (const e of app.eventStore.readStream(`notice-${noticeId}`)) events.push(e);
    return events;
  };

  t.test('given a new notice, when posted, read and withdrawn, then each step answers with its revision and position', async (t) => {
    const notice = newNotice();
    const posted = await post(notice);
    t.equal(posted.statusCode, 201);
    const body = posted.json();
    t.match(body, { noticeId: notice.noticeId, revision: '0', alreadyApplied: false, position: /^\d+\/\d+$/ });
    t.equal(posted.headers['x-event-position'], body.position);
    t.equal(posted.headers.etag, '"0"');
    const [event] = await streamOf(notice.noticeId);
    t.equal(event && formatPosition(event.position), body.position, 'the position is the stored event’s');
    t.match(event?.metadata, {
      actor: { id: 'user-centre_staff', role: 'centre_staff', organisation: 'huadu-plsc' },
      correlationId: posted.headers['x-request-id'], causationId: notice.commandId, schemaVersion: 1,
    });

    const read = await get(notice.noticeId, auditor);
    t.equal(read.statusCode, 200, 'anyone signed in may read');
    t.equal(read.headers.etag, '"0"');
    t.match(read.json(), { status: 'posted', title: notice.title, contact: notice.contact, withdrawnAt: null });

    const gone = await withdraw(notice.noticeId, { commandId: crypto.randomUUID(), reason: 'moved to Thursday' }, '"0"');
    t.equal(gone.statusCode, 200);
    t.match(gone.json(), { revision: '1', alreadyApplied: false });
    t.equal(gone.headers['x-event-position'], gone.json().position);
    t.match((await get(notice.noticeId)).json(), { status: 'withdrawn', revision: '1' });
  });

  t.test('given a body breaking rules, then 400 names each field and nothing is written', async (t) => {
    const notice = newNotice({ title: '   ', contact: { name: '张三丰', phone: '12345' } });
    const res = await post(notice);
    t.equal(res.statusCode, 400);
    t.match(res.headers['content-type'], PROBLEM);
    t.same(res.json().errors.map((e: { field: string }) => e.field).sort(), ['body.contact.phone', 'body.title']);
    t.equal((await get(notice.noticeId)).statusCode, 404, 'no notice was recorded');
  });

  t.test('given no token, then 401; given a role that may not post, then 403; neither writes', async (t) => {
    const notice = newNotice();
    const anonymous = await app.inject({ method: 'POST', url: '/notices', payload: notice });
    t.equal(anonymous.statusCode, 401);
    t.match(anonymous.headers['content-type'], PROBLEM);
    const forbidden = await post(notice, auditor);
    t.equal(forbidden.statusCode, 403);
    t.match(forbidden.headers['content-type'], PROBLEM);
    t.equal((await get(notice.noticeId)).statusCode, 404);
  });

  t.test('given an unknown route or notice, then 404 problems', async (t) => {
    const route = await app.inject({ method: 'GET', url: '/noticeboard' });
    t.equal(route.statusCode, 404);
    t.match(route.headers['content-type'], PROBLEM);
    const notice = await get(crypto.randomUUID());
    t.equal(notice.statusCode, 404);
    t.match(notice.json(), { type: 'urn:bureau:problem:stream-not-found' });
  });

  t.test('given a notice, when withdrawn with a stale If-Match, then 412 and nothing is written', async (t) => {
    const notice = newNotice();
    await post(notice);
    const stale = await withdraw(notice.noticeId, { commandId: crypto.randomUUID(), reason: 'x' }, '"3"');
    t.equal(stale.statusCode, 412);
    t.match(stale.json(), { expectedRevision: '3', actualRevision: '0', type: 'urn:bureau:problem:precondition-failed' });
    t.equal((await streamOf(notice.noticeId)).length, 1);
    const malformed = await withdraw(notice.noticeId, { commandId: crypto.randomUUID(), reason: 'x' }, 'W/"0"');
    t.equal(malformed.statusCode, 400);
    t.match(malformed.json().errors, [{ field: 'headers.if-match' }]);
  });

  t.test('given a broken rule, then 422 with the rule', async (t) => {
    const missing = await withdraw(crypto.randomUUID(), { commandId: crypto.randomUUID(), reason: 'x' });
    t.equal(missing.statusCode, 422);
    t.match(missing.headers['content-type'], PROBLEM);
    t.match(missing.json(), { rule: 'notice_not_posted', type: 'urn:bureau:problem:rule-broken' });
    const notice = newNotice();
    await post(notice);
    t.equal((await withdraw(notice.noticeId, { commandId: crypto.randomUUID(), reason: 'first' })).statusCode, 200);
    const twice = await withdraw(notice.noticeId, { commandId: crypto.randomUUID(), reason: 'second' });
    t.equal(twice.statusCode, 422);
    t.equal(twice.json().rule, 'notice_already_withdrawn');
    const again = await post({ ...newNotice(), noticeId: notice.noticeId });
    t.equal(again.json().rule, 'notice_already_posted');
  });

  t.test('given the same command retried, then the same result returns and it is written once', async (t) => {
    const notice = newNotice();
    const first = await post(notice);
    const retry = await post(notice);
    t.equal(retry.statusCode, 201);
    t.same({ ...retry.json(), alreadyApplied: false }, first.json(), 'same revision and position');
    t.equal(retry.json().alreadyApplied, true);
    const withdrawal = { commandId: crypto.randomUUID(), reason: 'duplicate notice' };
    const w1 = await withdraw(notice.noticeId, withdrawal, '"0"');
    const w2 = await withdraw(notice.noticeId, withdrawal, '"0"');
    t.equal(w2.statusCode, 200, 'a retry is recognised before its now-stale If-Match is checked');
    t.equal(w2.json().position, w1.json().position);
    t.equal((await streamOf(notice.noticeId)).length, 2);
  });

  t.test('health, readiness and the OpenAPI document', async (t) => {
    t.same((await app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'alive' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    t.equal(ready.statusCode, 200);
    t.same(ready.json().checks, { database: 'up', eventStore: 'up' });
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    t.ok(doc.paths['/notices']?.post);
    t.ok(doc.paths['/notices/{noticeId}/withdrawal']?.post);
    t.ok(doc.paths['/notices/{noticeId}']?.get);
    t.ok(doc.paths['/notices'].post.responses['422'], 'error responses are documented too');
  });

  t.test('after all of the above, no log line holds personal data or credentials', async (t) => {
    const text = logs.text();
    t.ok(logs.lines.length > 20, `${logs.lines.length} lines were logged`);
    for (const secret of ['张三丰', '13800138000', '王五', staff.slice(7), auditor.slice(7)]) t.notMatch(text, secret);
  });
});
