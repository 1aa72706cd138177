// 异议 (Art. 49): against a refusal or a termination, filed with and decided by the justice bureau (a
// separate role) within 5 working days of receiving it: upheld, or correction ordered. A corrected refusal
// reopens the review; a corrected termination reinstates the aid.
import t from 'tap';
import { legalAidRules } from '../../src/domain/index.js';
import { bureau, extended, given, historyOf, office } from './support/given.js';
import { baiyunBureau, calendar, iso, lawyer, local, receivedAt, submit } from './support/fixtures.js';

const refused = historyOf(
  { command: submit(), now: receivedAt },
  { command: { type: 'RefuseApplication', data: { reasons: '不符合经济困难标准' } }, now: local('2025-11-05 10:00') },
);
const terminated = historyOf(
  { command: submit(), now: receivedAt },
  { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: receivedAt } } }, now: receivedAt },
  { command: { type: 'ApproveApplication', data: {} }, now: local('2025-11-04 10:00') },
  { command: { type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, now: local('2025-11-05 10:00') },
  { command: { type: 'TerminateAid', data: { ground: 'no_longer_eligible', basis: 'own_finding', explanation: '受援人已获得赔偿款，经济状况变化' } }, now: local('2025-12-01 10:00') },
);
const file = { type: 'FileObjection', data: { grounds: '本人确属经济困难，有低保证明' } } as const;
const uphold = { type: 'UpholdDecision', data: { reasons: '原决定正确' } } as const;
const correct = { type: 'OrderCorrection', data: { reasons: '申请人提交低保证明，应予援助' } } as const;

t.test('Art. 49: an objection against a refusal is filed with the justice bureau and decided within 5 working days', async (t) => {
  // Filed Thursday 6 November: 7, 10, 11, 12, 13 November: the end of Thursday 13 November.
  given(...refused)
    .when(file, local('2025-11-06 10:00'), bureau())
    .then(t, [
      {
        type: 'ObjectionFiled',
        data: {
          against: 'refusal',
          grounds: '本人确属经济困难，有低保证明',
          filedAt: iso('2025-11-06 10:00'),
          decision: { unit: 'working_days', amount: 5, countedFrom: iso('2025-11-06 10:00'), dueAt: iso('2025-11-14 00:00'), calendarVersion: calendar.version, provisionalYears: [] },
        },
      },
    ]);
  given(...refused).when(file, local('2025-11-06 10:00'), office()).thenBroken(t, 'not_justice_bureau');
  given(...refused).when(file, local('2025-11-06 10:00'), bureau(baiyunBureau)).thenBroken(t, 'not_justice_bureau', "another district's bureau");
  given(...historyOf({ command: submit(), now: receivedAt })).when(file, local('2025-11-06 10:00'), bureau()).thenBroken(t, 'not_objectionable');
});

t.test('Art. 49: upheld, the refusal stands and cannot be objected to again', async (t) => {
  const filed = extended(refused, { command: file, now: local('2025-11-06 10:00'), by: bureau() });
  given(...filed).when(uphold, local('2025-11-10 10:00'), office()).thenBroken(t, 'not_justice_bureau');
  given(...filed).when(uphold, local('2025-11-10 10:00'), bureau(baiyunBureau)).thenBroken(t, 'not_justice_bureau');
  given(...filed).when(uphold, local('2025-11-10 10:00'), bureau()).then(t, [{ type: 'ObjectionUpheld', data: { reasons: '原决定正确', decidedAt: iso('2025-11-10 10:00'), onTime: true } }]);
  const upheld = extended(filed, { command: uphold, now: local('2025-11-10 10:00'), by: bureau() });
  t.equal(given(...upheld).state.status, 'refused');
  given(...upheld).when(file, local('2025-11-11 10:00'), bureau()).thenBroken(t, 'objection_already_decided');
});

t.test('Art. 49: a correction ordered after a refusal reopens the review on a fresh clock', async (t) => {
  const filed = extended(refused, { command: file, now: local('2025-11-06 10:00'), by: bureau() });
  // Decided Monday 17 November, after the 5 working days: late. The review reopens: 7 working days → end of 26 November.
  given(...filed)
    .when(correct, local('2025-11-17 10:00'), bureau())
    .thenOne(t, 'CorrectionOrdered', { against: 'refusal', onTime: false, review: { amount: 7, countedFrom: iso('2025-11-17 10:00'), dueAt: iso('2025-11-27 00:00') } });
  const corrected = extended(filed, { command: correct, now: local('2025-11-17 10:00'), by: bureau() });
  const state = given(...corrected).state;
  t.equal(state.status, 'in_review');
  // The office decides again, this time granting aid.
  const reviewed = extended(corrected, { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: local('2025-11-18 09:50') } } }, now: local('2025-11-18 10:00') });
  given(...reviewed).when({ type: 'ApproveApplication', data: {} }, local('2025-11-18 11:00')).thenOne(t, 'ApplicationApproved', { reviewDueAt: iso('2025-11-27 00:00'), onTime: true });
});

t.test('Art. 49: a correction ordered after a termination reinstates the aid with its lawyer', async (t) => {
  given(...terminated).when(file, local('2025-12-02 10:00'), bureau()).thenOne(t, 'ObjectionFiled', { against: 'termination' });
  const filed = extended(terminated, { command: file, now: local('2025-12-02 10:00'), by: bureau() });
  given(...filed).when(correct, local('2025-12-04 10:00'), bureau()).then(t, [
    { type: 'CorrectionOrdered', data: { against: 'termination', reasons: '申请人提交低保证明，应予援助', decidedAt: iso('2025-12-04 10:00'), onTime: true, review: null, assignment: null } },
  ]);
  const reinstated = given(...extended(filed, { command: correct, now: local('2025-12-04 10:00'), by: bureau() })).state;
  t.equal(reinstated.status, 'aided');
  t.match(reinstated, { lawyer: { lawyerId: 'lawyer-chen' }, termination: null });
});

t.test('Art. 49: a corrected termination before any lawyer was assigned runs the assignment limit again (Art. 43)', async (t) => {
  const terminatedBeforeAssignment = historyOf(
    { command: submit(), now: receivedAt },
    { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: receivedAt } } }, now: receivedAt },
    { command: { type: 'ApproveApplication', data: {} }, now: local('2025-11-04 10:00') },
    { command: { type: 'TerminateAid', data: { ground: 'no_longer_eligible', basis: 'own_finding', explanation: '经济状况变化' } }, now: local('2025-11-05 10:00') },
    { command: file, now: local('2025-11-05 15:00'), by: bureau() },
  );
  // Ordered Monday 10 November: 11, 12, 13 November.
  given(...terminatedBeforeAssignment).when(correct, local('2025-11-10 10:00'), bureau()).thenOne(t, 'CorrectionOrdered', { review: null, assignment: { amount: 3, dueAt: iso('2025-11-14 00:00') } });
  const reinstated = extended(terminatedBeforeAssignment, { command: correct, now: local('2025-11-10 10:00'), by: bureau() });
  t.match(given(...reinstated).state, { status: 'approved', assignmentDue: { dueAt: iso('2025-11-14 00:00') } });
  given(...reinstated).when({ type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, local('2025-11-13 10:00')).thenOne(t, 'LawyerAssigned', { onTime: true });
});

t.test('Art. 49: the objection timer records an overdue decision', async (t) => {
  const filed = extended(refused, { command: file, now: local('2025-11-06 10:00'), by: bureau() });
  const fire = { type: 'RecordObjectionDecisionOverdue', data: { dueAt: local('2025-11-14 00:00') } } as const;
  given(...filed).when(fire, local('2025-11-13 12:00')).thenBroken(t, 'deadline_not_reached');
  given(...filed).when(fire, local('2025-11-14 00:00')).then(t, [{ type: 'ObjectionDecisionOverdue', data: { dueAt: iso('2025-11-14 00:00'), recordedAt: iso('2025-11-14 00:00') } }]);
  const decided = extended(filed, { command: uphold, now: local('2025-11-10 10:00'), by: bureau() });
  given(...decided).when(fire, local('2025-11-14 00:00')).thenNothing(t);
});

t.test('Art. 49, CONFIGURABLE: no filing deadline by default; a district may set one', async (t) => {
  given(...refused).when(file, local('2026-06-01 10:00'), bureau()).thenOne(t, 'ObjectionFiled', {}, 'months later, still accepted');
  const fiveDays = legalAidRules(calendar, { objectionFiling: { unit: 'working_days', amount: 5 } });
  given(...refused).when(file, local('2025-11-13 09:00'), bureau(), fiveDays).thenBroken(t, 'objection_filing_period_over');
  // Refused Wednesday 5 November: 6, 7, 10, 11, 12 November; filing up to 24:00 of the 12th is in time.
  given(...refused).when(file, local('2025-11-13 00:00'), bureau(), fiveDays).thenOne(t, 'ObjectionFiled', {});
});
