// 市域通办 end to end in the domain (issue 17): received at a Huadu station, competent in Baiyun (Art. 38),
// transferred, reviewed against the clock of the original receipt (Art. 43), approved, assigned within 3
// working days, closed (Art. 50), followed up (Art. 59) and graded; each office acts only while it holds the file.
import t from 'tap';
import { extended, given, historyOf, office, station } from './support/given.js';
import { baiyunCourt, baiyunOffice, huaduOffice, iso, lawyer, local, submit, xinhuaStation } from './support/fixtures.js';

t.test('Arts. 38, 43, 50, 59: received in one district, decided in another on the original receipt\'s clock', async (t) => {
  const baiyun = office(baiyunOffice);
  // Received Friday 26 September 2025 at the Xinhua station. 7 working days: 28 September (Sunday, make-up),
  // 29, 30 September, 9, 10, 11 (Saturday, make-up), 13 October: due at the end of Monday 13 October.
  const received = historyOf({ command: submit({ competenceFacts: baiyunCourt }), now: local('2025-09-26 16:00'), by: station(xinhuaStation) });
  t.match(received[0]?.data, { receivingOrganisationId: xinhuaStation, holderOfficeId: huaduOffice, competence: { competentOfficeId: baiyunOffice }, review: { dueAt: iso('2025-10-14 00:00') } });
  const inBaiyun = extended(
    received,
    { command: { type: 'TransferApplication', data: {} }, now: local('2025-09-28 09:00'), by: office(huaduOffice) },
    { command: { type: 'ReceiveTransferredApplication', data: {} }, now: local('2025-09-30 11:00'), by: baiyun },
  );
  t.match(inBaiyun.at(-1)?.data, { review: { countedFrom: iso('2025-09-26 16:00'), dueAt: iso('2025-10-14 00:00') } }, 'the same due moment after the transfer');
  given(...inBaiyun).when({ type: 'ApproveApplication', data: {} }, local('2025-10-09 10:00'), office(huaduOffice)).thenBroken(t, 'not_competent_office');
  const decided = extended(
    inBaiyun,
    { command: { type: 'RecordEconomicStatus', data: { status: { kind: 'data_sharing', meetsStandard: true, source: '数据共享平台', reference: null } } }, now: local('2025-10-09 09:00'), by: baiyun },
    { command: { type: 'ApproveApplication', data: {} }, now: local('2025-10-13 17:00'), by: baiyun },
  );
  t.match(decided.at(-1)?.data, { onTime: true, assignment: { dueAt: iso('2025-10-17 00:00') } }, 'approved on the last day; 3 working days: 14, 15, 16 October');
  const closed = extended(
    decided,
    { command: { type: 'AssignLawyer', data: { ...lawyer, openCases: [] } }, now: local('2025-10-16 10:00'), by: baiyun },
    { command: { type: 'CloseCase', data: { outcome: 'judgment', summary: '判决支付工资' } }, now: local('2026-03-02 10:00'), by: baiyun },
    { command: { type: 'RecordFollowUp', data: { followUpId: 'fu-1', satisfied: true, note: '满意' } }, now: local('2026-03-10 10:00'), by: baiyun },
    { command: { type: 'ReviewQuality', data: { grade: 'excellent', note: '优秀案卷' } }, now: local('2026-04-01 10:00'), by: baiyun },
  );
  t.strictSame(
    closed.map((e) => e.type),
    [
      'ApplicationSubmitted',
      'ApplicationTransferred',
      'TransferredApplicationReceived',
      'EconomicStatusRecorded',
      'ApplicationApproved',
      'LawyerAssigned',
      'CaseClosed',
      'FollowUpRecorded',
      'QualityReviewed',
    ],
  );
  t.match(given(...closed).state, { status: 'closed', competentOfficeId: baiyunOffice, receivingOrganisationId: xinhuaStation, lawyer: { onTime: true }, quality: { grade: 'excellent' } });
});
