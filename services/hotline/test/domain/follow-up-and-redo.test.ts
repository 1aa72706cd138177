// 回访 after a reply, once per reply; 重办 only after a dissatisfied result caused by the unit, back to
// handling with a new due time; then the next reply is allowed.
import t from 'tap';
import type { FollowUpResult, WorkOrderCommand, WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import { calendar, clerk, dispatched, followedUp, iso, local, platformId, replied, signedFor } from './support/fixtures.js';

const handling = [dispatched, signedFor('2025-11-03 11:00')];
const repliedOnce = [...handling, replied('2025-11-20 16:00')];
const followUp = (result: FollowUpResult): WorkOrderCommand => ({ type: 'RecordFollowUpResult', data: { platformId, result } });
const dissatisfied: FollowUpResult = { satisfaction: 'dissatisfied', resolved: false, causedByUnit: true, comment: '未解决' };
const redo = (replyDueAt: Date | null = null): WorkOrderCommand => ({
  type: 'RedoWorkOrder',
  data: { platformId, reason: '群众不满意，责任在承办单位', replyDueAt },
});

t.test('given replied, when the follow-up result arrives, then it is recorded', async (t) => {
  given(...repliedOnce).when(followUp(dissatisfied), local('2025-11-25 10:00')).then(t, [followedUp('2025-11-25 10:00', 'dissatisfied')]);
  given(...repliedOnce)
    .when(followUp({ satisfaction: 'basically_satisfied', resolved: true, comment: null }), local('2025-11-25 10:00'))
    .then(t, [
      {
        type: 'FollowUpResultRecorded',
        data: {
          by: { kind: 'platform', platformId },
          result: { satisfaction: 'basically_satisfied', resolved: true, comment: null },
          recordedAt: iso('2025-11-25 10:00'),
        },
      },
    ]);
});

t.test('given not replied, when a follow-up result arrives, then follow_up_before_reply', async (t) => {
  given(...handling).when(followUp(dissatisfied), local('2025-11-25 10:00')).thenBroken(t, 'follow_up_before_reply');
  given(dispatched).when(followUp(dissatisfied), local('2025-11-25 10:00')).thenBroken(t, 'follow_up_before_reply');
});

t.test('given a follow-up recorded, when another arrives for the same reply, then follow_up_already_recorded', async (t) => {
  given(...repliedOnce, followedUp('2025-11-25 10:00', 'satisfied'))
    .when(followUp(dissatisfied), local('2025-11-26 10:00'))
    .thenBroken(t, 'follow_up_already_recorded');
});

const redoComputed: WorkOrderEvent = {
  type: 'WorkOrderRedoRequested',
  data: {
    by: { kind: 'platform', platformId },
    reason: '群众不满意，责任在承办单位',
    requestedAt: iso('2025-11-26 10:00'),
    // The complaint's 15 working days again, from Wednesday 26 November: the end of Wednesday 17 December.
    replyDueAt: iso('2025-12-18 00:00'),
    replyDueSource: 'category_limit',
    workingDays: 15,
    calendarVersion: calendar.version,
  },
};

t.test('given a dissatisfied follow-up caused by the unit, when redo, then back to handling with a new due time', async (t) => {
  const dissatisfiedByUnit = [...repliedOnce, followedUp('2025-11-25 10:00', 'dissatisfied', true)];
  given(...dissatisfiedByUnit).when(redo(), local('2025-11-26 10:00')).then(t, [redoComputed]);
  given(...dissatisfiedByUnit)
    .when(redo(local('2025-12-05 18:00')), local('2025-11-26 10:00'))
    .then(t, [(() => {
      // The platform's own date: no working days to count again.
      const { workingDays: _counted, ...data } = redoComputed.type === 'WorkOrderRedoRequested' ? redoComputed.data : ({} as never);
      return { type: 'WorkOrderRedoRequested' as const, data: { ...data, replyDueAt: iso('2025-12-05 18:00'), replyDueSource: 'platform' as const } };
    })()]);
  const state = given(...dissatisfiedByUnit, redoComputed).state;
  t.equal(state.status, 'handling');
  t.equal(state.status === 'handling' && state.replyDueAt, iso('2025-12-18 00:00'));
});

t.test('dissatisfied → redo → reply again, then a new follow-up', async (t) => {
  const redone = [...repliedOnce, followedUp('2025-11-25 10:00', 'dissatisfied'), redoComputed];
  const secondReply = replied('2025-12-10 15:00', iso('2025-12-18 00:00'));
  given(...redone)
    .when({ type: 'ReplyToWorkOrder', data: { staffId: clerk, answer: '已核实并答复' } }, local('2025-12-10 15:00'))
    .then(t, [secondReply]);
  given(...redone, secondReply).when(followUp(dissatisfied), local('2025-12-12 10:00')).then(t, [followedUp('2025-12-12 10:00', 'dissatisfied')]);
  const state = given(...redone, secondReply).state;
  t.strictSame(state.status === 'replied' && [state.replyCount, state.redoCount, state.followUp], [2, 1, null]);
});

t.test('a redo without a dissatisfied follow-up caused by the unit is refused', async (t) => {
  const now = local('2025-11-26 10:00');
  given(...repliedOnce).when(redo(), now).thenBroken(t, 'redo_not_allowed');
  given(...repliedOnce, followedUp('2025-11-25 10:00', 'satisfied')).when(redo(), now).thenBroken(t, 'redo_not_allowed');
  given(...repliedOnce, followedUp('2025-11-25 10:00', 'dissatisfied', false)).when(redo(), now).thenBroken(t, 'redo_not_allowed');
  given(...handling).when(redo(), now).thenBroken(t, 'redo_not_allowed');
});

t.test('a redo due time not after the redo, or a redo without reason, is refused', async (t) => {
  const dissatisfiedByUnit = [...repliedOnce, followedUp('2025-11-25 10:00', 'dissatisfied')];
  given(...dissatisfiedByUnit).when(redo(local('2025-11-26 09:00')), local('2025-11-26 10:00')).thenBroken(t, 'invalid_new_due');
  given(...dissatisfiedByUnit)
    .when({ type: 'RedoWorkOrder', data: { platformId, reason: '', replyDueAt: null } }, local('2025-11-26 10:00'))
    .thenBroken(t, 'reason_required');
});
