// The duplicate check (重复申请提醒) as a pure function: same identity document, or same name and birth
// date; an open application; the same matter type; the same opposing party. A warning only.
import t from 'tap';
import { possibleDuplicates, samePerson, type OpenApplicationSummary } from '../../src/domain/index.js';
import { zhangSan } from './support/fixtures.js';

const candidate = { recipient: zhangSan, matterType: 'employment_or_wages', opposingParty: '某建筑劳务有限公司' } as const;
const open = (id: string, change: Partial<OpenApplicationSummary> = {}): OpenApplicationSummary => ({ applicationId: id, ...candidate, ...change });

t.test('duplicate check: the same identity document', async (t) => {
  t.strictSame(possibleDuplicates(candidate, [open('a1', { recipient: { ...zhangSan, name: '张叁' } })]), ['a1'], 'another spelling of the name, same ID');
});

t.test('duplicate check: the same name and birth date, whatever the documents', async (t) => {
  const passport = { name: '张三', document: { type: 'passport' as const, number: 'E1', issuer: null, description: null }, birthDate: '1985-03-15' };
  t.equal(samePerson(zhangSan, passport), true, 'the birth date from the resident ID matches the recorded one');
  t.equal(samePerson(zhangSan, { ...passport, birthDate: '1985-03-16' }), false);
  t.equal(samePerson(zhangSan, { ...passport, birthDate: null }), false, 'no birth date known: not the same by name alone');
});

t.test('duplicate check: "identity unknown" never matches by document', async (t) => {
  const unknown = { name: '某甲', document: { type: 'unknown' as const, note: null }, birthDate: null };
  t.equal(samePerson(unknown, unknown), false);
});

t.test('duplicate check: another matter type or another opposing party is not a duplicate', async (t) => {
  t.strictSame(possibleDuplicates(candidate, [open('a1', { matterType: 'personal_injury' }), open('a2', { opposingParty: '另一家公司' }), open('a3', { opposingParty: '某建筑 劳务有限公司' })]), ['a3'], 'spacing does not make another party');
  t.strictSame(possibleDuplicates({ ...candidate, opposingParty: null }, [open('a4', { opposingParty: null })]), ['a4'], 'both without an opposing party (a criminal defence)');
});
