// 指派 (Art. 43): a lawyer within 3 working days of approval; the conflict check warns (the lawyer or the
// firm acts for the opposing party in an open case) and does not refuse; Art. 26 refuses a lawyer with
// fewer than 3 years' relevant practice where a life or death sentence is possible.
import t from 'tap';
import { conflictsOf, profileOf, suggestLawyers, lawyerIn, type LawyerRegistryState } from '../../src/domain/index.js';
import { extended, given, historyOf } from './support/given.js';
import { iso, juniorLawyer, lawyer, lawyerRegistry, local, receivedAt, submit } from './support/fixtures.js';

const approved = historyOf(
  { command: submit(), now: receivedAt },
  { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: receivedAt } } }, now: receivedAt },
  { command: { type: 'ApproveApplication', data: {} }, now: local('2025-11-05 10:00') },
);
const assign = (who: { lawyerId: string; registry: LawyerRegistryState } = lawyer, openCases: import('../../src/domain/index.js').OpenCaseOfLawyer[] = []) => ({ type: 'AssignLawyer', data: { ...who, openCases } }) as const;

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
  const chen = lawyerIn(lawyerRegistry, 'lawyer-chen');
  t.strictSame(chen && conflictsOf(profileOf(chen, local('2025-11-07 16:00')), null, openCases), [], 'no opposing party, no conflict');
});

t.test('conflict check: the firm is the registry\'s today, not the one recorded when the other case was assigned', async (t) => {
  // 赵 acts for the opposing party; the case recorded 赵 at another firm, but 赵 has since joined 正义.
  const moved: LawyerRegistryState = lawyerRegistry.status === 'kept'
    ? { ...lawyerRegistry, lawyers: [...lawyerRegistry.lawyers, { lawyerId: 'lawyer-zhao', name: '赵律师', licenceNumber: '14401201810000004', firmId: 'firm-zhengyi', firmName: '广东正义律师事务所', relevantPracticeSince: '2018-01-01', specialties: [], active: true, deactivatedReason: null }] }
    : lawyerRegistry;
  const openCases = [{ caseId: 'case-6', lawyerId: 'lawyer-zhao', firmId: 'firm-other', actsFor: '某建筑劳务有限公司' }];
  given(...approved)
    .when({ type: 'AssignLawyer', data: { lawyerId: 'lawyer-chen', registry: moved, openCases } }, local('2025-11-07 16:00'))
    .thenOne(t, 'LawyerAssigned', { conflicts: [{ caseId: 'case-6', by: 'firm' }] });
});

t.test('the registry: a lawyer not on the office\'s district registry, or deactivated, is not assigned', async (t) => {
  given(...approved).when(assign({ lawyerId: 'lawyer-nobody', registry: lawyerRegistry }), local('2025-11-07 16:00')).thenBroken(t, 'lawyer_not_registered');
  given(...approved).when(assign({ lawyerId: 'lawyer-wang', registry: lawyerRegistry }), local('2025-11-07 16:00')).thenBroken(t, 'lawyer_inactive');
  given(...approved).when(assign({ lawyerId: 'lawyer-chen', registry: { status: 'empty' } }), local('2025-11-07 16:00')).thenBroken(t, 'lawyer_not_registered');
});

t.test('suggestions by current load: fewest open cases first, no conflicts, no inactive lawyers, Art. 26 where it applies', async (t) => {
  const now = local('2025-11-07 16:00');
  const base = { registry: lawyerRegistry, openCases: [], opposingParty: '某建筑劳务有限公司', needsExperience: false, now };
  const ids = (input: Parameters<typeof suggestLawyers>[0]) => suggestLawyers(input).map((s) => [s.lawyerId, s.openCases]);
  t.strictSame(ids({ ...base, load: new Map([['lawyer-chen', 4], ['lawyer-li', 1]]) }), [['lawyer-li', 1], ['lawyer-chen', 4]], 'lowest load first; 王 is inactive');
  t.strictSame(ids({ ...base, load: new Map() }), [['lawyer-chen', 0], ['lawyer-li', 0]], 'equal load: the longer practice first');
  t.strictSame(ids({ ...base, load: new Map([['lawyer-chen', 4], ['lawyer-li', 1]]), needsExperience: true }), [['lawyer-chen', 4]], 'Art. 26: 李 has 2 years');
  const conflict = [{ caseId: 'case-1', lawyerId: 'lawyer-li', firmId: 'firm-zhengyi', actsFor: '某建筑劳务有限公司' }];
  t.strictSame(ids({ ...base, load: new Map(), openCases: conflict }), [], 'the firm acts for the opposing party: both of 正义 are left out');
  t.strictSame(ids({ ...base, load: new Map(), openCases: conflict, opposingParty: '另一家公司' }), [['lawyer-chen', 0], ['lawyer-li', 0]], 'another opposing party: no conflict');
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
  // The years are the registry's, counted on the day: 李 (since 2023-06-01) has 3 on 2026-06-01, not the day before.
  given(...capital).when(assign(juniorLawyer), local('2026-05-29 09:00')).thenBroken(t, 'art26_experience_required');
  given(...capital).when(assign(juniorLawyer), local('2026-06-01 09:00')).thenOne(t, 'LawyerAssigned', { lawyerId: 'lawyer-li', relevantPracticeYears: 3 });
  // An ordinary application takes a junior lawyer.
  given(...approved).when(assign(juniorLawyer), local('2025-11-07 16:00')).thenOne(t, 'LawyerAssigned', { lawyerId: 'lawyer-li' });
});
