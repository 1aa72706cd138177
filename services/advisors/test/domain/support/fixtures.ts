// One district, one village (东沙村) under one township's judicial office (石楼司法所), two advisors.
// 陈律师 serves the village from 1 January 2026; mid-March the village changes to 林律师 (陈's appointment
// ends on 15 March, 林's starts on the 16th). Times are written in Beijing time as the bureau reads them.
import {
  defaultAdvisorLimits,
  type AdvisorAppointed,
  type Appointment,
  type AppointmentEnded,
  type EntryContent,
  type LedgerContext,
  type LedgerEvent,
  type LogService,
  type ServiceDetails,
} from '../../../src/domain/index.js';

/** An instant from Beijing local time, e.g. local('2026-03-20 10:00'). */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}
export const iso = (dateTime: string) => local(dateTime).toISOString();

export const districtId = 'district-panyu';
export const village = { villageId: 'village-dongsha', judicialOfficeId: 'jo-shilou' };
export const chen = 'advisor-chen';
export const lin = 'advisor-lin';

export const chenAppointed: AdvisorAppointed = {
  type: 'AdvisorAppointed',
  data: { appointmentId: 'appt-chen-2026', advisorId: chen, ...village, from: '2026-01-01', to: '2026-12-31', appointedAt: iso('2025-12-20 09:00') },
};
export const chenEnded: AppointmentEnded = {
  type: 'AppointmentEnded',
  data: { appointmentId: 'appt-chen-2026', endsOn: '2026-03-15', reason: '陈律师调离 / moved to another firm', endedAt: iso('2026-03-10 09:00') },
};
export const linAppointed: AdvisorAppointed = {
  type: 'AdvisorAppointed',
  data: { appointmentId: 'appt-lin-2026', advisorId: lin, ...village, from: '2026-03-16', to: '2026-12-31', appointedAt: iso('2026-03-10 09:05') },
};

const appointment = (event: AdvisorAppointed, endedOn: string | null = null): Appointment => {
  const { appointmentId, advisorId, villageId, from, to } = event.data;
  return { appointmentId, advisorId, villageId, from, to, endedOn, endReason: endedOn ? chenEnded.data.reason : null };
};
/** The village's appointments after the change: 陈 to 15 March, 林 from the 16th. */
export const appointments: Appointment[] = [appointment(chenAppointed, '2026-03-15'), appointment(linAppointed)];

export function ledgerContext(now: string, overrides: Partial<LedgerContext> = {}): LedgerContext {
  return { now: local(now), limits: defaultAdvisorLimits, village, month: '2026-03', appointments, ...overrides };
}

export const consultation: ServiceDetails = {
  advisorId: chen,
  date: '2026-03-05',
  startTime: '09:30',
  type: 'consultation',
  reviewSubject: null,
  durationMinutes: 60,
  mode: 'on_site',
  personsServed: [{ name: '王五', phone: '13800000001' }],
  summary: '土地承包合同纠纷咨询',
  evidence: [],
  legalAidApplicationId: null,
};

export const log = (entryId: string, details: Partial<ServiceDetails> = {}): LogService => ({
  type: 'LogService',
  data: { entryId, villageId: village.villageId, ...consultation, ...details },
});

export const opened: LedgerEvent = { type: 'LedgerMonthOpened', data: { ...village, month: '2026-03' } };

/** The ServiceLogged the decider records for `log(entryId, details)` under the right appointment. */
export function logged(entryId: string, details: Partial<ServiceDetails> = {}, at = '2026-03-20 10:00'): LedgerEvent {
  const d = { ...consultation, ...details };
  const appointmentId = d.advisorId === chen ? 'appt-chen-2026' : 'appt-lin-2026';
  const content: EntryContent = { ...d, appointmentId };
  return { type: 'ServiceLogged', data: { entryId, content, loggedAt: iso(at) } };
}

export const reviewStarted = (at = '2026-03-25 09:00'): LedgerEvent => ({ type: 'MonthReviewStarted', data: { startedAt: iso(at) } });
