// A district's legal-aid year (法律援助): applications received at its stations and office, numbered
// through the district's numbering stream the way the service numbers them (the allocation, carrying the
// receipt, then the application's stream), decided by the legal-aid decider command by command: most
// approved and assigned a lawyer, some refused, some with materials requested (a few then deemed
// withdrawn), a green-channel share of about a third, some transferred to the partner district (市域通办),
// and the earlier cases closed, some of them graded in the quality review.
import type { Actor, EventStore } from '@bureau/event-store';
import { formatApplicationNumber, DEFAULT_NUMBER_PATTERN } from '@bureau/legal-aid/application-number';
import {
  decide, evolve, initialState, legalAidStreamName,
  type ActingOrganisation, type AidForm, type CompetenceFacts, type LegalAidCommand, type LegalAidEvent, type LegalAidRules, type LegalAidState,
  type MatterType, type OfficeDirectory, type LawyerRegistryState,
} from '@bureau/legal-aid/domain';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { numberingEvents, numberingStreamName, type NumberingEvent } from '@bureau/legal-aid/numbering-events';
import type { Person, PersonGroup } from '@bureau/person-schemas';
import { COMMAND_EVENT_NAMESPACE, commandEventId, uuidV5 } from '@bureau/service-kit';
import { localDateOf } from '@bureau/working-calendar';
import { someLawyer } from './lawyers.js';
import type { DistrictPlan } from './organisations.js';
import { personOf } from './people.js';
import type { Random } from './random.js';
import { minutes, spread, timeOn, type Day } from './seasonality.js';
import { commandIdOf, StreamBuilder } from './writer.js';

export interface LegalAidCounts {
  applications: number;
  greenChannel: number;
  transferredOut: number;
  materialsRequested: number;
  approved: number;
  refused: number;
  withdrawn: number;
  deemedWithdrawn: number;
  lawyersAssigned: number;
  closed: number;
  qualityReviewed: number;
  qualityExcellentOrGood: number;
  /** 通知辩护: cases a court, procuratorate or the police notified (no application, no review). */
  notified: number;
  notifiedAssigned: number;
}

export const emptyLegalAidCounts = (): LegalAidCounts => ({
  applications: 0, greenChannel: 0, transferredOut: 0, materialsRequested: 0, approved: 0, refused: 0, withdrawn: 0,
  deemedWithdrawn: 0, lawyersAssigned: 0, closed: 0, qualityReviewed: 0, qualityExcellentOrGood: 0, notified: 0, notifiedAssigned: 0,
});

export interface LegalAidYearInput {
  readonly seed: string;
  readonly random: Random;
  readonly days: readonly Day[];
  readonly year: number;
  readonly district: DistrictPlan;
  /** The district that 市域通办 transfers go to. */
  readonly partner: DistrictPlan;
  readonly applications: number;
  readonly rules: LegalAidRules;
  readonly offices: OfficeDirectory;
  /** Each district's lawyer registry as it stands (assignments take their lawyers from it). */
  readonly registryOf: (districtId: string) => LawyerRegistryState;
  /** Counts of the partner district's decisions on files transferred to it are its own. */
  readonly countsOf: (districtId: string) => LegalAidCounts;
}

type Builder = StreamBuilder<LegalAidState, LegalAidEvent>;

/** The legal-aid service's deadline timers, as their envelope names them (services/legal-aid/src/timers/deadline-timers.ts). */
const TIMER: Actor = { id: 'legal-aid-deadline-timer', role: 'system', organisation: 'legal-aid-service' };

const MATTERS: Record<MatterType, number> = {
  employment_or_wages: 30, personal_injury: 14, support_payment: 12, criminal_defence: 10, social_insurance_or_assistance: 7,
  other_civil_administrative: 12, criminal_victim: 3, survivor_pension: 2, state_compensation: 1, incapacity_declaration: 2,
  environmental_damage: 1, appeal_or_retrial: 6,
};
const formOf = (matter: MatterType): AidForm =>
  matter === 'criminal_defence' || matter === 'criminal_victim' ? 'criminal_defence_or_representation'
    : matter === 'employment_or_wages' ? 'labour_dispute_representation' : 'civil_administrative_representation';
const LITIGATION: readonly MatterType[] = ['criminal_defence', 'criminal_victim', 'personal_injury', 'appeal_or_retrial', 'state_compensation'];

/** Writes the district's applications; returns the builders to flush (numbering first). */
export function legalAidYear(input: LegalAidYearInput): { numbering: StreamBuilder<null, NumberingEvent>; files: Builder[] } {
  const { random, district, partner, rules, offices, year } = input;
  const dates = spread(input.days, input.applications, 0.04);
  const received = dates.map((date) => timeOn(random, date, '08:45', '17:00')).sort((a, b) => a.getTime() - b.getTime());
  const numbering = new StreamBuilder<null, NumberingEvent>(numberingStreamName(district.id, year), numberingEvents, () => null, null);
  const shortName = Array.from(district.name)[0] ?? district.id;
  const files: Builder[] = [];
  const own = input.countsOf(district.id);
  const office = (id: string): ActingOrganisation => ({ id, kind: 'legal_aid_office' });
  const staff = (org: string, role: string): Actor => ({ id: `${org}-${role}-${random.int(1, 3)}`, role, organisation: org });

  received.forEach((receivedAt, index) => {
    const key = `${district.id}:${year}:application:${index}`;
    const atStation = random.chance(0.7);
    const receivingId = atStation ? random.pick(district.stationIds) : district.officeId;
    const receiving: ActingOrganisation = atStation ? { id: receivingId, kind: 'legal_aid_station' } : office(district.officeId);
    const transfer = partner.id !== district.id && random.chance(0.03);
    const competentDistrict = transfer ? partner : district;
    const counts = input.countsOf(competentDistrict.id);
    const green = random.weighted({ none: 64, migrant: 14, elderly: 11, disabled: 6, minor: 5 });
    let matter: MatterType = green === 'migrant' ? 'employment_or_wages' : random.weighted(MATTERS);
    if (green === 'minor' && matter === 'criminal_defence') matter = 'support_payment';
    const groups: PersonGroup[] = green === 'migrant' ? ['migrant_worker'] : green === 'elderly' ? ['elderly'] : green === 'disabled' ? ['disabled'] : [];
    const address = `${district.name}${random.pick(district.townships).id.slice(-3)}号`;
    const applicant: Person = green === 'elderly' ? personOf(random, year - 85, year - 61, groups, address) : personOf(random, year - 60, year - 19, groups, address);
    const recipient: Person | null = green === 'minor' ? personOf(random, year - 16, year - 3, ['minor'], address) : null;
    const facts: CompetenceFacts = LITIGATION.includes(matter)
      ? { kind: 'litigation', caseAuthority: `${competentDistrict.name}人民法院`, authoritySits: { districtId: competentDistrict.id } }
      : { kind: 'non_litigation', disputeAuthority: null, disputeAuthoritySits: null, matterAroseIn: { districtId: competentDistrict.id } };

    // The route's own derivation of the file's id from the submission's commandId.
    const submitId = commandIdOf(input.seed, `${key}:submit`);
    const applicationId = uuidV5(`legal-aid-application:${submitId}`, COMMAND_EVENT_NAMESPACE);
    const sequence = index + 1;
    const applicationNumber = formatApplicationNumber(DEFAULT_NUMBER_PATTERN, { district: shortName, year, sequence });
    const file: Builder = new StreamBuilder(legalAidStreamName(applicationId), legalAidEvents, evolve, initialState());
    const run = (name: string, actor: Actor, at: Date, organisation: ActingOrganisation, command: LegalAidCommand) =>
      file.run(commandIdOf(input.seed, `${key}:${name}`), actor, at, (state) => decide(command, state, { now: at, rules, organisation, offices }));

    // 受理, as the service decides it: the receipt first, then the number with it, then the file from the number.
    const clerk = atStation ? staff(receivingId, 'station_clerk') : staff(district.officeId, 'legal_aid_reviewer');
    const submitted = decide({
      type: 'SubmitApplication',
      data: {
        applicationId, applicationNumber, channel: random.chance(0.85) ? { kind: 'counter' } : { kind: 'online' }, applicant, recipient,
        applicantRelation: recipient ? 'legal_representative' : 'self', matterType: matter, aidForm: formOf(matter),
        opposingParty: matter === 'criminal_defence' ? null : `${random.pick(['某某', '某'])}${random.pick(['建筑有限公司', '物业公司', '运输公司', '个人'])}`,
        courtOrAuthority: facts.kind === 'litigation' ? facts.caseAuthority : null, summary: `${matter} 申请法律援助`, documents: [],
        competenceFacts: facts, applicantChoice: null, openApplications: [],
      },
    }, initialState(), { now: receivedAt, rules, organisation: receiving, offices });
    const receipt = submitted[0];
    if (receipt?.type !== 'ApplicationSubmitted') throw new Error('the decider did not record the receipt');
    numbering.push(numberingEvents.toAppend({
      type: 'ApplicationNumberAllocated',
      data: {
        sequence, applicationNumber, applicationId, commandId: submitId, commandDigest: null, correlationId: submitId,
        actor: { id: clerk.id, role: clerk.role, organisation: clerk.organisation }, submitted: receipt.data,
      },
    }, { id: commandEventId(`application-number:${submitId}`, 0), envelope: { correlationId: submitId, causationId: submitId, actor: clerk, occurredAt: receipt.data.receivedAt } }), 'ApplicationNumberAllocated');
    file.run(submitId, clerk, receivedAt, () => submitted);
    own.applications += 1;
    const isGreen = receipt.data.greenChannel.length > 0;
    if (isGreen) own.greenChannel += 1;

    // 市域通办: the receiving office sends the file on; the competent office reviews it from the original receipt.
    let t = minutes(receivedAt, random.int(20, 90));
    const competent = office(competentDistrict.officeId);
    if (transfer) {
      run('transfer', staff(district.officeId, 'legal_aid_reviewer'), t, office(district.officeId), { type: 'TransferApplication', data: {} });
      own.transferredOut += 1;
      t = nextWorkingTime(random, rules, t, 1);
      run('transfer-receipt', staff(competentDistrict.officeId, 'legal_aid_reviewer'), t, competent, { type: 'ReceiveTransferredApplication', data: {} });
    }
    const reviewer = staff(competentDistrict.officeId, 'legal_aid_reviewer');
    const head = staff(competentDistrict.officeId, 'legal_aid_head');

    if (random.chance(0.02)) {
      run('withdrawal', reviewer, minutes(t, 60), competent, { type: 'WithdrawApplication', data: { reason: '申请人已与对方和解' } });
      counts.withdrawn += 1;
      files.push(file);
      return;
    }
    // 一次性告知: the missing materials at once; most come in, a few never do (视为撤回).
    if (!isGreen && random.chance(0.09)) {
      t = minutes(t, random.int(30, 240));
      const [requested] = run('materials-request', reviewer, t, competent, { type: 'RequestMaterials', data: { items: ['劳动合同或工资凭证', '经济困难证明'] } });
      counts.materialsRequested += 1;
      if (requested?.type !== 'MaterialsRequested') throw new Error('no materials request');
      if (random.chance(0.15)) {
        const dueAt = new Date(requested.data.materialsDue.dueAt);
        run('deemed-withdrawn', TIMER, minutes(dueAt, 1), competent, { type: 'RecordDeemedWithdrawn', data: { dueAt } });
        counts.deemedWithdrawn += 1;
        files.push(file);
        return;
      }
      t = nextWorkingTime(random, rules, t, random.int(2, 8));
      run('materials-supply', reviewer, t, competent, { type: 'SupplyMaterials', data: { items: ['劳动合同或工资凭证', '经济困难证明'] } });
    }
    // 经济困难: waived on the green channel; otherwise a pledge or the data-sharing check (which a few fail).
    let fails = false;
    if (!isGreen) {
      t = minutes(t, random.int(10, 120));
      fails = random.chance(0.06);
      const status = fails || random.chance(0.4)
        ? { kind: 'data_sharing' as const, meetsStandard: !fails, source: '民政部门低收入人口数据共享', reference: null }
        : { kind: 'personal_pledge' as const, pledgeSignedAt: receivedAt };
      run('economic-status', reviewer, t, competent, { type: 'RecordEconomicStatus', data: { status } });
    }
    const decidedAt = isGreen ? minutes(t, random.int(20, 120)) : nextWorkingTime(random, rules, t, random.int(1, 5));
    if (fails || random.chance(0.02)) {
      run('refusal', head, decidedAt, competent, { type: 'RefuseApplication', data: { reasons: fails ? '经核查不符合经济困难标准' : '申请事项不属于法律援助范围' } });
      counts.refused += 1;
      files.push(file);
      return;
    }
    run('approval', head, decidedAt, competent, { type: 'ApproveApplication', data: {} });
    counts.approved += 1;
    const assignedAt = isGreen ? minutes(decidedAt, random.int(10, 90)) : random.chance(0.5) ? minutes(decidedAt, random.int(30, 180)) : nextWorkingTime(random, rules, decidedAt, random.int(1, 2));
    run('lawyer-assignment', head, assignedAt, competent, { type: 'AssignLawyer', data: { ...assignment(random, input.registryOf(competentDistrict.id)), openCases: [] } });
    counts.lawyersAssigned += 1;
    // 结案 within the year for the earlier cases; some graded (同行评估).
    const closedAt = nextWorkingTime(random, rules, assignedAt, random.int(20, 90));
    if (localDateOf(closedAt) < `${year}-12-20` && random.chance(0.75)) {
      run('closing', reviewer, closedAt, competent, { type: 'CloseCase', data: { outcome: random.weighted({ judgment: 40, mediation: 25, settlement: 20, non_litigation_completed: 10, other: 5 }), summary: '案件办结' } });
      counts.closed += 1;
      if (random.chance(0.4)) {
        const grade = random.weighted({ excellent: 30, good: 50, pass: 18, fail: 2 });
        run('quality-review', reviewer, nextWorkingTime(random, rules, closedAt, random.int(3, 15)), competent, { type: 'ReviewQuality', data: { grade, note: '同行评估' } });
        counts.qualityReviewed += 1;
        if (grade === 'excellent' || grade === 'good') counts.qualityExcellentOrGood += 1;
      }
    }
    files.push(file);
  });
  return { numbering, files };
}

/**
 * 通知辩护 (Arts. 25, 28, 35-36): cases the district's court, procuratorate or police notify; a lawyer
 * within 3 working days, then the authority informed. No application, no review, no number.
 */
export function notifiedYear(input: Omit<LegalAidYearInput, 'applications' | 'partner'> & { readonly cases: number }): Builder[] {
  const { random, district, rules, offices, year } = input;
  const counts = input.countsOf(district.id);
  const competent: ActingOrganisation = { id: district.officeId, kind: 'legal_aid_office' };
  const dates = spread(input.days, input.cases, 0.1);
  return dates.map((date, index) => {
    const key = `${district.id}:${year}:notified:${index}`;
    const commandId = commandIdOf(input.seed, `${key}:notice`);
    const caseId = uuidV5(`legal-aid-file:${commandId}`, COMMAND_EVENT_NAMESPACE);
    const file: Builder = new StreamBuilder(legalAidStreamName(caseId), legalAidEvents, evolve, initialState());
    const staff = (role: string): Actor => ({ id: `${district.officeId}-${role}-${random.int(1, 3)}`, role, organisation: district.officeId });
    const run = (id: string, actor: Actor, at: Date, command: LegalAidCommand) =>
      file.run(id, actor, at, (state) => decide(command, state, { now: at, rules, organisation: competent, offices }));
    const receivedAt = timeOn(random, date, '08:30', '18:00');
    const kind = random.weighted({ court: 55, procuratorate: 30, public_security: 15 });
    const authority = { court: `${district.name}人民法院`, procuratorate: `${district.name}人民检察院`, public_security: `${district.name}公安分局` }[kind];
    const ground = random.weighted({ minor: 22, blind_deaf_or_mute: 4, not_fully_able_to_understand: 6, possible_life_or_death_sentence: 3, other_by_law: 65 });
    const defendant = ground === 'minor' ? personOf(random, year - 17, year - 14, ['minor'], `${district.name}`) : personOf(random, year - 60, year - 18, [], `${district.name}`);
    run(commandId, staff('legal_aid_reviewer'), receivedAt, {
      type: 'ReceiveNotification',
      data: { caseId, notifyingAuthority: { kind, name: authority, sits: { districtId: district.id } }, ground, capitalCase: ground === 'possible_life_or_death_sentence', defendant, charge: random.pick(['盗窃罪', '故意伤害罪', '诈骗罪', '危险驾驶罪', '寻衅滋事罪']) },
    });
    counts.notified += 1;
    const assignedAt = random.chance(0.6) ? minutes(receivedAt, random.int(30, 240)) : nextWorkingTime(random, rules, receivedAt, random.int(1, 2));
    run(commandIdOf(input.seed, `${key}:assignment`), staff('legal_aid_head'), assignedAt, { type: 'AssignLawyer', data: { ...assignment(random, input.registryOf(district.id)), openCases: [] } });
    counts.notifiedAssigned += 1;
    run(commandIdOf(input.seed, `${key}:informed`), staff('legal_aid_reviewer'), minutes(assignedAt, random.int(10, 120)), { type: 'RecordAuthorityInformed', data: { method: random.pick(['电话', '书面函告', '政法协同平台']) } });
    return file;
  });
}

/** An assignment as the route makes it: a lawyer of the registry (the decider checks Art. 26 and conflicts there). */
const assignment = (random: Random, registry: LawyerRegistryState) => ({ lawyerId: someLawyer(random, registry), registry });

/** A time during office hours on the `n`th working day after `from`. */
export function nextWorkingTime(random: Random, rules: { calendar: { addWorkingDays(from: Date, days: number): Date } }, from: Date, n: number): Date {
  const endOfDay = rules.calendar.addWorkingDays(from, n);
  return timeOn(random, localDateOf(new Date(endOfDay.getTime() - 1)), '09:00', '17:30');
}
