// The redaction every log line passes through: censored keys anywhere up to four levels deep, in
// plain objects and arrays; the caller's objects untouched; nothing copied when nothing is censored.
import t from 'tap';
import { redactPersonalData } from '../src/logging/personal-data.js';

t.test('censors personal data, credentials and error details, copying only what changes', async (t) => {
  const line = {
    workOrderId: 'w-1',
    citizen: { name: '张三', phone: '13800138000', district: '天河' },
    attendees: [{ idNumber: '44010619900101123X' }, { role: 'lawyer' }],
    headers: { authorization: 'Bearer x', accept: 'json' },
    err: { detail: 'Key (id_number)=(4401…) exists', code: '23505' },
  };
  const original = structuredClone(line);
  const out = redactPersonalData(line);
  t.same(out, {
    workOrderId: 'w-1',
    citizen: { name: '[redacted]', phone: '[redacted]', district: '天河' },
    attendees: [{ idNumber: '[redacted]' }, { role: 'lawyer' }],
    headers: { authorization: '[redacted]', accept: 'json' },
    err: { detail: '[redacted]', code: '23505' },
  });
  t.same(line, original, "the caller's object is unchanged");
  t.equal(out.attendees[1], line.attendees[1], 'an untouched branch is the same object');
});

t.test('leaves alone what needs nothing, what lies deeper than four levels, and non-plain objects', async (t) => {
  const clean = { a: { b: [1, 2, { c: 'x' }] } };
  t.equal(redactPersonalData(clean), clean, 'nothing censored: the very same object');
  const deep = { l1: { l2: { l3: { l4: { phone: '138' } } } } };
  t.equal(redactPersonalData(deep), deep, 'a fifth level is not walked (as the path rules: four levels)');
  t.same(redactPersonalData({ l1: { l2: { l3: { phone: '138' } } } }), { l1: { l2: { l3: { phone: '[redacted]' } } } }, 'the fourth level is');
  class Request {
    phone = '138';
  }
  const request = new Request();
  t.equal(redactPersonalData({ req: request }).req, request, 'a class instance is left to its serializer');
});
