// A district's village legal advisors' year (村(社区)法律顾问): the district's register, each village's
// appointment for the year, and each village-month's ledger decided by the advisors' deciders: on-site
// duty (驻点值班) that meets the 8 hours a month in most villages (a few fall short in some months),
// consultations and the other services, the judicial office's review from the 25th, the month-end
// judgement and the approval after the month ends.
import {
  advisorAppointmentsStreamName, advisorLedgerStreamName, advisorLimits, advisorRegisterStreamName, decideAppointments, decideLedger,
  decideRegister, evolveAppointments, evolveLedger, evolveRegister, initialAppointmentsState, initialLedgerState, initialRegisterState,
  onSiteCheck, type AppointmentEvent, type AppointmentsState, type LedgerCommand, type LedgerEvent, type LedgerMonthState, type RegisterEvent,
  type RegisterState, type ServiceType,
} from '@bureau/advisors/domain';
import { advisorLedgerEvents, advisorRegisterEvents, villageAppointmentEvents } from '@bureau/advisors/events';
import type { Actor } from '@bureau/event-store';
import { atLocalTime, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { DistrictPlan } from './organisations.js';
import { nameOf, phoneOf } from './people.js';
import type { Random } from './random.js';
import { minutes, type Day } from './seasonality.js';
import { commandIdOf, StreamBuilder } from './writer.js';

export interface AdvisorCounts {
  advisors: number;
  appointments: number;
  services: number;
  onSiteMinutes: number;
  villageMonthsMet: number;
  villageMonthsShort: number;
  villagesMetEveryMonth: number;
  byType: Partial<Record<ServiceType, number>>;
}

export const emptyAdvisorCounts = (): AdvisorCounts => ({ advisors: 0, appointments: 0, services: 0, onSiteMinutes: 0, villageMonthsMet: 0, villageMonthsShort: 0, villagesMetEveryMonth: 0, byType: {} });

const OTHER: Record<Exclude<ServiceType, 'on_site_duty'>, number> = {
  consultation: 62, mediation: 9, lecture: 7, legal_opinion: 6, review: 8, legal_health_check: 4, legal_aid_referral: 4,
};
const limits = advisorLimits();
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function advisorsYear(input: {
  readonly seed: string; readonly random: Random; readonly days: readonly Day[]; readonly year: number;
  readonly district: DistrictPlan; readonly services: number; readonly calendar: OfficialWorkingCalendar; readonly counts: AdvisorCounts;
}) {
  const { random, district, year, counts } = input;
  const villages = district.townships.flatMap((t) => t.villages.map((v) => ({ ...v, judicialOfficeId: t.judicialOfficeId })));
  const admin: Actor = { id: `${district.bureauId}-administrator`, role: 'administrator', organisation: district.bureauId };
  const start = atLocalTime(`${year}-01-01`, '09:00');
  const advisorIds = Array.from({ length: Math.max(1, Math.ceil(villages.length / 3)) }, (_, i) => `${district.id}-advisor-${pad(i + 1, 3)}`);

  // 名册 and 聘任: on the first day of the year.
  const register = new StreamBuilder<RegisterState, RegisterEvent>(advisorRegisterStreamName(district.id), advisorRegisterEvents, evolveRegister, initialRegisterState());
  advisorIds.forEach((advisorId, i) => {
    const details = { name: nameOf(random), firm: `广东${pad(i % 12 + 1)}律师事务所`, licenceNumber: `1440${pad(random.int(0, 9_999_999_999_999), 13)}`, phone: phoneOf(random) };
    register.run(commandIdOf(input.seed, `${district.id}:register:${advisorId}`), admin, start, (state) =>
      decideRegister({ type: 'RegisterAdvisor', data: { advisorId, ...details } }, state, { now: start, districtId: district.id }));
    counts.advisors += 1;
  });
  const appointments = villages.map((village, i) => {
    const builder = new StreamBuilder<AppointmentsState, AppointmentEvent>(advisorAppointmentsStreamName(village.id), villageAppointmentEvents, evolveAppointments, initialAppointmentsState());
    const advisorId = advisorIds[Math.floor(i / 3)] ?? advisorIds[0]!;
    const at = minutes(start, 30);
    builder.run(commandIdOf(input.seed, `${village.id}:appointment:${year}`), admin, at, (state) => decideAppointments({
      type: 'AppointAdvisor',
      data: { appointmentId: commandIdOf(input.seed, `${village.id}:appointment-id:${year}`), advisorId, villageId: village.id, from: `${year}-01-01`, to: `${year}-12-31` },
    }, state, { now: at, village: { villageId: village.id, judicialOfficeId: village.judicialOfficeId }, advisor: { advisorId, status: 'active' } }));
    counts.appointments += 1;
    return { village, advisorId, builder };
  });

  // The ledgers: two on-site duty sessions a month make the 8 hours; a few villages fall short some months.
  const months = Array.from({ length: 12 }, (_, m) => `${year}-${pad(m + 1)}`);
  const chronicallyShort = new Set(villages.filter(() => random.chance(0.04)).map((v) => v.id));
  const plans = appointments.flatMap(({ village, advisorId }) => months.map((month) => ({
    village, advisorId, month,
    short: chronicallyShort.has(village.id) ? random.chance(0.5) : random.chance(0.01),
    others: 0,
  })));
  const duties = plans.reduce((n, p) => n + (p.short ? 1 : 2), 0);
  let others = Math.max(0, input.services - duties);
  // The other services, spread over village-months (more where people are: a random weight each).
  while (others > 0) {
    const plan = random.pick(plans);
    plan.others += 1;
    others -= 1;
  }
  const workingDaysOf = new Map<string, string[]>();
  for (const day of input.days) if (day.working) workingDaysOf.set(day.date.slice(0, 7), [...(workingDaysOf.get(day.date.slice(0, 7)) ?? []), day.date]);
  let servicesLeft = input.services;
  const metEveryMonth = new Map<string, boolean>();
  const ledgers = plans.map((plan) => {
    const { village, advisorId, month } = plan;
    const context = (now: Date) => ({ now, limits, village: { villageId: village.id, judicialOfficeId: village.judicialOfficeId }, month, appointments: appointmentsOf(village.id) });
    const ledger = new StreamBuilder<LedgerMonthState, LedgerEvent>(advisorLedgerStreamName(village.id, month), advisorLedgerEvents, evolveLedger, initialLedgerState());
    const advisor: Actor = { id: advisorId, role: 'legal_advisor', organisation: district.bureauId };
    const office: Actor = { id: `${village.judicialOfficeId}-staff-1`, role: 'judicial_office_staff', organisation: village.judicialOfficeId };
    const system: Actor = { id: 'advisors-service', role: 'system', organisation: village.judicialOfficeId };
    const run = (key: string, actor: Actor, at: Date, command: LedgerCommand) =>
      ledger.run(commandIdOf(input.seed, `${village.id}:${month}:${key}`), actor, at, (state) => decideLedger(command, state, context(at)));
    const workdays = workingDaysOf.get(month) ?? [`${month}-15`];
    const entries: { date: string; startTime: string; type: ServiceType; duration: number; onSite: boolean }[] = [];
    const dutyCount = Math.min(plan.short ? 1 : 2, servicesLeft);
    for (let d = 0; d < dutyCount; d += 1) {
      entries.push({ date: random.pick(workdays), startTime: d === 0 ? '09:00' : '14:00', type: 'on_site_duty', duration: plan.short ? random.int(150, 300) : random.int(240, 270), onSite: true });
    }
    for (let o = 0; o < plan.others && entries.length < dutyCount + servicesLeft; o += 1) {
      const type = random.weighted(OTHER);
      entries.push({ date: random.pick(workdays), startTime: `${pad(8 + (o % 12))}:${pad((o * 7) % 60)}`, type, duration: type === 'lecture' ? random.int(60, 120) : random.int(20, 90), onSite: !plan.short && random.chance(0.7) });
    }
    servicesLeft -= entries.length;
    entries.sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
    const reviewStarts = atLocalTime(`${month}-26`, '10:00');
    let reviewing = false;
    entries.forEach((e, i) => {
      const loggedAt = atLocalTime(e.date, '19:30');
      if (!reviewing && loggedAt > reviewStarts) {
        run('review-start', office, reviewStarts, { type: 'StartMonthReview', data: {} });
        reviewing = true;
      }
      const people = e.type === 'on_site_duty' || e.type === 'lecture' || e.type === 'review' ? [] : [{ name: nameOf(random), phone: random.chance(0.6) ? phoneOf(random) : null }];
      run(`entry:${i}`, advisor, loggedAt, {
        type: 'LogService',
        data: {
          entryId: commandIdOf(input.seed, `${village.id}:${month}:entry-id:${i}`), villageId: village.id, advisorId, date: e.date, startTime: e.startTime, type: e.type,
          reviewSubject: e.type === 'review' ? random.pick(['village_rules', 'contract', 'collective_assets', 'major_decision'] as const) : null,
          durationMinutes: e.duration, mode: e.onSite ? 'on_site' : 'remote', personsServed: people, summary: `${village.name}${e.type === 'on_site_duty' ? '驻点值班' : '法律服务'}`,
          evidence: [], legalAidApplicationId: null,
        },
      });
      counts.services += 1;
      counts.byType[e.type] = (counts.byType[e.type] ?? 0) + 1;
      if (e.onSite) counts.onSiteMinutes += e.duration;
    });
    if (!reviewing) run('review-start', office, reviewStarts, { type: 'StartMonthReview', data: {} });
    const monthEnd = atLocalTime(nextMonthFirst(month), '00:05');
    run('judgement', system, monthEnd, { type: 'JudgeOnSiteMinimum', data: {} });
    run('approval', office, minutes(atLocalTime(nextMonthFirst(month), '10:00'), 60 * 24 * random.int(1, 4)), { type: 'ApproveMonth', data: {} });
    const met = onSiteCheck(ledger.state, limits.minimumOnSiteHoursPerMonth).outcome === 'met';
    if (met) counts.villageMonthsMet += 1;
    else counts.villageMonthsShort += 1;
    metEveryMonth.set(village.id, (metEveryMonth.get(village.id) ?? true) && met);
    return ledger;
  });
  counts.villagesMetEveryMonth += [...metEveryMonth.values()].filter(Boolean).length;

  function appointmentsOf(villageId: string) {
    const found = appointments.find((a) => a.village.id === villageId)?.builder.state;
    return found?.status === 'kept' ? found.appointments : [];
  }
  return { register, appointments: appointments.map((a) => a.builder), ledgers };
}

function nextMonthFirst(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
}
