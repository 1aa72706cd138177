// Termination (Art. 48, ground named, on the lawyer's report or the office's finding), closing with an
// outcome (Art. 50), follow-up with the recipient (Art. 59), and peer review graded 优秀/良好/合格/不合格.
import t from 'tap';
import { extended, given, historyOf, office } from './support/given.js';
import { baiyunOffice, iso, lawyer, local, receivedAt, submit } from './support/fixtures.js';

const aided = historyOf(
  { command: submit(), now: receivedAt },
  { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: receivedAt } } }, now: receivedAt },
  { command: { type: 'ApproveApplication', data: {} }, now: local('2025-11-04 10:00') },
  { command: { type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, now: local('2025-11-05 10:00') },
);
const close = { type: 'CloseCase', data: { outcome: 'mediation', summary: '经调解，公司支付拖欠工资' } } as const;
const closed = extended(aided, { command: close, now: local('2026-01-20 10:00') });

t.test('Art. 48: the office terminates aid on a named ground, on the lawyer\'s report, and the right to object is named', async (t) => {
  given(...aided)
    .when({ type: 'TerminateAid', data: { ground: 'own_lawyer_hired', basis: 'lawyer_report', explanation: '受援人已自行委托律师' } }, local('2025-12-01 10:00'))
    .then(t, [
      {
        type: 'AidTerminated',
        data: {
          ground: 'own_lawyer_hired',
          basis: 'lawyer_report',
          explanation: '受援人已自行委托律师',
          terminatedAt: iso('2025-12-01 10:00'),
          rightToObject: { article: 'Art. 49', decidedBy: 'justice_bureau', filingDeadline: null },
        },
      },
    ]);
  given(...aided).when({ type: 'TerminateAid', data: { ground: 'fraud_or_concealment', basis: 'own_finding', explanation: ' ' } }, local('2025-12-01 10:00')).thenBroken(t, 'text_required');
  given(...aided).when({ type: 'TerminateAid', data: { ground: 'fraud_or_concealment', basis: 'own_finding', explanation: 'x' } }, local('2025-12-01 10:00'), office(baiyunOffice)).thenBroken(t, 'not_competent_office');
  given(...historyOf({ command: submit(), now: receivedAt }))
    .when({ type: 'TerminateAid', data: { ground: 'recipient_request', basis: 'own_finding', explanation: 'x' } }, local('2025-12-01 10:00'))
    .thenBroken(t, 'not_aided');
});

t.test('Art. 50: a case under aid is closed with its outcome', async (t) => {
  given(...aided).when(close, local('2026-01-20 10:00')).then(t, [{ type: 'CaseClosed', data: { outcome: 'mediation', summary: '经调解，公司支付拖欠工资', closedAt: iso('2026-01-20 10:00') } }]);
  given(...closed).when(close, local('2026-01-21 10:00')).thenBroken(t, 'not_aided');
});

t.test('Art. 59: follow-up with the recipient after closing, recorded once per follow-up', async (t) => {
  const followUp = { type: 'RecordFollowUp', data: { followUpId: 'fu-1', satisfied: true, note: '受援人对律师服务满意' } } as const;
  given(...aided).when(followUp, local('2026-01-25 10:00')).thenBroken(t, 'not_closed');
  given(...closed).when(followUp, local('2026-01-25 10:00')).then(t, [
    { type: 'FollowUpRecorded', data: { followUpId: 'fu-1', satisfied: true, note: '受援人对律师服务满意', recordedAt: iso('2026-01-25 10:00') } },
  ]);
  given(...extended(closed, { command: followUp, now: local('2026-01-25 10:00') })).when(followUp, local('2026-01-25 11:00')).thenNothing(t);
});

t.test('同行评估: a closed case is graded once, 优秀 / 良好 / 合格 / 不合格', async (t) => {
  const grade = (g: 'excellent' | 'good' | 'pass' | 'fail') => ({ type: 'ReviewQuality', data: { grade: g, note: '卷宗完整，办案及时' } }) as const;
  given(...aided).when(grade('good'), local('2026-02-01 10:00')).thenBroken(t, 'not_closed');
  given(...closed).when(grade('excellent'), local('2026-02-01 10:00')).then(t, [
    { type: 'QualityReviewed', data: { grade: 'excellent', note: '卷宗完整，办案及时', reviewedAt: iso('2026-02-01 10:00') } },
  ]);
  given(...extended(closed, { command: grade('good'), now: local('2026-02-01 10:00') })).when(grade('fail'), local('2026-02-02 10:00')).thenBroken(t, 'quality_already_reviewed');
});
