// 先行提供 (Art. 44): the office MAY provide aid before the review ends when fewer than 7 calendar days
// remain before a limitation period or filing deadline, or when preservation or 先予执行 must be applied
// for at once; a lawyer is assigned at once; the review completes as usual.
import t from 'tap';
import { extended, given, historyOf } from './support/given.js';
import { iso, lawyer, local, receivedAt, reviewDueAt, submit } from './support/fixtures.js';

const submitted = historyOf({ command: submit(), now: receivedAt });
const nearDeadline = (deadlineAt: string) =>
  ({ type: 'DecidePreliminaryAid', data: { ground: { kind: 'deadline_near', deadline: 'limitation_period', deadlineAt: local(deadlineAt) } } }) as const;

t.test('Art. 44: a limitation period under 7 calendar days away allows preliminary aid, with a lawyer the same day', async (t) => {
  // Decided Monday 3 November 11:00; the limitation period ends Sunday 9 November (6 days away).
  given(...submitted)
    .when(nearDeadline('2025-11-09 23:59'), local('2025-11-03 11:00'))
    .thenOne(t, 'PreliminaryAidDecided', {
      ground: { kind: 'deadline_near', deadline: 'limitation_period', deadlineAt: iso('2025-11-09 23:59') },
      decidedAt: iso('2025-11-03 11:00'),
      assignment: { unit: 'working_days', amount: 0, dueAt: iso('2025-11-04 00:00') },
    });
});

t.test('Art. 44: 7 or more calendar days away, or already passed, does not allow it', async (t) => {
  given(...submitted).when(nearDeadline('2025-11-10 09:00'), local('2025-11-03 11:00')).thenBroken(t, 'preliminary_aid_not_allowed');
  given(...submitted).when(nearDeadline('2025-11-03 10:00'), local('2025-11-03 11:00')).thenBroken(t, 'preliminary_aid_not_allowed');
});

t.test('Art. 44: preservation of property or evidence, or 先予执行, allows it at once', async (t) => {
  given(...submitted)
    .when({ type: 'DecidePreliminaryAid', data: { ground: { kind: 'preservation_needed', what: 'evidence' } } }, local('2025-11-03 11:00'))
    .thenOne(t, 'PreliminaryAidDecided', { ground: { kind: 'preservation_needed', what: 'evidence' } });
  given(...submitted)
    .when({ type: 'DecidePreliminaryAid', data: { ground: { kind: 'advance_execution' } } }, local('2025-11-03 11:00'))
    .thenOne(t, 'PreliminaryAidDecided', { ground: { kind: 'advance_execution' } });
});

t.test('Art. 44: the lawyer acts while the review goes on, and the review completes as usual', async (t) => {
  const decided = extended(submitted, { command: nearDeadline('2025-11-09 23:59'), now: local('2025-11-03 11:00') });
  given(...decided).when(nearDeadline('2025-11-09 23:59'), local('2025-11-03 12:00')).thenBroken(t, 'preliminary_aid_already_decided');
  given(...decided)
    .when({ type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, local('2025-11-03 14:00'))
    .thenOne(t, 'LawyerAssigned', { preliminary: true, onTime: true, dueAt: iso('2025-11-04 00:00') });
  const acting = extended(decided, { command: { type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, now: local('2025-11-03 14:00') });
  t.equal(given(...acting).state.status, 'in_review', 'still under review');
  const verified = extended(acting, { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: receivedAt } } }, now: local('2025-11-04 10:00') });
  // Approved: nothing left to assign, the lawyer carries on.
  given(...verified).when({ type: 'ApproveApplication', data: {} }, local('2025-11-06 10:00')).then(t, [
    { type: 'ApplicationApproved', data: { approvedAt: iso('2025-11-06 10:00'), reviewDueAt, onTime: true, assignment: null } },
  ]);
  const approved = extended(verified, { command: { type: 'ApproveApplication', data: {} }, now: local('2025-11-06 10:00') });
  t.match(given(...approved).state, { status: 'aided', lawyer: { lawyerId: 'lawyer-chen', preliminary: true } });
});
