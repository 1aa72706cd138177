// Logging a service (登记服务): the advisor appointed on the date, no future dates, the month's own ledger
// (Beijing time), the entry's own checks, and duplicates handled idempotently.
import t from 'tap';
import { advisorLimits, beijingDateTimeOf, decideLedger, evolveLedger, foldLedger, type LedgerEvent, type ServiceDetails } from '../../src/domain/index.js';
import { chen, iso, ledgerContext, lin, log, logged, opened, village } from './support/fixtures.js';
import { givenLedger } from './support/given.js';

const now = '2026-03-20 10:00';

t.test('given an unopened month, when 陈 logs a service on a day of his appointment, then the month opens and ServiceLogged', async (t) => {
  givenLedger().when(log('e1'), ledgerContext(now)).then(t, [opened, logged('e1')]);
  const state = givenLedger(opened, logged('e1')).state;
  t.strictSame(state.status === 'open' && [state.villageId, state.judicialOfficeId, state.month], [village.villageId, village.judicialOfficeId, '2026-03']);
});

t.test('the appointment on the date decides who may log: 陈 to 15 March, 林 from the 16th', async (t) => {
  givenLedger(opened).when(log('e1', { advisorId: chen, date: '2026-03-15' }), ledgerContext(now)).then(t, [logged('e1', { date: '2026-03-15' })]);
  givenLedger(opened).when(log('e2', { advisorId: chen, date: '2026-03-16' }), ledgerContext(now)).thenBroken(t, 'advisor_not_appointed');
  givenLedger(opened).when(log('e3', { advisorId: lin, date: '2026-03-15' }), ledgerContext(now)).thenBroken(t, 'advisor_not_appointed');
  givenLedger(opened)
    .when(log('e4', { advisorId: lin, date: '2026-03-16' }), ledgerContext(now))
    .then(t, [logged('e4', { advisorId: lin, date: '2026-03-16' })]);
  givenLedger().when(log('e5'), ledgerContext(now, { appointments: [] })).thenBroken(t, 'advisor_not_appointed');
});

t.test('a date after today (Beijing) is refused; today only up to the present minute', async (t) => {
  const byLin = (date: string, startTime: string | null) => ({ advisorId: lin, date, startTime });
  givenLedger(opened).when(log('e1', byLin('2026-03-21', null)), ledgerContext(now)).thenBroken(t, 'service_in_future');
  givenLedger(opened).when(log('e1', byLin('2026-03-20', '10:01')), ledgerContext(now)).thenBroken(t, 'service_in_future');
  givenLedger(opened).when(log('e1', byLin('2026-03-20', '10:00')), ledgerContext(now)).then(t, [logged('e1', byLin('2026-03-20', '10:00'))]);
  // 01:00 on the 21st in Beijing is still the 20th in UTC: Beijing's date is the one that counts.
  givenLedger(opened)
    .when(log('e2', byLin('2026-03-21', '00:30')), ledgerContext('2026-03-21 01:00'))
    .then(t, [logged('e2', byLin('2026-03-21', '00:30'), '2026-03-21 01:00')]);
});

t.test('month boundary in Beijing time: a service at 2026-03-31T23:30+08:00 belongs to March', async (t) => {
  const at = beijingDateTimeOf(new Date('2026-03-31T23:30:00+08:00'));
  t.strictSame(at, { date: '2026-03-31', startTime: '23:30' }, 'it is 15:30 UTC, but 31 March in Beijing');
  const details = { advisorId: lin, ...at };
  givenLedger(opened).when(log('late', details), ledgerContext('2026-04-01 08:00')).then(t, [logged('late', details, '2026-04-01 08:00')]);
  givenLedger()
    .when(log('late', details), ledgerContext('2026-04-01 08:00', { month: '2026-04' }))
    .thenBroken(t, 'wrong_month', "April's ledger refuses it");
  const april = beijingDateTimeOf(new Date('2026-03-31T16:00:00Z'));
  t.strictSame(april, { date: '2026-04-01', startTime: '00:00' }, '16:00 UTC on the 31st is already April in Beijing');
});

t.test('a ledger is one village\'s: a command naming another village is refused', async (t) => {
  givenLedger(opened).when({ ...log('e1'), data: { ...log('e1').data, villageId: 'village-other' } }, ledgerContext(now)).thenBroken(t, 'wrong_village');
  givenLedger(opened).when(log('e1'), ledgerContext(now, { village: { villageId: 'village-other', judicialOfficeId: 'jo-x' } })).thenBroken(t, 'wrong_village');
});

t.test('the same entry id again with the same content is already done; with other content it is refused', async (t) => {
  givenLedger(opened, logged('e1')).when(log('e1'), ledgerContext(now)).thenNothing(t);
  givenLedger(opened, logged('e1')).when(log('e1', { durationMinutes: 90 }), ledgerContext(now)).thenBroken(t, 'entry_id_reused');
});

t.test('the same service (advisor, date, type, start) under another id: already done if the same, refused if it differs', async (t) => {
  givenLedger(opened, logged('e1')).when(log('e2'), ledgerContext(now)).thenNothing(t);
  givenLedger(opened, logged('e1')).when(log('e2', { summary: '另一件事' }), ledgerContext(now)).thenBroken(t, 'duplicate_entry_differs');
  givenLedger(opened, logged('e1')).when(log('e2', { startTime: '14:00' }), ledgerContext(now)).then(t, [logged('e2', { startTime: '14:00' })]);
});

t.test('a voided entry does not block logging the same service again', async (t) => {
  const voided: LedgerEvent = { type: 'EntryVoided', data: { entryId: 'e1', reason: '重复登记', voidedAt: iso('2026-03-06 09:00') } };
  givenLedger(opened, logged('e1'), voided).when(log('e2'), ledgerContext(now)).then(t, [logged('e2')]);
});

t.test('every type of the list, on-site duty on site only, with its duration in whole minutes', async (t) => {
  const duty: Partial<ServiceDetails> = { type: 'on_site_duty', durationMinutes: 240, personsServed: [], summary: '驻点值班' };
  givenLedger(opened).when(log('d1', duty), ledgerContext(now)).then(t, [logged('d1', duty)]);
  givenLedger(opened).when(log('d1', { ...duty, mode: 'remote' }), ledgerContext(now)).thenBroken(t, 'duty_must_be_on_site');
  givenLedger(opened).when(log('d1', { durationMinutes: 0 }), ledgerContext(now)).thenBroken(t, 'invalid_duration');
  givenLedger(opened).when(log('d1', { durationMinutes: 1.5 }), ledgerContext(now)).thenBroken(t, 'invalid_duration');
  givenLedger(opened).when(log('d1', { durationMinutes: 1441 }), ledgerContext(now)).thenBroken(t, 'invalid_duration');
  givenLedger(opened).when(log('d1', { type: 'gossip' as never }), ledgerContext(now)).thenBroken(t, 'invalid_service_type');
  givenLedger(opened).when(log('d1', { mode: 'by_pigeon' as never }), ledgerContext(now)).thenBroken(t, 'invalid_mode');
});

t.test('date, start time, summary, persons served and ids are checked', async (t) => {
  givenLedger(opened).when(log('e1', { date: '2026-02-30' }), ledgerContext(now)).thenBroken(t, 'invalid_date');
  givenLedger(opened).when(log('e1', { startTime: '9:30' }), ledgerContext(now)).thenBroken(t, 'invalid_start_time');
  givenLedger(opened).when(log('e1', { summary: '  ' }), ledgerContext(now)).thenBroken(t, 'summary_required');
  givenLedger(opened).when(log('e1', { personsServed: [{ name: '', phone: null }] }), ledgerContext(now)).thenBroken(t, 'person_name_required');
  givenLedger(opened).when(log('e1', { personsServed: [{ name: '王五', phone: '123' }] }), ledgerContext(now)).thenBroken(t, 'invalid_phone');
  givenLedger(opened).when(log(' '), ledgerContext(now)).thenBroken(t, 'entry_id_required');
  givenLedger(opened).when(log('e1', { date: '2026-02-27' }), ledgerContext(now)).thenBroken(t, 'wrong_month');
});

t.test('evidence is referenced by its SHA-256 and size, within the size limit', async (t) => {
  const hash = 'ab'.repeat(32);
  const evidence = [{ sha256: hash.toUpperCase(), sizeBytes: 1000, mediaType: 'image/jpeg' }];
  givenLedger(opened).when(log('e1', { evidence }), ledgerContext(now)).then(t, [logged('e1', { evidence: [{ ...evidence[0]!, sha256: hash }] })]);
  givenLedger(opened).when(log('e1', { evidence: [{ sha256: 'abc', sizeBytes: 1, mediaType: null }] }), ledgerContext(now)).thenBroken(t, 'invalid_evidence');
  givenLedger(opened).when(log('e1', { evidence: [{ sha256: hash, sizeBytes: 0, mediaType: null }] }), ledgerContext(now)).thenBroken(t, 'invalid_evidence');
  const small = ledgerContext(now, { limits: advisorLimits({ evidenceMaxBytes: 999 }) });
  givenLedger(opened).when(log('e1', { evidence }), small).thenBroken(t, 'evidence_too_large');
});

t.test('a review (审查) may say what it reviewed; no other type may', async (t) => {
  const review = { type: 'review', reviewSubject: 'collective_assets', summary: '审查集体鱼塘发包方案' } as const;
  givenLedger(opened).when(log('e1', review), ledgerContext(now)).then(t, [logged('e1', review)]);
  givenLedger(opened).when(log('e1', { type: 'review' }), ledgerContext(now)).then(t, [logged('e1', { type: 'review' })]);
  givenLedger(opened).when(log('e1', { reviewSubject: 'contract' }), ledgerContext(now)).thenBroken(t, 'review_subject_only_for_review');
  givenLedger(opened).when(log('e1', { type: 'review', reviewSubject: 'poetry' as never }), ledgerContext(now)).thenBroken(t, 'invalid_review_subject');
});

t.test('a legal-aid referral may name its application; no other type may', async (t) => {
  const referral = { type: 'legal_aid_referral', legalAidApplicationId: 'LA-2026-0042' } as const;
  givenLedger(opened).when(log('e1', referral), ledgerContext(now)).then(t, [logged('e1', referral)]);
  givenLedger(opened).when(log('e1', { type: 'legal_aid_referral' }), ledgerContext(now)).then(t, [logged('e1', { type: 'legal_aid_referral' })]);
  givenLedger(opened).when(log('e1', { legalAidApplicationId: 'LA-2026-0042' }), ledgerContext(now)).thenBroken(t, 'application_id_only_for_referral');
});

t.test('the duplicate check follows corrections, and holds on a state read back as JSON and on branches of one state', async (t) => {
  const first = logged('e1');
  if (first.type !== 'ServiceLogged') throw new Error('fixture');
  const corrected: LedgerEvent = {
    type: 'EntryCorrected',
    data: { entryId: 'e1', content: { ...first.data.content, startTime: '10:00' }, changed: ['startTime'], reason: '时间记错', resubmitted: false, correctedAt: iso('2026-03-20 09:00') },
  };
  givenLedger(opened, first, corrected).when(log('e2', { startTime: '10:00', summary: '另一件事' }), ledgerContext(now)).thenBroken(t, 'duplicate_entry_differs', 'the corrected identity is found');
  givenLedger(opened, first, corrected).when(log('e3'), ledgerContext(now)).then(t, [logged('e3')], 'the identity it had before is free again');

  const base = foldLedger([opened, first]);
  const withE2 = evolveLedger(base, logged('e2', { startTime: '14:00' }));
  const withE3 = evolveLedger(base, logged('e3', { startTime: '15:00' }));
  const differing = log('e4', { startTime: '14:00', summary: '另一件事' });
  const ruleOf = (decide: () => unknown) => {
    try {
      decide();
      return null;
    } catch (error) {
      return (error as { rule?: string }).rule;
    }
  };
  t.equal(ruleOf(() => decideLedger(differing, withE2, ledgerContext(now))), 'duplicate_entry_differs');
  t.equal(decideLedger(differing, withE3, ledgerContext(now)).length, 1, 'a sibling branch\'s entry is not in this state');
  t.equal(ruleOf(() => decideLedger(differing, JSON.parse(JSON.stringify(withE2)), ledgerContext(now))), 'duplicate_entry_differs', 'a state without its index (read back as JSON)');
  t.same(decideLedger(log('e2', { startTime: '14:00' }), withE2, ledgerContext(now)), [], 'a retry is already done');
});
