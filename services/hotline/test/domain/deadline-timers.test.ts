// The durable timer fires at a due moment with the due time it was set for: an overdue event only when
// the order is still not signed for / replied to, the due time still current, and not already recorded;
// a timer that fires early is refused.
import t from 'tap';
import type { WorkOrderCommand, WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import {
  calendar,
  dispatched,
  extensionApproved,
  extensionRequested,
  followedUp,
  iso,
  local,
  platformId,
  replied,
  replyDueAt,
  signForDueAt,
  signedFor,
} from './support/fixtures.js';

const signForTimer = (dueAt: string): WorkOrderCommand => ({ type: 'RecordSignForOverdue', data: { dueAt: new Date(dueAt) } });
const replyTimer = (dueAt: string): WorkOrderCommand => ({ type: 'RecordReplyOverdue', data: { dueAt: new Date(dueAt) } });
const signForOverdue = (at: string): WorkOrderEvent => ({
  type: 'SignForOverdue',
  data: { by: { kind: 'deadline_timer' }, dueAt: signForDueAt, recordedAt: iso(at) },
});
const replyOverdue = (dueAt: string, at: string): WorkOrderEvent => ({
  type: 'ReplyOverdue',
  data: { by: { kind: 'deadline_timer' }, dueAt, recordedAt: iso(at) },
});
const handling = [dispatched, signedFor('2025-11-03 11:00')];

t.test('sign-for: given not signed for, when the timer fires at the due time, then SignForOverdue', async (t) => {
  given(dispatched).when(signForTimer(signForDueAt), local('2025-11-03 12:00')).then(t, [signForOverdue('2025-11-03 12:00')]);
  given(dispatched).when(signForTimer(signForDueAt), local('2025-11-03 12:07')).then(t, [signForOverdue('2025-11-03 12:07')], 'a late timer still records');
});

t.test('sign-for: idempotent — given SignForOverdue, when the timer fires again, then nothing', async (t) => {
  given(dispatched, signForOverdue('2025-11-03 12:00')).when(signForTimer(signForDueAt), local('2025-11-03 12:01')).thenNothing(t);
});

t.test('sign-for: given signed for before the due time, when the timer fires, then nothing', async (t) => {
  given(...handling).when(signForTimer(signForDueAt), local('2025-11-03 12:00')).thenNothing(t);
});

t.test('sign-for: a timer for another due time is stale; one firing early is refused', async (t) => {
  given(dispatched).when(signForTimer(iso('2025-11-03 11:00')), local('2025-11-03 12:00')).thenNothing(t);
  given(dispatched).when(signForTimer(signForDueAt), local('2025-11-03 11:59')).thenBroken(t, 'deadline_not_reached');
});

t.test('reply: given not replied, when the timer fires at the due time, then ReplyOverdue; again, nothing', async (t) => {
  given(...handling).when(replyTimer(replyDueAt), local('2025-11-25 00:00')).then(t, [replyOverdue(replyDueAt, '2025-11-25 00:00')]);
  given(...handling, replyOverdue(replyDueAt, '2025-11-25 00:00')).when(replyTimer(replyDueAt), local('2025-11-25 00:01')).thenNothing(t);
  // Never signed for counts too: the reply clock runs from dispatch.
  given(dispatched).when(replyTimer(replyDueAt), local('2025-11-25 00:00')).then(t, [replyOverdue(replyDueAt, '2025-11-25 00:00')]);
});

t.test('reply: given replied before the due time, when the timer fires, then nothing', async (t) => {
  given(...handling, replied('2025-11-24 17:00')).when(replyTimer(replyDueAt), local('2025-11-25 00:00')).thenNothing(t);
  given(...handling, replied('2025-11-24 17:00'), followedUp('2025-11-24 18:00', 'satisfied'))
    .when(replyTimer(replyDueAt), local('2025-11-25 00:00'))
    .thenNothing(t);
});

t.test('reply: early is refused', async (t) => {
  given(...handling).when(replyTimer(replyDueAt), local('2025-11-24 23:59')).thenBroken(t, 'deadline_not_reached');
});

t.test('reply: given the due time moved by an approved extension, the old timer is stale and the new one fires', async (t) => {
  const extended = iso('2025-11-28 00:00');
  const moved = [...handling, extensionRequested('2025-11-10 09:00', 3), extensionApproved('2025-11-11 10:00', replyDueAt, extended, 3)];
  given(...moved).when(replyTimer(replyDueAt), local('2025-11-25 00:00')).thenNothing(t);
  given(...moved).when(replyTimer(extended), local('2025-11-28 00:00')).then(t, [replyOverdue(extended, '2025-11-28 00:00')]);
});

t.test('reply: overdue, then extended (approval after the due time), then overdue again on the new due time', async (t) => {
  const extended = iso('2025-11-28 00:00');
  const history = [
    ...handling,
    extensionRequested('2025-11-24 10:00', 3),
    replyOverdue(replyDueAt, '2025-11-25 00:00'),
    extensionApproved('2025-11-25 10:00', replyDueAt, extended, 3),
  ];
  const state = given(...history).state;
  t.strictSame(state.status === 'handling' && [state.replyOverdueFor, state.replyOverdueCount], [null, 1]);
  given(...history).when(replyTimer(extended), local('2025-11-28 00:00')).then(t, [replyOverdue(extended, '2025-11-28 00:00')]);
  const after = given(...history, replyOverdue(extended, '2025-11-28 00:00')).state;
  t.strictSame(after.status === 'handling' && [after.replyOverdueFor, after.replyOverdueCount], [extended, 2]);
});

t.test('reply: after a redo, the old timer is stale', async (t) => {
  const redone: WorkOrderEvent = {
    type: 'WorkOrderRedoRequested',
    data: {
      by: { kind: 'platform', platformId },
      reason: '重办',
      requestedAt: iso('2025-11-20 10:00'),
      replyDueAt: iso('2025-12-05 18:00'),
      replyDueSource: 'platform',
      calendarVersion: calendar.version,
    },
  };
  given(...handling, replied('2025-11-19 10:00'), followedUp('2025-11-19 12:00', 'dissatisfied'), redone)
    .when(replyTimer(replyDueAt), local('2025-11-25 00:00'))
    .thenNothing(t);
});
