// Which timers each event sets, moves or ends: pure, given an event, then these changes.
import t from 'tap';
import type { WorkOrderEvent } from '../../src/domain/index.js';
import { timerChangesOf, timerIdOf } from '../../src/timers/index.js';

const platform = { kind: 'platform', platformId: 'gz12345' } as const;
const staff = { kind: 'staff', staffId: 'staff-li' } as const;
const at = '2025-11-10T02:00:00.000Z';

t.test('a redo or an approved extension moves the reply timer to the new due time', async (t) => {
  const redo: WorkOrderEvent = {
    type: 'WorkOrderRedoRequested',
    data: { by: platform, reason: '群众不满意', requestedAt: at, replyDueAt: '2025-12-02T16:00:00.000Z', replyDueSource: 'category_limit', calendarVersion: 'v1' },
  };
  t.same(timerChangesOf(redo), [{ kind: 'schedule', timer: 'reply', dueAt: '2025-12-02T16:00:00.000Z' }]);
  const approved: WorkOrderEvent = {
    type: 'ExtensionApproved',
    data: { by: platform, approvedAt: at, previousReplyDueAt: '2025-11-24T16:00:00.000Z', replyDueAt: '2025-11-27T16:00:00.000Z', workingDays: 3, capped: false, calendarVersion: 'v1' },
  };
  t.same(timerChangesOf(approved), [{ kind: 'schedule', timer: 'reply', dueAt: '2025-11-27T16:00:00.000Z' }]);
});

t.test('sign-for ends the sign-for timer, a reply the reply timer, an approved return both', async (t) => {
  t.same(timerChangesOf({ type: 'WorkOrderSignedFor', data: { by: staff, signedForAt: at, signForDueAt: at, onTime: true } }), [{ kind: 'cancel', timer: 'sign_for' }]);
  t.same(timerChangesOf({ type: 'WorkOrderReplied', data: { by: staff, answer: '已答复', repliedAt: at, replyDueAt: at, onTime: true } }), [{ kind: 'cancel', timer: 'reply' }]);
  t.same(timerChangesOf({ type: 'WorkOrderReturned', data: { by: platform, requestReason: '非本单位', reason: null, returnedAt: at } }), [
    { kind: 'cancel', timer: 'sign_for' },
    { kind: 'cancel', timer: 'reply' },
  ]);
});

t.test('a pending or rejected return leaves the clocks running', async (t) => {
  t.same(timerChangesOf({ type: 'ReturnRequested', data: { by: staff, reason: '非本单位', requestedAt: at } }), []);
  t.same(timerChangesOf({ type: 'ReturnRejected', data: { by: platform, reason: null, rejectedAt: at } }), []);
});

t.test('an overdue event marks its timer fired for the due time it names', async (t) => {
  t.same(timerChangesOf({ type: 'ReplyOverdue', data: { by: { kind: 'deadline_timer' }, dueAt: at, recordedAt: at } }), [{ kind: 'fired', timer: 'reply', dueAt: at }]);
  t.equal(timerIdOf('wo-1', 'sign_for'), 'wo-1/sign_for');
});
