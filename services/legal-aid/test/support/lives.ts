// Whole lives of legal-aid files, decided step by step, that between them record every event type once at
// least: for the event registry's round trip and the timer rules' fold.
import { extended, historyOf, office, station } from '../domain/support/given.js';
import { baiyunBureau, baiyunCourt, baiyunOffice, huaduBureau, juniorLawyer, lawyer, local, submit, xinhuaStation } from '../domain/support/fixtures.js';

const bureau = { id: huaduBureau, kind: 'justice_bureau' as const };
const baiyun = { id: baiyunBureau, kind: 'justice_bureau' as const };
const pledge = (at: string) => ({ type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: local(at) } } }) as const;
const assign = { type: 'AssignLawyer', data: { ...lawyer, openCases: [] } } as const;

/** Custody application announced, late, with materials, preliminary aid, approval, termination corrected, closed and graded. */
export const custodyLife = () =>
  historyOf(
    { command: { type: 'AnnounceCustodyApplication', data: { applicationId: 'app-1', forwardingAuthority: '花都区看守所', receivedByAuthorityAt: local('2025-09-24 08:00') } }, now: local('2025-09-24 09:00') },
    { command: { type: 'RecordCustodyForwardingOverdue', data: { dueAt: local('2025-09-25 08:00') } }, now: local('2025-09-25 08:00') },
    { command: submit({ applicationId: 'app-1', channel: { kind: 'custody_forwarding', forwardingAuthority: '花都区看守所', receivedByAuthorityAt: local('2025-09-24 08:00') } }), now: local('2025-09-25 10:00') },
    { command: { type: 'RequestMaterials', data: { items: ['身份证明', '欠薪证据'] } }, now: local('2025-09-29 15:00') },
    { command: { type: 'SupplyMaterials', data: { items: ['身份证明', '欠薪证据'] } }, now: local('2025-10-09 10:00') },
    { command: pledge('2025-10-09 10:30'), now: local('2025-10-09 10:30') },
    { command: { type: 'DecidePreliminaryAid', data: { ground: { kind: 'preservation_needed', what: 'property' } } }, now: local('2025-10-09 11:00') },
    { command: assign, now: local('2025-10-09 14:00') },
    { command: { type: 'ApproveApplication', data: {} }, now: local('2025-10-10 10:00') },
    { command: { type: 'TerminateAid', data: { ground: 'recipient_request', basis: 'lawyer_report', explanation: '受援人要求终止' } }, now: local('2025-11-03 10:00') },
    { command: { type: 'FileObjection', data: { grounds: '并未要求终止' } }, now: local('2025-11-04 10:00'), by: bureau },
    { command: { type: 'RecordObjectionDecisionOverdue', data: { dueAt: local('2025-11-12 00:00') } }, now: local('2025-11-12 00:00') },
    { command: { type: 'OrderCorrection', data: { reasons: '终止决定有误' } }, now: local('2025-11-12 10:00'), by: bureau },
    { command: { type: 'CloseCase', data: { outcome: 'judgment', summary: '胜诉' } }, now: local('2026-01-10 10:00') },
    { command: { type: 'RecordFollowUp', data: { followUpId: 'fu-1', satisfied: true, note: '满意' } }, now: local('2026-01-15 10:00') },
    { command: { type: 'ReviewQuality', data: { grade: 'good', note: '规范' } }, now: local('2026-02-01 10:00') },
  );

/** Taken at a station, overridden, transferred, received, overdue, refused, objection upheld. */
export const transferLife = () =>
  historyOf(
    { command: submit({ applicationId: 'app-2' }), now: local('2025-11-03 10:00'), by: station(xinhuaStation) },
    { command: { type: 'OverrideCompetence', data: { competentOfficeId: baiyunOffice, reason: '争议发生地在白云区' } }, now: local('2025-11-03 11:00') },
    { command: { type: 'TransferApplication', data: {} }, now: local('2025-11-03 15:00') },
    { command: { type: 'ReceiveTransferredApplication', data: {} }, now: local('2025-11-05 09:00'), by: office(baiyunOffice) },
    { command: { type: 'RecordReviewOverdue', data: { dueAt: local('2025-11-13 00:00') } }, now: local('2025-11-13 00:00') },
    { command: { type: 'RefuseApplication', data: { reasons: '不属于法律援助范围' } }, now: local('2025-11-14 10:00'), by: office(baiyunOffice) },
    { command: { type: 'FileObjection', data: { grounds: '属于追索劳动报酬' } }, now: local('2025-11-17 10:00'), by: baiyun },
    { command: { type: 'UpholdDecision', data: { reasons: '原决定正确' } }, now: local('2025-11-18 10:00'), by: baiyun },
  );

/** A notified case: overdue assignment, an experienced lawyer, the authority informed. */
export const notifiedLife = () =>
  historyOf(
    {
      command: {
        type: 'ReceiveNotification',
        data: {
          caseId: 'case-3',
          notifyingAuthority: { kind: 'procuratorate', name: '花都区人民检察院', sits: { districtId: 'org-huadu' } },
          ground: 'blind_deaf_or_mute',
          capitalCase: false,
          defendant: { name: '某乙', document: { type: 'unknown', note: '自称姓名' }, birthDate: null, phone: null, address: null, groups: ['disabled'] },
          charge: '诈骗罪',
        },
      },
      now: local('2025-11-03 09:00'),
    },
    { command: { type: 'RecordAssignmentOverdue', data: { dueAt: local('2025-11-07 00:00') } }, now: local('2025-11-07 00:00') },
    { command: { type: 'AssignLawyer', data: { ...juniorLawyer, openCases: [] } }, now: local('2025-11-07 09:00') },
    { command: { type: 'RecordAuthorityInformed', data: { method: '电话并送达通知书' } }, now: local('2025-11-07 10:00') },
  );

/** Materials never supplied: deemed withdrawn. */
export const deemedWithdrawnLife = () =>
  historyOf(
    { command: submit({ applicationId: 'app-4' }), now: local('2025-11-03 10:00') },
    { command: { type: 'RequestMaterials', data: { items: ['户口簿'] } }, now: local('2025-11-04 10:00') },
    { command: { type: 'RecordDeemedWithdrawn', data: { dueAt: local('2025-11-26 00:00') } }, now: local('2025-11-26 00:00') },
  );

/** Withdrawn by the applicant, taken in Baiyun for Baiyun. */
export const withdrawnLife = () =>
  extended(historyOf({ command: submit({ applicationId: 'app-5', competenceFacts: baiyunCourt }), now: local('2025-11-03 10:00'), by: office(baiyunOffice) }), {
    command: { type: 'WithdrawApplication', data: { reason: '已和解' } },
    now: local('2025-11-04 10:00'),
    by: office(baiyunOffice),
  });
