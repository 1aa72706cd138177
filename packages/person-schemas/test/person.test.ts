// Identity documents by type, phones, and the person as recorded: nobody is refused for lack of a
// resident ID (domain reference §2, Legal Aid Law Art. 70).
import t from 'tap';
import { birthDateOf, identityDocument, normalisePhone, person, phoneNumber } from '../src/index.js';

t.test('Art. 70: foreigners and stateless persons are recorded with their own documents', async (t) => {
  const passport = identityDocument.parse({ type: 'passport', number: 'E12345678', issuer: 'VN' });
  t.strictSame(passport, { type: 'passport', number: 'E12345678', issuer: 'VN', description: null });
  t.equal(identityDocument.safeParse({ type: 'hong_kong_macao_permit', number: 'H12345678' }).success, true);
  t.equal(identityDocument.safeParse({ type: 'passport', number: '  ' }).success, false, 'an empty number is refused');
});

t.test('a suspect whose identity is unknown is recorded as such', async (t) => {
  t.strictSame(identityDocument.parse({ type: 'unknown', note: '自称姓名：阿强' }), { type: 'unknown', note: '自称姓名：阿强' });
  t.strictSame(identityDocument.parse({ type: 'unknown' }), { type: 'unknown', note: null });
});

t.test('a resident ID document is validated (GB 11643)', async (t) => {
  t.equal(identityDocument.safeParse({ type: 'resident_id', number: '11010519491231002X' }).success, true);
  const wrong = identityDocument.safeParse({ type: 'resident_id', number: '110105194912310021' });
  t.equal(wrong.success, false);
  t.strictSame(wrong.error?.issues[0]?.path, ['number'], 'the issue names the field');
});

t.test('mainland phones: mobile and landline, in one normal form', async (t) => {
  t.equal(phoneNumber.parse('138 0013 8000'), '13800138000');
  t.equal(phoneNumber.parse('+86 13800138000'), '13800138000');
  t.equal(phoneNumber.parse('020-83123456'), '020-83123456');
  t.equal(phoneNumber.parse('(0755) 2612 3456'), '0755-26123456');
  t.equal(phoneNumber.parse('010-6512345'), '010-6512345');
  t.equal(phoneNumber.parse('020-83123456转123'), '020-83123456-123');
  t.strictSame(normalisePhone('13800138000'), { kind: 'mobile', number: '13800138000' });
  for (const bad of ['12800138000', '1380013800', '138001380001', '83123456', '020-0312345', 'phone']) {
    t.equal(phoneNumber.safeParse(bad).success, false, `${bad} is refused`);
  }
});

t.test('Arts. 32 and 42, green channel: a person carries the groups that matter', async (t) => {
  const recorded = person.parse({
    name: ' 王五 ',
    document: { type: 'resident_id', number: '11010519491231002X' },
    phone: '13800138000',
    groups: ['elderly', 'no_fixed_income'],
  });
  t.strictSame(recorded, {
    name: '王五',
    document: { type: 'resident_id', number: '11010519491231002X' },
    birthDate: null,
    phone: '13800138000',
    address: null,
    groups: ['elderly', 'no_fixed_income'],
  });
  t.equal(person.safeParse({ ...recorded, groups: ['elderly', 'elderly'] }).success, false, 'a group twice is refused');
  t.equal(person.safeParse({ ...recorded, groups: ['wealthy'] }).success, false, 'an unknown group is refused');
  t.equal(person.safeParse({ ...recorded, name: '' }).success, false, 'a name is required');
  t.equal(birthDateOf(recorded), '1949-12-31', 'the birth date comes from the resident ID');
  const foreigner = person.parse({ name: 'Nguyen Van A', document: { type: 'passport', number: 'C1234567' }, birthDate: '1990-05-01' });
  t.equal(birthDateOf(foreigner), '1990-05-01', 'or is recorded where the document does not carry it');
  t.equal(person.safeParse({ ...foreigner, birthDate: '1990-02-30' }).success, false, 'a recorded birth date must be real');
});
