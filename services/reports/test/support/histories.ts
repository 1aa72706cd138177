// Small hand-made histories, each decided by its owning service's own decider (the walk-ins written as
// the lead's contract fixes them: that service is not on main yet), in the demo city's organisations.
import { decideLedger, defaultAdvisorLimits, foldLedger, type LedgerEvent, type ServiceDetails } from '@bureau/advisors/domain';
import type { EventToAppend } from '@bureau/event-store';
import { decide as decideWorkOrder, foldWorkOrder, hotlineRules, type WorkOrderCommand, type WorkOrderEvent } from '@bureau/hotline-service/domain';
import { decide as decideLegalAid, foldLegalAid, legalAidRules, type LawyerRegistryState, type LegalAidCommand, type LegalAidEvent, type OfficeDirectory, type SubmitApplication } from '@bureau/legal-aid/domain';
import type { OrganisationKind } from '@bureau/organisations';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';

const calendar = createOfficialWorkingCalendar();
const workOrderRules = hotlineRules(calendar);
const aidRules = legalAidRules(calendar);

/** An instant from Beijing local time, e.g. local('2026-03-02 10:00'). */
export const local = (dateTime: string) => new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);

export const offices: OfficeDirectory = {
  cityOfficeId: 'gz-legal-aid',
  districtOffices: { huadu: 'huadu-legal-aid', baiyun: 'baiyun-legal-aid' },
  stationOffices: { 'huadu-station-xinhua': 'huadu-legal-aid', 'baiyun-station-jingtai': 'baiyun-legal-aid' },
  justiceBureaus: { 'huadu-legal-aid': 'huadu-bureau', 'baiyun-legal-aid': 'baiyun-bureau', 'gz-legal-aid': 'gz-bureau' },
};

export const envelope = (i: number, role: string, organisation: string) => ({
  correlationId: `req-${i}`, causationId: `cmd-${i}`,
  actor: { id: `${role}-1`, role, organisation },
  occurredAt: new Date().toISOString(),
});

// ---- 12345 work orders -------------------------------------------------------------------------
export type OrderStep = { command: WorkOrderCommand; now: Date };
export function workOrderHistory(steps: readonly OrderStep[]): WorkOrderEvent[] {
  const events: WorkOrderEvent[] = [];
  for (const { command, now } of steps) events.push(...decideWorkOrder(command, foldWorkOrder(events), { now, rules: workOrderRules }));
  return events;
}

export const dispatch = (workOrderId: string, at: Date, owner = 'huadu-plsc', category: 'consultation' | 'complaint' = 'consultation'): OrderStep => ({
  command: {
    type: 'DispatchWorkOrder',
    data: { workOrderId, platformId: 'gz12345', owner, externalNumber: `GZ-${workOrderId}`, category, unitRole: 'lead', citizen: { name: '张三', phone: '13800000000' }, content: '咨询劳动争议', dispatchedAt: at, platformDueAt: null },
  },
  now: at,
});
export const signFor = (at: Date): OrderStep => ({ command: { type: 'SignForWorkOrder', data: { staffId: 'staff-li' } }, now: at });
export const reply = (at: Date): OrderStep => ({ command: { type: 'ReplyToWorkOrder', data: { staffId: 'staff-li', answer: '已答复' } }, now: at });
export const followUp = (at: Date, satisfaction: 'satisfied' | 'dissatisfied', resolved: boolean): OrderStep => ({
  command: {
    type: 'RecordFollowUpResult',
    data: { platformId: 'gz12345', result: satisfaction === 'satisfied' ? { satisfaction, resolved, comment: null } : { satisfaction, resolved, causedByUnit: false, comment: null } },
  },
  now: at,
});

// ---- legal aid ---------------------------------------------------------------------------------
export type AidStep = { command: LegalAidCommand; now: Date; by?: { id: string; kind: OrganisationKind } };
export function legalAidHistory(steps: readonly AidStep[]): LegalAidEvent[] {
  const events: LegalAidEvent[] = [];
  for (const { command, now, by } of steps) {
    events.push(...decideLegalAid(command, foldLegalAid(events), { now, rules: aidRules, organisation: by ?? { id: 'huadu-legal-aid', kind: 'legal_aid_office' }, offices }));
  }
  return events;
}

export function submit(applicationId: string, change: Partial<SubmitApplication['data']> = {}): SubmitApplication {
  return {
    type: 'SubmitApplication',
    data: {
      applicationId,
      applicationNumber: `花法援申〔2026〕${applicationId}号`,
      channel: { kind: 'counter' },
      applicant: { name: '张三', document: { type: 'resident_id', number: '440114198503151233' }, birthDate: null, phone: '13800138000', address: '花都区新华街道', groups: [] },
      recipient: null,
      applicantRelation: 'self',
      matterType: 'employment_or_wages',
      aidForm: 'labour_dispute_representation',
      opposingParty: '某建筑劳务有限公司',
      courtOrAuthority: '花都区人民法院',
      summary: '追讨拖欠工资',
      documents: [],
      competenceFacts: { kind: 'litigation', caseAuthority: '花都区人民法院', authoritySits: { districtId: 'huadu' } },
      applicantChoice: null,
      openApplications: [],
      ...change,
    },
  };
}
export const pledge = (at: Date): AidStep => ({ command: { type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: at } } }, now: at });
export const approve = (at: Date): AidStep => ({ command: { type: 'ApproveApplication', data: {} }, now: at });
export const refuse = (at: Date): AidStep => ({ command: { type: 'RefuseApplication', data: { reasons: '不属于法律援助范围' } }, now: at });
/** The district's lawyer registry as the assignment route reads it: one lawyer, practising since 2015. */
const lawyerRegistry: LawyerRegistryState = {
  status: 'kept',
  districtId: 'huadu',
  lawyers: [{ lawyerId: 'lawyer-chen', name: '陈律师', licenceNumber: '14401201510000001', firmId: 'firm-zhengyi', firmName: '广东正义律师事务所', relevantPracticeSince: '2015-06-01', specialties: [], active: true, deactivatedReason: null }],
};
export const assign = (at: Date): AidStep => ({ command: { type: 'AssignLawyer', data: { lawyerId: 'lawyer-chen', registry: lawyerRegistry, openCases: [] } }, now: at });
export const review = (at: Date, grade: 'excellent' | 'good' | 'pass' | 'fail'): AidStep => ({ command: { type: 'ReviewQuality', data: { grade, note: '评估' } }, now: at });
export const notification = (caseId: string, at: Date, officeId = 'huadu-legal-aid'): AidStep => ({
  command: {
    type: 'ReceiveNotification',
    data: {
      caseId,
      notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: officeId.startsWith('baiyun') ? 'baiyun' : 'huadu' } },
      ground: 'blind_deaf_or_mute', capitalCase: false,
      defendant: { name: '某乙', document: { type: 'unknown', note: '自称姓名' }, birthDate: null, phone: null, address: null, groups: ['disabled'] },
      charge: '盗窃罪',
    },
  },
  now: at,
  by: { id: officeId, kind: 'legal_aid_office' },
});

// ---- advisors' ledgers -------------------------------------------------------------------------
export const villages = {
  sanhua: { villageId: 'huadu-xinhua-sanhua', judicialOfficeId: 'huadu-xinhua-so' },
  xinjie: { villageId: 'huadu-xinhua-xinjie', judicialOfficeId: 'huadu-xinhua-so' },
  jingtai: { villageId: 'baiyun-jingtai-v1', judicialOfficeId: 'baiyun-jingtai-so' },
} as const;

export function ledgerHistory(village: { villageId: string; judicialOfficeId: string }, month: string, entries: readonly { entryId: string; date: string; minutes: number; type?: ServiceDetails['type']; mode?: ServiceDetails['mode']; startTime?: string }[], now: Date, history: LedgerEvent[] = []): LedgerEvent[] {
  const events = [...history];
  const appointments = [{ appointmentId: `appt-${village.villageId}`, advisorId: `adv-${village.villageId}`, villageId: village.villageId, from: '2026-01-01', to: '2026-12-31', endedOn: null, endReason: null }];
  for (const e of entries) {
    const details: ServiceDetails = {
      advisorId: `adv-${village.villageId}`, date: e.date, startTime: e.startTime ?? '09:00', type: e.type ?? 'on_site_duty', reviewSubject: null,
      durationMinutes: e.minutes, mode: e.mode ?? 'on_site', personsServed: [], summary: '驻点值班', evidence: [], legalAidApplicationId: null,
    };
    events.push(...decideLedger({ type: 'LogService', data: { entryId: e.entryId, villageId: village.villageId, ...details } }, foldLedger(events), { now, limits: defaultAdvisorLimits, village, month, appointments }));
  }
  return events;
}
export function voidEntry(village: { villageId: string; judicialOfficeId: string }, month: string, history: LedgerEvent[], entryId: string, now: Date): LedgerEvent[] {
  const appointments = [{ appointmentId: `appt-${village.villageId}`, advisorId: `adv-${village.villageId}`, villageId: village.villageId, from: '2026-01-01', to: '2026-12-31', endedOn: null, endReason: null }];
  return decideLedger({ type: 'VoidEntry', data: { entryId, reason: '重复登记' } }, foldLedger(history), { now, limits: defaultAdvisorLimits, village, month, appointments });
}

// ---- walk-ins (the contract) -------------------------------------------------------------------
export function walkIn(consultationId: string, placeId: string, districtId: string, occurredAt: Date, persons: number, topic = 'labour', answer = 'answered_on_the_spot'): EventToAppend {
  return {
    id: crypto.randomUUID(),
    type: 'WalkInConsultationRecorded',
    data: { consultationId, placeId, districtId, occurredAt: occurredAt.toISOString(), persons, topic, answer },
    metadata: { schemaVersion: 1, ...envelope(0, 'legal_aid_clerk', placeId) },
  };
}
export const walkInVoided = (consultationId: string): EventToAppend => ({
  id: crypto.randomUUID(), type: 'WalkInConsultationVoided', data: { consultationId, reason: '重复录入' }, metadata: { schemaVersion: 1, ...envelope(0, 'legal_aid_clerk', 'x') },
});
export const closeCase = (at: Date): AidStep => ({ command: { type: 'CloseCase', data: { outcome: 'judgment', summary: '胜诉' } }, now: at });
