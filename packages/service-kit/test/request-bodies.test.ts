// Bad bytes and unstorable text are refused at the door with the caller's field and the rule, nothing
// changed; Fastify's own request errors take the same shape. Before: invalid UTF-8 was stored as U+FFFD,
// a NUL was refused by the event store naming `events[0].data`, and 413/415/bad JSON named no field.
import t from 'tap';
import { testApp } from './fixtures/test-app.js';

type Problem = { status: number; type: string; errors: { field: string; rule: string }[] };
const pairs = (body: Problem) => body.errors.map((e) => [e.field, e.rule]);
const valid = { citizenName: '张三', idNumber: '11010519491231002X', contact: { phone: '13800138000' } };

t.test('request bodies', async (t) => {
  const { app } = await testApp();
  t.teardown(() => app.close());
  const post = (payload: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/citizens', headers: { 'content-type': contentType }, payload });

  t.test('given a valid body, then it passes', async (t) => {
    t.equal((await post(JSON.stringify(valid))).statusCode, 201);
  });

  t.test('given invalid UTF-8 inside one string, then 400 names that field', async (t) => {
    const json = Buffer.from(JSON.stringify(valid));
    const at = json.indexOf(Buffer.from('张三'));
    const bad = Buffer.concat([json.subarray(0, at), Buffer.from([0xe5, 0xbc]), json.subarray(at + 3)]);
    const res = await post(bad);
    t.equal(res.statusCode, 400);
    t.same(pairs(res.json()), [['body.citizenName', 'utf8']]);
  });

  t.test('given invalid UTF-8 where no field can be named, then 400 names the body', async (t) => {
    const res = await post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    t.equal(res.statusCode, 400);
    t.same(pairs(res.json()), [['body', 'utf8']]);
  });

  t.test('given a NUL or a lone surrogate, then 400 names the caller’s field', async (t) => {
    const nul = await post(JSON.stringify({ ...valid, citizenName: 'a\u0000b' }));
    t.same(pairs(nul.json()), [['body.citizenName', 'nul_character']]);
    const lone = await post(`{"citizenName":"\\ud800x","idNumber":"11010519491231002X","contact":{"phone":"13800138000"}}`);
    t.same(pairs(lone.json()), [['body.citizenName', 'lone_surrogate']]);
    const pair = await post(JSON.stringify({ ...valid, citizenName: '😀' }));
    t.equal(pair.statusCode, 201, 'a surrogate pair is ordinary text');
  });

  t.test('given malformed JSON, an empty body or a prototype key, then 400 in the validation shape', async (t) => {
    const malformed = await post('{"citizenName": ');
    t.match(malformed.json(), { status: 400, type: 'urn:bureau:problem:validation-failed' });
    t.same(pairs(malformed.json()), [['body', 'json']]);
    t.same(pairs((await post('')).json()), [['body', 'required']]);
    const proto = await post(`{"__proto__":{"admin":true},"citizenName":"x"}`);
    t.equal(proto.statusCode, 400);
    t.same(pairs(proto.json()), [['body.__proto__', 'forbidden_key']]);
    const ctor = await post(`{"contact":{"constructor":{"prototype":{"x":1}}}}`);
    t.same(pairs(ctor.json()), [['body.contact.constructor', 'forbidden_key']]);
  });

  t.test('given an unsupported media type or a body too large, then 415 / 413 naming the part and the rule', async (t) => {
    const media = await post('citizenName=x', 'application/x-www-form-urlencoded');
    t.equal(media.statusCode, 415);
    t.match(media.json(), { type: 'urn:bureau:problem:validation-failed', errors: [{ field: 'headers.content-type', rule: 'media_type' }] });
    const large = await post(JSON.stringify({ ...valid, citizenName: 'x'.repeat(1_100_000) }));
    t.equal(large.statusCode, 413);
    t.match(large.json(), { errors: [{ field: 'body', rule: 'max_size' }] });
  });
});
