import t from 'tap';
import { PROBLEM_CONTENT_TYPE } from '@bureau/service-kit';
import { testApp } from './fixtures/test-app.js';

t.test('problem+json for every error', async (t) => {
  const { app } = await testApp();
  t.teardown(() => app.close());

  t.test('given a body breaking several rules, when posted, then 400 lists each field and rule', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/citizens', payload: { citizenName: '', idNumber: 'abc', contact: {} } });
    t.equal(res.statusCode, 400);
    t.equal(res.headers['content-type'], `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    const body = res.json();
    t.equal(body.status, 400);
    t.equal(body.type, 'urn:bureau:problem:validation-failed');
    t.same(
      body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]).sort(),
      [['body.citizenName', 'too_small'], ['body.contact.phone', 'required'], ['body.idNumber', 'invalid_format']],
    );
    t.ok(body.errors.every((e: { message: string }) => e.message.length > 0), 'each error says why');
  });

  t.test('given an unknown route, when called, then 404 problem', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/nowhere?phone=13800138000' });
    t.equal(res.statusCode, 404);
    t.match(res.headers['content-type'], PROBLEM_CONTENT_TYPE);
    t.match(res.json(), { type: 'urn:bureau:problem:not-found', title: 'Not Found', instance: '/nowhere' });
    t.notMatch(res.body, '13800138000', 'the query string is not echoed');
  });

  t.test('given a broken rule, then 422 with the rule code and human detail', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/rule' });
    t.equal(res.statusCode, 422);
    t.match(res.json(), { rule: 'review_period_elapsed', detail: 'The 7-day review period has elapsed.', type: 'urn:bureau:problem:rule-broken' });
  });

  t.test('given an unknown stream, then 404', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/stream' });
    t.equal(res.statusCode, 404);
    t.equal(res.json().type, 'urn:bureau:problem:stream-not-found');
  });

  t.test('given a revision conflict, then 409 with expected and actual', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/conflict' });
    t.equal(res.statusCode, 409);
    t.match(res.json(), { expectedRevision: '4', actualRevision: '6' });
  });

  t.test('given a stale client precondition, then 412 with expected and actual', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/precondition' });
    t.equal(res.statusCode, 412);
    t.match(res.json(), { expectedRevision: '2', actualRevision: '3' });
  });

  t.test('given the database down or refusing connections, then 503 with Retry-After, not a 500', async (t) => {
    for (const url of ['/database-down', '/database-refused']) {
      const res = await app.inject({ method: 'GET', url });
      t.equal(res.statusCode, 503, url);
      t.equal(res.headers['retry-after'], '2', url);
      t.match(res.json(), { type: 'urn:bureau:problem:service-unavailable', status: 503 }, url);
      t.notMatch(res.body, /127\.0\.0\.1|administrator/, 'no internals');
    }
  });

  t.test('given an unexpected failure, then 500 with no internals but the request id', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/crash', headers: { 'x-request-id': 'support-ticket-42' } });
    t.equal(res.statusCode, 500);
    t.match(res.headers['content-type'], PROBLEM_CONTENT_TYPE);
    const body = res.json();
    t.equal(body.title, 'Internal Server Error');
    t.equal(body.requestId, 'support-ticket-42');
    t.notMatch(res.body, /10\.0\.0\.7|pool exhausted|Error:/);
  });

  t.test('given malformed JSON, then a 400 problem', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/citizens', headers: { 'content-type': 'application/json' }, payload: '{"citizenName":' });
    t.equal(res.statusCode, 400);
    t.match(res.headers['content-type'], PROBLEM_CONTENT_TYPE);
  });
});

t.test('request ids', async (t) => {
  const { app } = await testApp();
  t.teardown(() => app.close());

  t.test('given a sane incoming x-request-id, then it is kept and echoed', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123.DEF:9' } });
    t.equal(res.headers['x-request-id'], 'abc-123.DEF:9');
  });

  t.test('given a suspicious or missing x-request-id, then a fresh uuid is used', async (t) => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const header of ['x{"level":60}', 'a'.repeat(200), 'has space', undefined]) {
      const res = await app.inject({ method: 'GET', url: '/healthz', headers: header === undefined ? {} : { 'x-request-id': header } });
      t.match(res.headers['x-request-id'], uuid, `for ${String(header).slice(0, 20)}`);
    }
  });

  t.test('given an error, then the problem carries the same id as the header', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/rule' });
    t.equal(res.json().requestId, res.headers['x-request-id']);
  });
});
