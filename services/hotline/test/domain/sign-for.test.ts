// 签收: on time or late against signForDueAt (2 working hours); once; not while a return is pending.
import t from 'tap';
import { given } from './support/given.js';
import { clerk, dispatched, iso, local, returnRequested, signForDueAt, signedFor } from './support/fixtures.js';

const signFor = { type: 'SignForWorkOrder', data: { staffId: clerk } } as const;

t.test('given dispatched, when signed for by the due time, then signed for on time', async (t) => {
  given(dispatched)
    .when(signFor, local('2025-11-03 12:00'))
    .then(t, [
      {
        type: 'WorkOrderSignedFor',
        data: { by: { kind: 'staff', staffId: clerk }, signedForAt: iso('2025-11-03 12:00'), signForDueAt, onTime: true },
      },
    ]);
});

t.test('given dispatched, when signed for after the due time, then signed for late', async (t) => {
  given(dispatched)
    .when(signFor, local('2025-11-03 13:30'))
    .then(t, [
      {
        type: 'WorkOrderSignedFor',
        data: { by: { kind: 'staff', staffId: clerk }, signedForAt: iso('2025-11-03 13:30'), signForDueAt, onTime: false },
      },
    ]);
});

t.test('given signed for, when signed for again, then already_signed_for', async (t) => {
  given(dispatched, signedFor('2025-11-03 11:00')).when(signFor, local('2025-11-03 11:05')).thenBroken(t, 'already_signed_for');
});

t.test('given a return pending, when signed for, then return_pending ("not ours" and "ours" at once)', async (t) => {
  given(dispatched, returnRequested('2025-11-03 10:30')).when(signFor, local('2025-11-03 11:00')).thenBroken(t, 'return_pending');
});
