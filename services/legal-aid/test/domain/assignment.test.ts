// 指派 (Art. 43): a lawyer within 3 working days of approval; the conflict check warns (the lawyer or the
// firm acts for the opposing party in an open case) and does not refuse; Art. 26 refuses a lawyer with
// fewer than 3 years' relevant practice where a life or death sentence is possible.
import t from 'tap';
import { conflictsOf } from '../../src/domain/index.js';
import { extended, given, historyOf } from './support/given.js';
import { iso, juniorLawyer, lawyer, local, receivedAt, submit } from './support/fixtures.js';

const approved = historyOf(
  { command: submit(), now: receivedAt },
  { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: receivedAt } } }, now: receivedAt },
  { command: { type: 'ApproveApplication', data: {} }, now: local('2025-11-05 10:00') },
);
const assign = (who = lawyer, openCases: import('../../src/domain/index.js').OpenCaseOfLawyer[] = []) => ({ type: 'AssignLawyer', data: { lawyer: who, openCases } }) as const;

t.test('Art. 43: a lawyer assigned within 3 working days of approval is on time', async (t) => {
  given(...approved)
    .when(assign(), local('2025-11-07 16:00'))
    .then(t, [
      {
        type: 'LawyerAssigned',
        data: {
          lawyerId: 'lawyer-chen',
          firmId: 'firm-zhengyi',
          relevantPracticeYears: 5,
          assignedAt: iso('2025-11-07 16:00'),
          dueAt: iso('2025-11-11 00:00'),
          onTime: true,
          preliminary: false,
          conflicts: [],
        },
      },
    ]);
  given(...approved).when(assign(), local('2025-11-11 09:00')).thenOne(t, 'LawyerAssigned', { onTime: false });
  const assigned = extended(approved, { command: assign(), now: local('2025-11-07 16:00') });
  given(...assigned).when(assign(), local('2025-11-07 17:00')).thenBroken(t, 'lawyer_already_assigned');
});

t.test('Art. 43: no lawyer before approval', async (t) => {
  given(...historyOf({ command: submit(), now: receivedAt })).when(assign(), local('2025-11-04 10:00')).thenBroken(t, 'not_approved');
});

t.test('Art. 43: the assignment timer records an overdue assignment, once, and not after one', async (t) => {
  const fire = { type: 'RecordAssignmentOverdue', data: { dueAt: local('2025-11-11 00:00') } } as const;
  given(...approved).when(fire, local('2025-11-10 23:00')).thenBroken(t, 'deadline_not_reached');
  given(...approved).when(fire, local('2025-11-11 00:00')).then(t, [{ type: 'AssignmentOverdue', data: { dueAt: iso('2025-11-11 00:00'), recordedAt: iso('2025-11-11 00:00') } }]);
  const overdue = extended(approved, { command: fire, now: local('2025-11-11 00:00') });
  given(...overdue).when(fire, local('2025-11-11 00:05')).thenNothing(t);
  given(...extended(approved, { command: assign(), now: local('2025-11-07 16:00') })).when(fire, local('2025-11-11 00:00')).thenNothing(t);
});

t.test('conflict check: the lawyer or the firm acting for the opposing party in an open case is a warning, not a refusal', async (t) => {
  const openCases = [
    { caseId: 'case-9', lawyerId: 'lawyer-wang', firmId: 'firm-zhengyi', actsFor: '某建筑劳务 有限公司' },
    { caseId: 'case-8', lawyerId: 'lawyer-chen', firmId: 'firm-zhengyi', actsFor: '某建筑劳务有限公司' },
    { caseId: 'case-7', lawyerId: 'lawyer-chen', firmId: 'firm-zhengyi', actsFor: '另一家公司' },
    { caseId: 'case-6', lawyerId: 'lawyer-zhao', firmId: 'firm-other', actsFor: '某建筑劳务有限公司' },
  ];
  given(...approved)
    .when(assign(lawyer, openCases), local('2025-11-07 16:00'))
    .thenOne(t, 'LawyerAssigned', { conflicts: [{ caseId: 'case-9', by: 'firm' }, { caseId: 'case-8', by: 'lawyer' }] });
  t.strictSame(conflictsOf(lawyer, null, openCases), [], 'no opposing party, no conflict');
});

t.test('Art. 26: a lawyer with fewer than 3 years of relevant practice cannot defend where a life or death sentence is possible', async (t) => {
  const capital = historyOf({
    command: {
      type: 'ReceiveNotification',
      data: {
        caseId: 'case-0009',
        notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'org-huadu' } },
        ground: 'possible_life_or_death_sentence',
        capitalCase: false,
        defendant: { name: '某甲', document: { type: 'unknown', note: null }, birthDate: null, phone: null, address: null, groups: [] },
        charge: '故意杀人罪',
      },
    },
    now: local('2025-11-03 09:00'),
  });
  given(...capital).when(assign(juniorLawyer), local('2025-11-04 09:00')).thenBroken(t, 'art26_experience_required');
  given(...capital).when(assign({ ...juniorLawyer, relevantPracticeYears: 3 }), local('2025-11-04 09:00')).thenOne(t, 'LawyerAssigned', { relevantPracticeYears: 3 });
  // An ordinary application takes a junior lawyer.
  given(...approved).when(assign(juniorLawyer), local('2025-11-07 16:00')).thenOne(t, 'LawyerAssigned', { lawyerId: 'lawyer-li' });
});
