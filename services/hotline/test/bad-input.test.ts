// Input that used to get through, or to fail as a 500: invalid UTF-8 (stored as U+FFFD), a NUL in a note
// (refused naming `events[0].data`), report months at the ends of the range (500). Each is now a 400
// naming the caller's field, or an empty report; nothing is written.
import { randomUUID } from 'node:crypto';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import t from 'tap';
import { citizen, hotlineFixture, PLATFORM_ID, PLATFORM_SECRET } from './support/app.js';

type Problem = { errors: { field: string; rule: string }[] };
const pairs = (res: { json(): Problem }) => res.json().errors.map((e) => [e.field, e.rule]);
/** The UTF-8 bytes of `text` with the first occurrence of `inside` cut after its first byte. */
const broken = (text: string, inside: string) => {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf(Buffer.from(inside));
  return Buffer.concat([bytes.subarray(0, at + 1), bytes.subarray(at + Buffer.byteLength(inside))]);
};

t.test('bad input on the hotline', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 09:00' });
  const id = (await f.dispatch('GZ-BAD-1')).json().workOrderId as string;
  const events = async () => (await f.streamOf(id)).length;
  const before = await events();

  t.test('given a NUL or a lone surrogate in a note, then 400 names body.note', async (t) => {
    t.same(pairs(await f.staffPost(id, 'notes', { note: 'a\u0000b' })), [['body.note', 'nul_character']]);
    const lone = await f.app.inject({
      method: 'POST', url: `/work-orders/${id}/notes`,
      headers: { authorization: f.tokens.staff, 'content-type': 'application/json' },
      payload: `{"commandId":"${randomUUID()}","note":"x\\udc00y"}`,
    });
    t.same(pairs(lone), [['body.note', 'lone_surrogate']]);
    t.equal(await events(), before, 'nothing written');
  });

  t.test('given invalid UTF-8 in a note, then 400 names body.note and nothing is stored', async (t) => {
    const res = await f.app.inject({
      method: 'POST', url: `/work-orders/${id}/notes`,
      headers: { authorization: f.tokens.staff, 'content-type': 'application/json' },
      payload: broken(JSON.stringify({ commandId: randomUUID(), note: '已电话联系来电人' }), '联'),
    });
    t.equal(res.statusCode, 400);
    t.same(pairs(res), [['body.note', 'utf8']]);
    t.equal(await events(), before);
  });

  t.test('given invalid UTF-8 in a signed 12345 message, then 400 names the field and no order is made', async (t) => {
    const message = { messageId: randomUUID(), type: 'order.dispatched', orderNo: 'GZ-BAD-2', occurredAt: f.clock.now.toISOString(), data: { category: 'complaint', citizen, content: '投诉：请回电', role: 'lead' } };
    const raw = broken(JSON.stringify(message), '回');
    const res = await f.app.inject({
      method: 'POST', url: `/integrations/12345/${PLATFORM_ID}/messages`,
      headers: { 'content-type': 'application/json', 'x-12345-message-id': message.messageId, ...signingHeaders(PLATFORM_ID, PLATFORM_SECRET, raw, f.clock.now) },
      payload: raw,
    });
    t.equal(res.statusCode, 400);
    t.same(pairs(res), [['body.data.content', 'utf8']]);
    t.equal((await f.get(`/work-orders/${f.idOf('GZ-BAD-2')}`)).statusCode, 404, 'no work order');
  });

  t.test('given report months at the ends of the range, then 400 for a month that is not one, empty figures for one with no data', async (t) => {
    for (const month of ['0000-01', '2026-13', '2026-1', '1899-12']) {
      const res = await f.get(`/reports/monthly/${month}`);
      t.equal(res.statusCode, 400, month);
      t.same(pairs(res), [['params.month', 'invalid_format']], month);
    }
    for (const month of ['9999-12', '1900-01']) {
      const res = await f.get(`/reports/monthly/${month}`);
      t.equal(res.statusCode, 200, month);
      t.match(res.json(), { month, dispatched: 0, overdueCount: 0, timelySignForRate: { numerator: 0, denominator: 0, rate: null } }, month);
    }
  });

  t.test('given ?after= malformed or past every committed write, then 400 at once; a real one reads its write', async (t) => {
    const malformed = await f.get('/worklist?after=not-a-position');
    t.equal(malformed.statusCode, 400);
    t.same(pairs(malformed), [['query.after', 'position']]);
    const started = Date.now();
    const beyond = await f.get('/worklist?after=99999999999/99999999999');
    t.equal(beyond.statusCode, 400, 'was a 2 s wait and a 503');
    t.same(pairs(beyond), [['query.after', 'beyond_last_write']]);
    const header = await f.app.inject({ method: 'GET', url: '/worklist', headers: { authorization: f.tokens.staff, 'x-min-position': '99999999999/1' } });
    t.same(pairs(header), [['headers.x-min-position', 'beyond_last_write']]);
    t.ok(Date.now() - started < 1_500, `answered without waiting (${Date.now() - started} ms for both)`);
    const signed = await f.staffPost(id, 'sign-for');
    const fresh = await f.get(`/work-orders/${id}?after=${signed.json().position}`);
    t.equal(fresh.statusCode, 200);
    t.match(fresh.json(), { status: 'handling' }, 'the sign-for is in the answer');
  });
});
