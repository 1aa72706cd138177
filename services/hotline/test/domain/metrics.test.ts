// Per-order metric inputs (及时签收率, 按时办结率, 满意率, 解决率, overdue, return rate) and isOverdue.
import t from 'tap';
import { foldWorkOrder, isOverdue, metricInputs, type WorkOrderEvent } from '../../src/domain/index.js';
import { dispatched, followedUp, iso, local, replied, returnRequested, signedFor } from './support/fixtures.js';

const none = {
  dispatched: true,
  signedFor: false,
  signedForOnTime: false,
  replied: false,
  repliedOnTime: false,
  rated: false,
  satisfied: false,
  resolved: false,
  overdue: false,
  returned: false,
};

t.test('nothing dispatched counts for nothing', async (t) => {
  t.strictSame(metricInputs(foldWorkOrder([]), local('2025-11-04 10:00')), { ...none, dispatched: false });
});

t.test('awaiting sign-for: overdue once the sign-for due time has passed', async (t) => {
  const state = foldWorkOrder([dispatched]);
  t.strictSame(metricInputs(state, local('2025-11-03 12:00')), none);
  t.strictSame(metricInputs(state, local('2025-11-03 12:01')), { ...none, overdue: true });
});

t.test('signed for late, replied on time, satisfied and resolved', async (t) => {
  const state = foldWorkOrder([dispatched, signedFor('2025-11-03 14:00'), replied('2025-11-20 10:00'), followedUp('2025-11-21 10:00', 'satisfied')]);
  t.strictSame(metricInputs(state, local('2025-12-01 10:00')), {
    ...none,
    signedFor: true,
    replied: true,
    repliedOnTime: true,
    rated: true,
    satisfied: true,
    resolved: true,
  });
});

t.test('handling past the reply due time is overdue; a replied order no longer is', async (t) => {
  const handling = foldWorkOrder([dispatched, signedFor('2025-11-03 11:00')]);
  t.equal(isOverdue(handling, local('2025-11-24 23:59')), false);
  t.equal(isOverdue(handling, local('2025-11-25 00:01')), true);
  const late: WorkOrderEvent = replied('2025-11-26 10:00');
  const state = foldWorkOrder([dispatched, signedFor('2025-11-03 11:00'), late, followedUp('2025-11-27 10:00', 'dissatisfied')]);
  t.strictSame(metricInputs(state, local('2025-11-28 10:00')), {
    ...none,
    signedFor: true,
    signedForOnTime: true,
    replied: true,
    rated: true,
  });
});

t.test('a returned order counts as returned, never overdue', async (t) => {
  const state = foldWorkOrder([
    dispatched,
    returnRequested('2025-11-03 10:30'),
    { type: 'WorkOrderReturned', data: { by: { kind: 'platform', platformId: 'gz12345' }, requestReason: '不属于本单位职责', reason: null, returnedAt: iso('2025-11-04 10:00') } },
  ]);
  t.strictSame(metricInputs(state, local('2025-12-01 10:00')), { ...none, returned: true });
});
