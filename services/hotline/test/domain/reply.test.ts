// 办结 / 答复: after sign-for, once per round, not while a return is pending; on time = by the due time.
import t from 'tap';
import type { WorkOrderCommand } from '../../src/domain/index.js';
import { given } from './support/given.js';
import {
  clerk,
  dispatched,
  extensionApproved,
  extensionRequested,
  iso,
  local,
  replied,
  replyDueAt,
  returnRequested,
  signedFor,
} from './support/fixtures.js';

const reply = (answer = '已核实并答复'): WorkOrderCommand => ({ type: 'ReplyToWorkOrder', data: { staffId: clerk, answer } });
const handling = [dispatched, signedFor('2025-11-03 11:00')];

t.test('given dispatched, when replied before sign-for, then reply_before_sign_for', async (t) => {
  given(dispatched).when(reply(), local('2025-11-04 09:00')).thenBroken(t, 'reply_before_sign_for');
});

t.test('given handling, when replied by the due time, then replied on time', async (t) => {
  const repliedOnTime = replied('2025-11-25 00:00');
  t.equal(repliedOnTime.type === 'WorkOrderReplied' && repliedOnTime.data.onTime, true);
  given(...handling).when(reply(), local('2025-11-25 00:00')).then(t, [repliedOnTime]);
});

t.test('given handling, when replied after the due time, then replied late', async (t) => {
  given(...handling)
    .when(reply(), local('2025-11-25 09:00'))
    .then(t, [
      {
        type: 'WorkOrderReplied',
        data: { by: { kind: 'staff', staffId: clerk }, answer: '已核实并答复', repliedAt: iso('2025-11-25 09:00'), replyDueAt, onTime: false },
      },
    ]);
});

t.test('an approved extension moves the due time the reply is measured against', async (t) => {
  const extended = iso('2025-11-28 00:00');
  given(...handling, extensionRequested('2025-11-10 09:00', 3), extensionApproved('2025-11-11 10:00', replyDueAt, extended, 3))
    .when(reply(), local('2025-11-27 17:00'))
    .then(t, [replied('2025-11-27 17:00', extended)]);
});

t.test('given replied, when replied again, then already_replied', async (t) => {
  given(...handling, replied('2025-11-10 16:00')).when(reply(), local('2025-11-11 09:00')).thenBroken(t, 'already_replied');
});

t.test('given a return pending, when replied, then return_pending (wait for the platform)', async (t) => {
  given(...handling, returnRequested('2025-11-04 09:00')).when(reply(), local('2025-11-04 10:00')).thenBroken(t, 'return_pending');
});

t.test('an empty answer is refused', async (t) => {
  given(...handling).when(reply('  '), local('2025-11-04 10:00')).thenBroken(t, 'reply_required');
});
