// 延期: requested with a reason strictly before the current due time, after sign-for, one at a time,
// within the cap (10 working days over the order's life); approved (days or a new due time, cut to the
// cap) or rejected by the platform.
import t from 'tap';
import { hotlineRules, type ExtensionGrant, type WorkOrderCommand, type WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import {
  calendar,
  clerk,
  dispatched,
  extensionApproved,
  extensionRequested,
  iso,
  local,
  platformId,
  replied,
  replyDueAt,
  signedFor,
} from './support/fixtures.js';

const handling = [dispatched, signedFor('2025-11-03 11:00')];
const request = (workingDays = 3, reason = '需调取材料'): WorkOrderCommand => ({
  type: 'RequestExtension',
  data: { staffId: clerk, reason, workingDays },
});
const approve = (grant: ExtensionGrant): WorkOrderCommand => ({ type: 'RecordExtensionApproved', data: { platformId, grant } });
const days = (workingDays: number): ExtensionGrant => ({ kind: 'working_days', workingDays });

t.test('given handling, when an extension is requested before the due time, then ExtensionRequested', async (t) => {
  given(...handling).when(request(), local('2025-11-24 23:59')).then(t, [extensionRequested('2025-11-24 23:59', 3)]);
});

t.test('given handling, when an extension is requested at or after the due time, then extension_after_due', async (t) => {
  given(...handling).when(request(), local('2025-11-25 00:00')).thenBroken(t, 'extension_after_due');
  given(...handling).when(request(), local('2025-11-26 09:00')).thenBroken(t, 'extension_after_due');
});

t.test('given not signed for, when an extension is requested, then extension_before_sign_for', async (t) => {
  given(dispatched).when(request(), local('2025-11-04 09:00')).thenBroken(t, 'extension_before_sign_for');
});

t.test('given an extension pending, when another is requested, then extension_pending', async (t) => {
  given(...handling, extensionRequested('2025-11-10 09:00', 3)).when(request(), local('2025-11-11 09:00')).thenBroken(t, 'extension_pending');
});

t.test('a reason and a whole positive number of working days are required', async (t) => {
  given(...handling).when(request(3, ''), local('2025-11-10 09:00')).thenBroken(t, 'reason_required');
  given(...handling).when(request(0), local('2025-11-10 09:00')).thenBroken(t, 'invalid_working_days');
  given(...handling).when(request(1.5), local('2025-11-10 09:00')).thenBroken(t, 'invalid_working_days');
});

t.test('the cap: 10 working days in total by default, configurable', async (t) => {
  given(...handling).when(request(11), local('2025-11-10 09:00')).thenBroken(t, 'extension_cap_exceeded');
  given(...handling).when(request(10), local('2025-11-10 09:00')).then(t, [extensionRequested('2025-11-10 09:00', 10)]);
  // 8 already approved: 3 more would make 11.
  const eightApproved = [
    ...handling,
    extensionRequested('2025-11-10 09:00', 8),
    extensionApproved('2025-11-10 15:00', replyDueAt, iso('2025-12-05 00:00'), 8),
  ];
  given(...eightApproved).when(request(3), local('2025-11-20 09:00')).thenBroken(t, 'extension_cap_exceeded');
  given(...eightApproved).when(request(2), local('2025-11-20 09:00')).then(t, [extensionRequested('2025-11-20 09:00', 2)]);
  const strict = hotlineRules(calendar, { extensionCapWorkingDays: 5 });
  given(...handling).when(request(6), local('2025-11-10 09:00'), strict).thenBroken(t, 'extension_cap_exceeded');
});

t.test('given an extension pending, when approved for N working days, then the due time moves N working days', async (t) => {
  // Due at the end of Monday 24 November; 3 working days more: the end of Thursday 27 November.
  given(...handling, extensionRequested('2025-11-10 09:00', 3))
    .when(approve(days(3)), local('2025-11-11 10:00'))
    .then(t, [extensionApproved('2025-11-11 10:00', replyDueAt, iso('2025-11-28 00:00'), 3, 'working_days')]);
});

t.test('given an extension pending, when approved with an explicit new due time, then that time, charged in whole working days', async (t) => {
  given(...handling, extensionRequested('2025-11-10 09:00', 3))
    .when(approve({ kind: 'due_time', replyDueAt: local('2025-11-26 18:00') }), local('2025-11-11 10:00'))
    .then(t, [extensionApproved('2025-11-11 10:00', replyDueAt, iso('2025-11-26 18:00'), 2, 'date')]);
});

t.test('a grant beyond the cap is recorded, cut to the cap', async (t) => {
  const eightApproved = [
    ...handling,
    extensionRequested('2025-11-10 09:00', 8),
    extensionApproved('2025-11-10 15:00', replyDueAt, iso('2025-12-05 00:00'), 8),
    extensionRequested('2025-11-20 09:00', 2),
  ];
  const capped: WorkOrderEvent = {
    type: 'ExtensionApproved',
    data: {
      by: { kind: 'platform', platformId },
      approvedAt: iso('2025-11-20 10:00'),
      previousReplyDueAt: iso('2025-12-05 00:00'),
      replyDueAt: iso('2025-12-09 00:00'),
      workingDays: 2,
      capped: true,
      grantedAs: 'working_days',
      calendarVersion: calendar.version,
    },
  };
  given(...eightApproved).when(approve(days(5)), local('2025-11-20 10:00')).then(t, [capped]);
  given(...eightApproved).when(approve({ kind: 'due_time', replyDueAt: local('2025-12-31 18:00') }), local('2025-11-20 10:00')).then(t, [capped]);
});

t.test('an explicit new due time not later than the current one is refused', async (t) => {
  given(...handling, extensionRequested('2025-11-10 09:00', 3))
    .when(approve({ kind: 'due_time', replyDueAt: new Date(replyDueAt) }), local('2025-11-11 10:00'))
    .thenBroken(t, 'invalid_new_due');
});

t.test('given an extension pending, when rejected, then ExtensionRejected and another may be requested', async (t) => {
  const rejected: WorkOrderEvent = {
    type: 'ExtensionRejected',
    data: { by: { kind: 'platform', platformId }, reason: null, rejectedAt: iso('2025-11-11 10:00') },
  };
  given(...handling, extensionRequested('2025-11-10 09:00', 3))
    .when({ type: 'RecordExtensionRejected', data: { platformId, reason: null } }, local('2025-11-11 10:00'))
    .then(t, [rejected]);
  given(...handling, extensionRequested('2025-11-10 09:00', 3), rejected)
    .when(request(2), local('2025-11-12 09:00'))
    .then(t, [extensionRequested('2025-11-12 09:00', 2)]);
});

t.test('with no extension pending, a decision is refused; a reply lapses a pending request', async (t) => {
  given(...handling).when(approve(days(3)), local('2025-11-11 10:00')).thenBroken(t, 'no_extension_pending');
  given(...handling, extensionRequested('2025-11-10 09:00', 3), replied('2025-11-10 16:00'))
    .when(approve(days(3)), local('2025-11-11 10:00'))
    .thenBroken(t, 'no_extension_pending');
  given(...handling, extensionRequested('2025-11-10 09:00', 3))
    .when({ type: 'RecordExtensionRejected', data: { platformId: 'sz12345', reason: null } }, local('2025-11-11 10:00'))
    .thenBroken(t, 'wrong_platform');
});

t.test('given replied, when an extension is requested, then already_replied', async (t) => {
  given(...handling, replied('2025-11-10 16:00')).when(request(), local('2025-11-11 09:00')).thenBroken(t, 'already_replied');
});
