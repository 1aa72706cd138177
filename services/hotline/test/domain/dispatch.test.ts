// 派单: deadlines computed and recorded once, with the limits and calendar version they came from;
// a retried identical dispatch is a no-op, a different one is refused.
import t from 'tap';
import { hotlineRules, type DispatchWorkOrder } from '../../src/domain/index.js';
import { given } from './support/given.js';
import { calendar, dispatchCommand, dispatched, iso, local } from './support/fixtures.js';

const dispatch = (change: Partial<DispatchWorkOrder['data']>): DispatchWorkOrder => ({
  type: 'DispatchWorkOrder',
  data: { ...dispatchCommand.data, ...change },
});

t.test('given nothing, when dispatched, then the deadlines are computed from the dispatch (= receipt) time', async (t) => {
  given().when(dispatchCommand, local('2025-11-03 10:01')).then(t, [dispatched]);
});

t.test('the category sets the reply limit: a consultation (咨询) has 2 working days', async (t) => {
  given()
    .when(dispatch({ category: 'consultation' }), local('2025-11-03 10:01'))
    .then(t, [
      {
        ...dispatched,
        data: {
          ...dispatched.data,
          category: 'consultation',
          replyDueAt: iso('2025-11-06 00:00'),
          limits: { ...dispatched.data.limits, replyWorkingDays: 2 },
        },
      },
    ]);
});

t.test('the limits are configurable per district', async (t) => {
  const district = hotlineRules(calendar, { signForWorkingHours: 4, replyWorkingDays: { complaint: 10 } });
  given()
    .when(dispatchCommand, local('2025-11-03 10:01'), district)
    .then(t, [
      {
        ...dispatched,
        data: {
          ...dispatched.data,
          // 4 office hours from 10:00: 10–12 and 13–15.
          signForDueAt: iso('2025-11-03 15:00'),
          replyDueAt: iso('2025-11-18 00:00'),
          limits: { signForWorkingHours: 4, replyWorkingDays: 10, returnWindowWorkingDays: 2 },
        },
      },
    ]);
});

t.test("the platform's due time wins when it is earlier than the category limit", async (t) => {
  const platformDueAt = local('2025-11-20 18:00');
  given()
    .when(dispatch({ platformDueAt }), local('2025-11-03 10:01'))
    .then(t, [
      {
        ...dispatched,
        data: {
          ...dispatched.data,
          platformDueAt: platformDueAt.toISOString(),
          replyDueAt: platformDueAt.toISOString(),
          replyDueSource: 'platform',
        },
      },
    ]);
});

t.test("a later platform due time does not extend the category limit", async (t) => {
  const platformDueAt = local('2025-12-31 18:00');
  given()
    .when(dispatch({ platformDueAt }), local('2025-11-03 10:01'))
    .then(t, [{ ...dispatched, data: { ...dispatched.data, platformDueAt: platformDueAt.toISOString() } }]);
});

t.test('given dispatched, when the platform delivers the identical dispatch again, then nothing (idempotent retry)', async (t) => {
  given(dispatched).when(dispatchCommand, local('2025-11-03 10:30')).thenNothing(t);
});

t.test('given dispatched, when a different dispatch arrives for it, then already_dispatched', async (t) => {
  given(dispatched).when(dispatch({ content: '另一件事' }), local('2025-11-03 10:30')).thenBroken(t, 'already_dispatched');
  given(dispatched).when(dispatch({ platformDueAt: local('2025-11-20 18:00') }), local('2025-11-03 10:30')).thenBroken(t, 'already_dispatched');
});

t.test('a dispatch without an external order number, or with an invalid time, is refused', async (t) => {
  given().when(dispatch({ externalNumber: '  ' }), local('2025-11-03 10:01')).thenBroken(t, 'external_number_required');
  given().when(dispatch({ dispatchedAt: new Date('not a time') }), local('2025-11-03 10:01')).thenBroken(t, 'invalid_time');
});

t.test('given nothing, commands about the order are refused with not_dispatched', async (t) => {
  const now = local('2025-11-03 11:00');
  given().when({ type: 'SignForWorkOrder', data: { staffId: 'staff-li' } }, now).thenBroken(t, 'not_dispatched');
  given().when({ type: 'ReplyToWorkOrder', data: { staffId: 'staff-li', answer: '答复' } }, now).thenBroken(t, 'not_dispatched');
  given().when({ type: 'RecordReplyOverdue', data: { dueAt: now } }, now).thenBroken(t, 'not_dispatched');
});
