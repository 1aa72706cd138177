// decide for a district's register of advisors: (command, state, context) -> events, or AdvisorRuleBroken.
// `[]` means already done (a retried registration or change with the same details).
import { AdvisorRuleBroken, requireText } from '../errors.js';
import { normalisedPhone } from '../phone.js';
import type { AdvisorDetails, RegisterCommand } from './commands.js';
import type { AdvisorDetailsChanged, AdvisorRegistered, AdvisorRemoved, RegisterEvent } from './events.js';
import { advisorIn, type RegisteredAdvisor, type RegisterState } from './state.js';

export interface RegisterContext {
  readonly now: Date;
  /** The district whose register this stream is (from the stream name, checked against the state). */
  readonly districtId: string;
}

/** 律师执业证号: 17 digits (the Ministry of Justice's numbering of lawyer licences). */
const LICENCE_NUMBER = /^\d{17}$/;

export function decideRegister(command: RegisterCommand, state: RegisterState, context: RegisterContext): RegisterEvent[] {
  if (state.status === 'kept' && state.districtId !== context.districtId) throw new AdvisorRuleBroken('wrong_district');
  switch (command.type) {
    case 'RegisterAdvisor':
      return register(command.data, state, context);
    case 'ChangeAdvisorDetails':
      return change(command.data, state, context);
    case 'RemoveAdvisor':
      return remove(command.data, state, context);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function checkedDetails(details: AdvisorDetails, state: RegisterState, advisorId: string): AdvisorDetails {
  const name = requireText(details.name, 'name_required');
  const firm = requireText(details.firm, 'firm_required');
  const licenceNumber = details.licenceNumber.trim();
  if (!LICENCE_NUMBER.test(licenceNumber)) throw new AdvisorRuleBroken('invalid_licence_number');
  const phone = normalisedPhone(details.phone);
  if (phone === undefined) throw new AdvisorRuleBroken('invalid_phone');
  const holder = state.status === 'kept' ? state.advisors.find((a) => a.licenceNumber === licenceNumber) : undefined;
  if (holder && holder.advisorId !== advisorId) throw new AdvisorRuleBroken('licence_number_taken');
  return { name, firm, licenceNumber, phone };
}

const sameDetails = (a: AdvisorDetails, b: AdvisorDetails) =>
  a.name === b.name && a.firm === b.firm && a.licenceNumber === b.licenceNumber && a.phone === b.phone;

function register(data: { advisorId: string } & AdvisorDetails, state: RegisterState, { now, districtId }: RegisterContext): AdvisorRegistered[] {
  const advisorId = requireText(data.advisorId, 'advisor_id_required');
  const details = checkedDetails(data, state, advisorId);
  const existing = advisorIn(state, advisorId);
  if (existing) {
    if (sameDetails(existing, details)) return [];
    throw new AdvisorRuleBroken('advisor_already_registered');
  }
  return [{ type: 'AdvisorRegistered', data: { districtId, advisorId, ...details, registeredAt: now.toISOString() } }];
}

function requireActive(state: RegisterState, advisorId: string): RegisteredAdvisor {
  const advisor = advisorIn(state, advisorId);
  if (!advisor) throw new AdvisorRuleBroken('advisor_not_registered');
  if (advisor.status === 'removed') throw new AdvisorRuleBroken('advisor_removed');
  return advisor;
}

function change(data: { advisorId: string } & AdvisorDetails, state: RegisterState, { now }: RegisterContext): AdvisorDetailsChanged[] {
  const advisor = requireActive(state, data.advisorId);
  const details = checkedDetails(data, state, advisor.advisorId);
  if (sameDetails(advisor, details)) throw new AdvisorRuleBroken('details_unchanged');
  return [{ type: 'AdvisorDetailsChanged', data: { advisorId: advisor.advisorId, ...details, changedAt: now.toISOString() } }];
}

function remove(data: { advisorId: string; reason: string }, state: RegisterState, { now }: RegisterContext): AdvisorRemoved[] {
  const advisor = advisorIn(state, data.advisorId);
  if (advisor?.status === 'removed') return [];
  requireActive(state, data.advisorId);
  const reason = requireText(data.reason, 'reason_required');
  return [{ type: 'AdvisorRemoved', data: { advisorId: data.advisorId, reason, removedAt: now.toISOString() } }];
}
