// 退单: within 2 working days of dispatch, with a reason, not after the reply, one at a time; approved
// → the order leaves (terminal); rejected → it stays and its clocks keep running.
import t from 'tap';
import type { WorkOrderCommand, WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import {
  clerk,
  dispatched,
  iso,
  local,
  platformId,
  replied,
  replyDueAt,
  returnRequested,
  signedFor,
} from './support/fixtures.js';

const requestReturn = (reason = '不属于本单位职责'): WorkOrderCommand => ({ type: 'RequestReturn', data: { staffId: clerk, reason } });
const approve = { type: 'RecordReturnApproved', data: { platformId, reason: null } } as const;
const reject = { type: 'RecordReturnRejected', data: { platformId, reason: '属于贵单位职责' } } as const;

t.test('given dispatched, when a return is requested within the window, then ReturnRequested', async (t) => {
  given(dispatched).when(requestReturn(), local('2025-11-05 23:59')).then(t, [returnRequested('2025-11-05 23:59')]);
});

t.test('given signed for, a return may still be requested within the window', async (t) => {
  given(dispatched, signedFor('2025-11-03 11:00')).when(requestReturn(), local('2025-11-04 10:00')).then(t, [returnRequested('2025-11-04 10:00')]);
});

t.test('given dispatched, when a return is requested after the window (2 working days), then return_window_closed', async (t) => {
  given(dispatched).when(requestReturn(), local('2025-11-06 00:01')).thenBroken(t, 'return_window_closed');
});

t.test('a return without a reason is refused', async (t) => {
  given(dispatched).when(requestReturn(' '), local('2025-11-04 10:00')).thenBroken(t, 'reason_required');
});

t.test('given a return pending, when another is requested, then return_pending', async (t) => {
  given(dispatched, returnRequested('2025-11-03 10:30')).when(requestReturn(), local('2025-11-04 10:00')).thenBroken(t, 'return_pending');
});

t.test('given replied, when a return is requested, then already_replied', async (t) => {
  given(dispatched, signedFor('2025-11-03 11:00'), replied('2025-11-04 09:00'))
    .when(requestReturn(), local('2025-11-04 10:00'))
    .thenBroken(t, 'already_replied');
});

const returned: WorkOrderEvent = {
  type: 'WorkOrderReturned',
  data: { by: { kind: 'platform', platformId }, requestReason: '不属于本单位职责', reason: null, returnedAt: iso('2025-11-04 15:00') },
};

t.test('given a return pending, when the platform approves, then the order is returned and leaves', async (t) => {
  const pending = [dispatched, returnRequested('2025-11-03 10:30')];
  given(...pending).when(approve, local('2025-11-04 15:00')).then(t, [returned]);
  t.equal(given(...pending, returned).state.status, 'returned');
});

t.test('given returned, every further command is refused: the order has left', async (t) => {
  const gone = given(dispatched, returnRequested('2025-11-03 10:30'), returned);
  const now = local('2025-11-05 10:00');
  gone.when({ type: 'SignForWorkOrder', data: { staffId: clerk } }, now).thenBroken(t, 'order_returned');
  gone.when({ type: 'ReplyToWorkOrder', data: { staffId: clerk, answer: '答复' } }, now).thenBroken(t, 'order_returned');
  gone.when({ type: 'AddHandlingNote', data: { noteId: 'n', staffId: clerk, note: '备注' } }, now).thenBroken(t, 'order_returned');
  gone.when(requestReturn(), now).thenBroken(t, 'order_returned');
  gone.when(approve, now).thenBroken(t, 'order_returned');
  gone.when({ type: 'UrgeWorkOrder', data: { platformId, level: 'urge', note: null } }, now).thenBroken(t, 'order_returned');
  gone.when({ type: 'MergeWorkOrders', data: { platformId, externalNumbers: ['GZ9'] } }, now).thenBroken(t, 'order_returned');
  // Timers set before the return find nothing to do.
  gone.when({ type: 'RecordReplyOverdue', data: { dueAt: new Date(replyDueAt) } }, local('2025-11-25 00:00')).thenNothing(t);
});

t.test('given a return pending, when the platform rejects it, then the order stays and may be returned again', async (t) => {
  const rejected: WorkOrderEvent = {
    type: 'ReturnRejected',
    data: { by: { kind: 'platform', platformId }, reason: '属于贵单位职责', rejectedAt: iso('2025-11-04 15:00') },
  };
  given(dispatched, returnRequested('2025-11-03 10:30')).when(reject, local('2025-11-04 15:00')).then(t, [rejected]);
  const stays = given(dispatched, returnRequested('2025-11-03 10:30'), rejected);
  t.equal(stays.state.status, 'awaiting_sign_for');
  stays.when(requestReturn(), local('2025-11-05 10:00')).then(t, [returnRequested('2025-11-05 10:00')]);
  // The clock kept running: the reply due time is unchanged and its timer still fires.
  stays
    .when({ type: 'RecordReplyOverdue', data: { dueAt: new Date(replyDueAt) } }, local('2025-11-25 00:00'))
    .then(t, [{ type: 'ReplyOverdue', data: { by: { kind: 'deadline_timer' }, dueAt: replyDueAt, recordedAt: replyDueAt } }]);
});

t.test('with no return pending, an approval or rejection is refused; from another platform too', async (t) => {
  given(dispatched).when(approve, local('2025-11-04 15:00')).thenBroken(t, 'no_return_pending');
  given(dispatched).when(reject, local('2025-11-04 15:00')).thenBroken(t, 'no_return_pending');
  given(dispatched, returnRequested('2025-11-03 10:30'))
    .when({ type: 'RecordReturnApproved', data: { platformId: 'sz12345', reason: null } }, local('2025-11-04 15:00'))
    .thenBroken(t, 'wrong_platform');
});
