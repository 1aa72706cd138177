// 催办 / 督办 while the order is open; 通报 from the platform, or by the bureau's rule: the 2nd urge
// received while overdue (CONFIGURABLE), once per reply due time.
import t from 'tap';
import { hotlineRules, type UrgeLevel, type WorkOrderCommand, type WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import {
  calendar,
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
const urge = (level: UrgeLevel = 'urge'): WorkOrderCommand => ({ type: 'UrgeWorkOrder', data: { platformId, level, note: null } });
const urged = (at: string, overdue: boolean, level: UrgeLevel = 'urge'): WorkOrderEvent => ({
  type: 'WorkOrderUrged',
  data: { by: { kind: 'platform', platformId }, level, note: null, urgedAt: iso(at), overdue },
});
const ruleNotice = (at: string): WorkOrderEvent => ({
  type: 'WorkOrderNoticeIssued',
  data: {
    by: { kind: 'rule', rule: 'repeated_urging_while_overdue' },
    note: '超期后第2次催办，予以通报 / urged 2 times while overdue',
    issuedAt: iso(at),
  },
});

t.test('given handling within time, when urged, then urged (not overdue), and no notice however often', async (t) => {
  given(...handling).when(urge(), local('2025-11-20 10:00')).then(t, [urged('2025-11-20 10:00', false)]);
  given(...handling, urged('2025-11-20 10:00', false)).when(urge('supervise'), local('2025-11-21 10:00')).then(t, [urged('2025-11-21 10:00', false, 'supervise')]);
});

t.test('not signed for by the sign-for due time counts as overdue', async (t) => {
  given(dispatched).when(urge(), local('2025-11-03 14:00')).then(t, [urged('2025-11-03 14:00', true)]);
});

t.test('given one urge while overdue, when urged again while overdue, then a notice is issued with it', async (t) => {
  given(...handling, urged('2025-11-25 10:00', true))
    .when(urge('supervise'), local('2025-11-26 10:00'))
    .then(t, [urged('2025-11-26 10:00', true, 'supervise'), ruleNotice('2025-11-26 10:00')]);
});

t.test('the notice is issued once: the third urge while overdue only urges', async (t) => {
  given(...handling, urged('2025-11-25 10:00', true), urged('2025-11-26 10:00', true), ruleNotice('2025-11-26 10:00'))
    .when(urge(), local('2025-11-27 10:00'))
    .then(t, [urged('2025-11-27 10:00', true)]);
});

t.test('the count starts again when the due time moves', async (t) => {
  const extended = iso('2025-11-28 00:00');
  given(
    ...handling,
    extensionRequested('2025-11-10 09:00', 3),
    urged('2025-11-10 10:00', false),
    extensionApproved('2025-11-11 10:00', replyDueAt, extended, 3),
    urged('2025-11-28 10:00', true),
  )
    .when(urge(), local('2025-11-29 10:00'))
    .then(t, [urged('2025-11-29 10:00', true), ruleNotice('2025-11-29 10:00')]);
  given(
    ...handling,
    extensionRequested('2025-11-24 09:00', 3),
    urged('2025-11-25 10:00', true),
    extensionApproved('2025-11-25 15:00', replyDueAt, extended, 3),
  )
    .when(urge(), local('2025-11-28 10:00'))
    .then(t, [urged('2025-11-28 10:00', true)], 'the urge before the extension no longer counts');
});

t.test('the rule is configurable, and may be switched off', async (t) => {
  const third = hotlineRules(calendar, { noticeAfterUrgesWhileOverdue: 3 });
  given(...handling, urged('2025-11-25 10:00', true)).when(urge(), local('2025-11-26 10:00'), third).then(t, [urged('2025-11-26 10:00', true)]);
  const off = hotlineRules(calendar, { noticeAfterUrgesWhileOverdue: null });
  given(...handling, urged('2025-11-25 10:00', true)).when(urge(), local('2025-11-26 10:00'), off).then(t, [urged('2025-11-26 10:00', true)]);
});

t.test('given replied, when urged, then already_replied; from another platform, wrong_platform', async (t) => {
  given(...handling, replied('2025-11-20 10:00')).when(urge(), local('2025-11-26 10:00')).thenBroken(t, 'already_replied');
  given(...handling)
    .when({ type: 'UrgeWorkOrder', data: { platformId: 'sz12345', level: 'urge', note: null } }, local('2025-11-26 10:00'))
    .thenBroken(t, 'wrong_platform');
});

t.test('when the platform issues a notice, then it is recorded, also after the reply', async (t) => {
  const notice = { type: 'RecordNoticeIssued', data: { platformId, note: '超期未办结，予以通报' } } as const;
  const recorded: WorkOrderEvent = {
    type: 'WorkOrderNoticeIssued',
    data: { by: { kind: 'platform', platformId }, note: '超期未办结，予以通报', issuedAt: iso('2025-11-27 10:00') },
  };
  given(...handling).when(notice, local('2025-11-27 10:00')).then(t, [recorded]);
  given(...handling, replied('2025-11-26 10:00')).when(notice, local('2025-11-27 10:00')).then(t, [recorded]);
  given(...handling).when({ type: 'RecordNoticeIssued', data: { platformId, note: '' } }, local('2025-11-27 10:00')).thenBroken(t, 'note_required');
  const { state } = given(...handling, recorded, recorded);
  t.equal(state.status === 'handling' && state.noticeCount, 2);
});
