// An idempotency key (commandId) means "this very command": a retry answers as the first try did, and
// a key reused for a different command is refused with 409, nothing recorded. Before, a reply sent
// with a note's key answered 200 alreadyApplied and the reply was never recorded.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { hotlineFixture } from './support/app.js';

t.test('idempotency keys over HTTP', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 09:00' });
  const dispatched = await f.dispatch('GZ-IK-1');
  const id = dispatched.json().workOrderId as string;
  t.equal((await f.staffPost(id, 'sign-for')).statusCode, 200);
  const key = randomUUID();
  const noted = await f.staffPost(id, 'notes', { commandId: key, note: '已电话联系来电人' });
  t.equal(noted.statusCode, 200);
  const before = (await f.streamOf(id)).length;

  t.test('given a note recorded with a key, when a reply is sent with that key, then 409 and no reply is recorded', async (t) => {
    const res = await f.staffPost(id, 'reply', { commandId: key, answer: '经核查，已督促律所退费。' });
    t.equal(res.statusCode, 409);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), {
      type: 'urn:bureau:problem:idempotency-key-reused',
      rule: 'command_id_reused',
      errors: [{ field: 'body.commandId', rule: 'command_id_reused' }],
    });
    t.equal((await f.streamOf(id)).length, before, 'nothing recorded');
  });

  t.test('given the same key with a changed note, then 409 and the first note stands', async (t) => {
    const res = await f.staffPost(id, 'notes', { commandId: key, note: '改过的内容' });
    t.equal(res.statusCode, 409);
    const notes = (await f.streamOf(id)).filter((e) => e.type === 'HandlingNoteAdded');
    t.match(notes, [{ data: { note: '已电话联系来电人' } }]);
  });

  t.test('given the same key, note and person, then it is the same command: 200 alreadyApplied', async (t) => {
    const res = await f.staffPost(id, 'notes', { commandId: key, note: '已电话联系来电人' });
    t.equal(res.statusCode, 200);
    t.match(res.json(), { alreadyApplied: true });
  });

  t.test('given the same key and note from another person, then 409', async (t) => {
    const res = await f.staffPost(id, 'notes', { commandId: key, note: '已电话联系来电人' }, f.tokens.supervisor);
    t.equal(res.statusCode, 409);
  });

  t.test('given the key used on another work order, then 409 (was 422)', async (t) => {
    const other = (await f.dispatch('GZ-IK-2')).json().workOrderId as string;
    const res = await f.staffPost(other, 'notes', { commandId: key, note: '已电话联系来电人' });
    t.equal(res.statusCode, 409);
    t.match(res.json(), { rule: 'command_id_reused' });
  });
});
