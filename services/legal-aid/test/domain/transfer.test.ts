// 市域通办 and Art. 38: received at any station, transferred to the competent office, which reviews as
// if it had received the application directly: its clock counts from the ORIGINAL receipt.
import t from 'tap';
import { legalAidRules } from '../../src/domain/index.js';
import { extended, given, historyOf, office } from './support/given.js';
import { baiyunCourt, baiyunOffice, calendar, cityOffice, huaduOffice, iso, local, receivedAt, reviewDueAt, submit } from './support/fixtures.js';

const receivedInHuaduForBaiyun = () => historyOf({ command: submit({ competenceFacts: baiyunCourt }), now: receivedAt, by: office(huaduOffice) });
const transfer = { type: 'TransferApplication', data: {} } as const;
const receive = { type: 'ReceiveTransferredApplication', data: {} } as const;

t.test('Art. 38: a file whose competent office is another district\'s is transferred, and received there on the original clock', async (t) => {
  const submitted = receivedInHuaduForBaiyun();
  t.match(submitted[0]?.data, { holderOfficeId: huaduOffice, competence: { competentOfficeId: baiyunOffice } });
  given(...submitted)
    .when(transfer, local('2025-11-04 09:00'), office(huaduOffice))
    .then(t, [{ type: 'ApplicationTransferred', data: { fromOfficeId: huaduOffice, toOfficeId: baiyunOffice, transferredAt: iso('2025-11-04 09:00') } }]);
  given().when(transfer, local('2025-11-04 09:00'), office(huaduOffice)).thenBroken(t, 'not_found');
  const history = extended(submitted, { command: transfer, now: local('2025-11-04 09:00'), by: office(huaduOffice) });
  // Received two days later: the review is still due 7 working days after the ORIGINAL receipt.
  given(...history)
    .when(receive, local('2025-11-06 10:00'), office(baiyunOffice))
    .thenOne(t, 'TransferredApplicationReceived', {
      officeId: baiyunOffice,
      receivedAt: iso('2025-11-06 10:00'),
      review: { countedFrom: receivedAt.toISOString(), dueAt: reviewDueAt },
    });
});

t.test('Art. 38: the receiving office cannot decide a file it is not competent for; the competent one not before it arrives', async (t) => {
  const submitted = receivedInHuaduForBaiyun();
  given(...submitted).when({ type: 'ApproveApplication', data: {} }, local('2025-11-04 09:00'), office(huaduOffice)).thenBroken(t, 'not_competent_office');
  given(...submitted).when({ type: 'ApproveApplication', data: {} }, local('2025-11-04 09:00'), office(baiyunOffice)).thenBroken(t, 'not_holding_office');
  const transferred = [...submitted, ...given(...submitted).when(transfer, local('2025-11-04 09:00'), office(huaduOffice)).run()];
  given(...transferred).when({ type: 'RequestMaterials', data: { items: ['身份证复印件'] } }, local('2025-11-05 09:00'), office(baiyunOffice)).thenBroken(t, 'not_holding_office');
  given(...transferred).when(receive, local('2025-11-05 09:00'), office(cityOffice)).thenBroken(t, 'not_transfer_target');
  given(...transferred).when(transfer, local('2025-11-05 09:00'), office(huaduOffice)).thenBroken(t, 'not_holding_office');
});

t.test('Art. 43: a review that went overdue while in transit is recorded overdue once, not again on receipt', async (t) => {
  const overdueInTransit = extended(
    receivedInHuaduForBaiyun(),
    { command: transfer, now: local('2025-11-04 09:00'), by: office(huaduOffice) },
    { command: { type: 'RecordReviewOverdue', data: { dueAt: new Date(reviewDueAt) } }, now: local('2025-11-13 00:00') },
    { command: receive, now: local('2025-11-14 09:00'), by: office(baiyunOffice) },
  );
  t.strictSame(overdueInTransit.map((e) => e.type), ['ApplicationSubmitted', 'ApplicationTransferred', 'ReviewOverdue', 'TransferredApplicationReceived']);
  given(...overdueInTransit).when({ type: 'RecordReviewOverdue', data: { dueAt: new Date(reviewDueAt) } }, local('2025-11-14 09:01')).thenNothing(t);
});

t.test('Art. 38: no transfer when the receiving office is competent', async (t) => {
  const submitted = historyOf({ command: submit(), now: receivedAt });
  given(...submitted).when(transfer, local('2025-11-04 09:00')).thenBroken(t, 'transfer_not_needed');
});

t.test('Art. 38: the receiving office reviews on its own limit, still from the original receipt', async (t) => {
  const submitted = receivedInHuaduForBaiyun();
  const history = [...submitted, ...given(...submitted).when(transfer, local('2025-11-04 09:00'), office(huaduOffice)).run()];
  const baiyunRules = legalAidRules(calendar, { review: { unit: 'working_days', amount: 5 } });
  given(...history)
    .when(receive, local('2025-11-05 09:00'), office(baiyunOffice), baiyunRules)
    .thenOne(t, 'TransferredApplicationReceived', { review: { amount: 5, countedFrom: receivedAt.toISOString(), dueAt: iso('2025-11-11 00:00') } });
});

t.test('Art. 38: a supervisor overrides the proposed office with a reason, then the file goes there', async (t) => {
  const submitted = historyOf({ command: submit(), now: receivedAt });
  const override = (reason: string) => ({ type: 'OverrideCompetence', data: { competentOfficeId: cityOffice, reason } }) as const;
  given(...submitted).when(override(' '), local('2025-11-03 11:00')).thenBroken(t, 'text_required');
  given(...submitted)
    .when(override('涉外案件由市法律援助中心办理'), local('2025-11-03 11:00'))
    .then(t, [
      {
        type: 'CompetenceOverridden',
        data: { previousOfficeId: huaduOffice, competentOfficeId: cityOffice, reason: '涉外案件由市法律援助中心办理', overriddenAt: iso('2025-11-03 11:00') },
      },
    ]);
  const overridden = [...submitted, ...given(...submitted).when(override('涉外案件由市法律援助中心办理'), local('2025-11-03 11:00')).run()];
  given(...overridden).when(override('again'), local('2025-11-03 11:00')).thenBroken(t, 'override_same_office');
  given(...overridden)
    .when(transfer, local('2025-11-03 14:00'))
    .thenOne(t, 'ApplicationTransferred', { fromOfficeId: huaduOffice, toOfficeId: cityOffice });
  given(...submitted)
    .when({ type: 'OverrideCompetence', data: { competentOfficeId: 'org-unknown', reason: 'x' } }, local('2025-11-03 11:00'))
    .thenBroken(t, 'no_competent_office');
});
