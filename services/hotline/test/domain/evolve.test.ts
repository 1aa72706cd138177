// evolve is pure and total: an event that does not apply to the current status, or a type it does not
// know, returns the state unchanged (the same object); replaying a stream never throws.
import t from 'tap';
import {
  evolve,
  foldWorkOrder,
  initialState,
  toWorkOrderEvent,
  workOrderStreamName,
  type WorkOrderEvent,
  type WorkOrderState,
} from '../../src/domain/index.js';
import {
  dispatched,
  extensionApproved,
  extensionRequested,
  followedUp,
  iso,
  replied,
  replyDueAt,
  returnRequested,
  signForDueAt,
  signedFor,
} from './support/fixtures.js';

// JSON as the event store stores it: every event's data must be assignable to it (checked by tsc).
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const storable = (event: WorkOrderEvent): Json => event.data;

const returned: WorkOrderEvent = {
  type: 'WorkOrderReturned',
  data: { by: { kind: 'platform', platformId: 'gz12345' }, requestReason: '不属于本单位职责', reason: null, returnedAt: iso('2025-11-04 10:00') },
};

t.test('given nothing, every event but the dispatch leaves the state unchanged', async (t) => {
  const state = initialState();
  for (const event of [signedFor('2025-11-03 11:00'), replied('2025-11-04 10:00'), returnRequested('2025-11-03 10:30'), returned]) {
    t.equal(evolve(state, event), state, `${event.type} before the dispatch is ignored`);
  }
});

t.test('events that do not apply to the status leave the state unchanged', async (t) => {
  const awaiting = foldWorkOrder([dispatched]);
  t.equal(evolve(awaiting, dispatched), awaiting, 'a second dispatch');
  t.equal(evolve(awaiting, replied('2025-11-04 10:00')), awaiting, 'a reply before sign-for');
  t.equal(evolve(awaiting, followedUp('2025-11-04 10:00', 'satisfied')), awaiting, 'a follow-up before a reply');
  t.equal(evolve(awaiting, extensionRequested('2025-11-04 10:00', 3)), awaiting, 'an extension before sign-for');
  const gone = foldWorkOrder([dispatched, returnRequested('2025-11-03 10:30'), returned]);
  t.equal(evolve(gone, signedFor('2025-11-04 11:00')), gone, 'a sign-for after the return');
  t.equal(evolve(gone, returned), gone, 'a second return');
});

t.test('an event type this decider does not know leaves the state unchanged', async (t) => {
  const state = foldWorkOrder([dispatched, signedFor('2025-11-03 11:00')]);
  // As a newer writer's event would come back from storage: parsed JSON, no type of ours.
  const future: WorkOrderEvent = JSON.parse('{"type":"WorkOrderTranslated","data":{"language":"yue"}}');
  t.equal(evolve(state, future), state);
  t.equal(toWorkOrderEvent({ type: 'WorkOrderTranslated', data: {} }), undefined, 'toWorkOrderEvent drops unknown types');
  t.strictSame(toWorkOrderEvent({ type: dispatched.type, data: dispatched.data }), dispatched);
});

t.test('a replayed history exposes what the read side needs', async (t) => {
  const extended = iso('2025-11-28 00:00');
  const state: WorkOrderState = foldWorkOrder([
    dispatched,
    { type: 'SignForOverdue', data: { by: { kind: 'deadline_timer' }, dueAt: signForDueAt, recordedAt: signForDueAt } },
    signedFor('2025-11-03 13:00'),
    { type: 'WorkOrderAssigned', data: { by: { kind: 'staff', staffId: 'staff-head' }, assigneeStaffId: 'staff-wang', assignedAt: iso('2025-11-03 14:00') } },
    extensionRequested('2025-11-10 09:00', 3),
    extensionApproved('2025-11-11 10:00', replyDueAt, extended, 3),
    { type: 'WorkOrderMerged', data: { by: { kind: 'platform', platformId: 'gz12345' }, externalNumbers: ['GZ2'], mergedAt: iso('2025-11-12 10:00') } },
    replied('2025-11-27 10:00', extended),
  ]);
  t.equal(state.status, 'replied');
  if (state.status !== 'replied') return;
  t.strictSame(
    {
      replyDueAt: state.replyDueAt,
      signForOverdue: state.signForOverdue,
      signedForOnTime: state.signedFor.onTime,
      assignee: state.assigneeStaffId,
      extensionWorkingDaysApproved: state.extensionWorkingDaysApproved,
      merged: state.mergedExternalNumbers,
      lastReply: state.lastReply,
      replyCount: state.replyCount,
    },
    {
      replyDueAt: extended,
      signForOverdue: true,
      signedForOnTime: false,
      assignee: 'staff-wang',
      extensionWorkingDaysApproved: 3,
      merged: ['GZ2'],
      lastReply: { staffId: 'staff-li', repliedAt: iso('2025-11-27 10:00'), onTime: true },
      replyCount: 1,
    },
  );
});

t.test('events are plain JSON and survive a round trip through storage unchanged', async (t) => {
  for (const event of [dispatched, signedFor('2025-11-03 11:00'), extensionApproved('2025-11-11 10:00', replyDueAt, iso('2025-11-28 00:00'), 3), returned]) {
    t.strictSame(JSON.parse(JSON.stringify(storable(event))), event.data, event.type);
  }
});

t.test('one stream per work order, its category free of "-"', async (t) => {
  t.equal(workOrderStreamName('0b7c-42'), 'hotlineWorkOrder-0b7c-42');
});
