// Notified cases (通知辩护, Arts. 25, 28, 35-36): no application, no review, no hardship check; a lawyer
// within 3 days of receiving the notice; the authority is informed. Art. 26 for life/death cases.
import t from 'tap';
import type { ReceiveNotification } from '../../src/domain/index.js';
import { extended, given, historyOf, office } from './support/given.js';
import { baiyunOffice, calendar, huaduOffice, iso, lawyer, juniorLawyer, local } from './support/fixtures.js';

const notice = (change: Partial<ReceiveNotification['data']> = {}): ReceiveNotification => ({
  type: 'ReceiveNotification',
  data: {
    caseId: 'case-0001',
    notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'org-huadu' } },
    ground: 'minor',
    capitalCase: false,
    defendant: { name: '小李', document: { type: 'resident_id', number: '44010620100101345X' }, birthDate: null, phone: null, address: null, groups: ['minor'] },
    charge: '盗窃罪',
    ...change,
  },
});

t.test('Arts. 25, 35-36: a notified case needs a lawyer within 3 working days of the notice, with no review', async (t) => {
  // Received Friday 7 November: 10, 11, 12 November: the end of Wednesday 12 November.
  const events = given().when(notice(), local('2025-11-07 16:00')).run();
  t.match(events, [
    {
      type: 'NotificationReceived',
      data: {
        caseId: 'case-0001',
        officeId: huaduOffice,
        ground: 'minor',
        capitalCase: false,
        noticeReceivedAt: iso('2025-11-07 16:00'),
        assignment: { unit: 'working_days', amount: 3, dueAt: iso('2025-11-13 00:00'), calendarVersion: calendar.version },
      },
    },
  ]);
  const state = given(...events).state;
  t.equal(state.status, 'notified');
  t.equal(state.status !== 'none' && state.status !== 'awaiting_custody_forwarding' ? state.review : 'no file', null, 'no review clock');
  given(...events).when({ type: 'ApproveApplication', data: {} }, local('2025-11-08 10:00')).thenBroken(t, 'not_in_review');
  given(...events).when({ type: 'RequestMaterials', data: { items: ['x'] } }, local('2025-11-08 10:00')).thenBroken(t, 'not_in_review');
  given(...events).when({ type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, local('2025-11-12 11:00')).thenOne(t, 'LawyerAssigned', { onTime: true, dueAt: iso('2025-11-13 00:00') });
});

t.test('Art. 36: the notifying authority is informed once the lawyer is assigned', async (t) => {
  const received = historyOf({ command: notice(), now: local('2025-11-07 16:00') });
  const inform = { type: 'RecordAuthorityInformed', data: { method: '送达指派通知书' } } as const;
  given(...received).when(inform, local('2025-11-10 10:00')).thenBroken(t, 'not_aided');
  const assigned = extended(received, { command: { type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, now: local('2025-11-10 09:00') });
  given(...assigned).when(inform, local('2025-11-10 10:00')).then(t, [{ type: 'AuthorityInformed', data: { informedAt: iso('2025-11-10 10:00'), method: '送达指派通知书' } }]);
  const informed = extended(assigned, { command: inform, now: local('2025-11-10 10:00') });
  given(...informed).when(inform, local('2025-11-10 11:00')).thenNothing(t, 'informed once');
});

t.test('Arts. 25, 35-36: the notified-case timer records an overdue assignment', async (t) => {
  const received = historyOf({ command: notice(), now: local('2025-11-07 16:00') });
  given(...received)
    .when({ type: 'RecordAssignmentOverdue', data: { dueAt: local('2025-11-13 00:00') } }, local('2025-11-13 00:00'))
    .then(t, [{ type: 'AssignmentOverdue', data: { dueAt: iso('2025-11-13 00:00'), recordedAt: iso('2025-11-13 00:00') } }]);
});

t.test('Art. 38 for notices: the office where the notifying authority sits', async (t) => {
  given().when(notice(), local('2025-11-07 16:00'), office(baiyunOffice)).thenBroken(t, 'not_competent_office');
});

t.test('Art. 26: death-penalty review marks the case capital, and needs an experienced lawyer', async (t) => {
  const review = historyOf({ command: notice({ ground: 'death_penalty_review' }), now: local('2025-11-07 16:00') });
  t.match(review[0]?.data, { capitalCase: true });
  given(...review).when({ type: 'AssignLawyer', data: { ...juniorLawyer, openCases: [] } }, local('2025-11-10 09:00')).thenBroken(t, 'art26_experience_required');
  // The authority may mark a case capital on another ground (a minor facing a possible life sentence).
  const marked = historyOf({ command: notice({ capitalCase: true }), now: local('2025-11-07 16:00') });
  given(...marked).when({ type: 'AssignLawyer', data: { ...juniorLawyer, openCases: [] } }, local('2025-11-10 09:00')).thenBroken(t, 'art26_experience_required');
});
