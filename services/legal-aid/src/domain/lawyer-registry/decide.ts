// decide for a district's lawyer registry: (command, state, context) -> events, or LegalAidRuleBroken.
// `[]` means already done (a retried registration with the same details, a second deactivation).
import { localDateOf } from '@bureau/working-calendar';
import { LegalAidRuleBroken } from '../errors.js';
import { instant, requireText } from '../guards.js';
import type { LawyerDetails, LawyerRegistryCommand } from './commands.js';
import type { LawyerDeactivated, LawyerDetailsChanged, LawyerRegistered, LawyerRegistryEvent } from './events.js';
import { lawyerIn, type LawyerRegistryState, type RegisteredLawyer } from './state.js';

export interface LawyerRegistryContext {
  readonly now: Date;
  /** The district whose registry this stream is (the city's for the city office). */
  readonly districtId: string;
}

/** 律师执业证号: 17 digits (the Ministry of Justice's numbering of lawyer licences). */
const LICENCE_NUMBER = /^\d{17}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function decideLawyerRegistry(command: LawyerRegistryCommand, state: LawyerRegistryState, context: LawyerRegistryContext): LawyerRegistryEvent[] {
  if (state.status === 'kept' && state.districtId !== context.districtId) throw new LegalAidRuleBroken('not_found');
  switch (command.type) {
    case 'RegisterLawyer':
      return register(command.data, state, context);
    case 'ChangeLawyerDetails':
      return change(command.data, state, context);
    case 'DeactivateLawyer':
      return deactivate(command.data, state, context);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function checkedDetails(details: LawyerDetails, state: LawyerRegistryState, lawyerId: string, now: Date): LawyerDetails {
  const licenceNumber = details.licenceNumber.trim();
  if (!LICENCE_NUMBER.test(licenceNumber)) throw new LegalAidRuleBroken('invalid_licence_number');
  const since = details.relevantPracticeSince;
  const real = DATE.test(since) && new Date(`${since}T00:00:00Z`).toISOString().slice(0, 10) === since;
  if (!real || since > localDateOf(now)) throw new LegalAidRuleBroken('invalid_practice_start');
  const holder = state.status === 'kept' ? state.lawyers.find((l) => l.licenceNumber === licenceNumber) : undefined;
  if (holder && holder.lawyerId !== lawyerId) throw new LegalAidRuleBroken('licence_number_taken');
  return {
    name: requireText(details.name),
    licenceNumber,
    firmId: requireText(details.firmId),
    firmName: requireText(details.firmName),
    relevantPracticeSince: since,
    specialties: [...new Set(details.specialties.map((s) => s.trim()).filter((s) => s !== ''))],
  };
}

const sameDetails = (a: LawyerDetails, b: LawyerDetails) =>
  a.name === b.name && a.licenceNumber === b.licenceNumber && a.firmId === b.firmId && a.firmName === b.firmName
  && a.relevantPracticeSince === b.relevantPracticeSince && a.specialties.join('\n') === b.specialties.join('\n');

function register(data: { lawyerId: string } & LawyerDetails, state: LawyerRegistryState, { now, districtId }: LawyerRegistryContext): LawyerRegistered[] {
  const lawyerId = requireText(data.lawyerId);
  const details = checkedDetails(data, state, lawyerId, now);
  const existing = lawyerIn(state, lawyerId);
  if (existing) {
    if (sameDetails(existing, details)) return [];
    throw new LegalAidRuleBroken('lawyer_already_registered');
  }
  return [{ type: 'LawyerRegistered', data: { districtId, lawyerId, ...details, registeredAt: instant(now) } }];
}

function requireActive(state: LawyerRegistryState, lawyerId: string): RegisteredLawyer {
  const lawyer = lawyerIn(state, lawyerId);
  if (!lawyer) throw new LegalAidRuleBroken('lawyer_not_registered');
  if (!lawyer.active) throw new LegalAidRuleBroken('lawyer_inactive');
  return lawyer;
}

function change(data: { lawyerId: string } & LawyerDetails, state: LawyerRegistryState, { now }: LawyerRegistryContext): LawyerDetailsChanged[] {
  const lawyer = requireActive(state, data.lawyerId);
  const details = checkedDetails(data, state, lawyer.lawyerId, now);
  if (sameDetails(lawyer, details)) return [];
  return [{ type: 'LawyerDetailsChanged', data: { lawyerId: lawyer.lawyerId, ...details, changedAt: instant(now) } }];
}

function deactivate(data: { lawyerId: string; reason: string }, state: LawyerRegistryState, { now }: LawyerRegistryContext): LawyerDeactivated[] {
  if (lawyerIn(state, data.lawyerId)?.active === false) return [];
  requireActive(state, data.lawyerId);
  return [{ type: 'LawyerDeactivated', data: { lawyerId: data.lawyerId, reason: requireText(data.reason), deactivatedAt: instant(now) } }];
}
