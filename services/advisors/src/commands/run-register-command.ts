// A district's register of advisors (法律顾问名册) and a village's appointments (聘任), changed through the
// kit's handleCommand with their contexts: the district from the registry, the named advisor's status
// from the district's register. Out of the caller's reach answers as a district or village that is not.
import type { EventStore } from '@bureau/event-store';
import type { RegistryState } from '@bureau/organisations';
import { handleCommand, type CommandContext, type CommandResult } from '@bureau/service-kit';
import {
  advisorAppointmentsStreamName,
  advisorIn,
  advisorRegisterDecider,
  advisorRegisterStreamName,
  decideAppointments,
  decideRegister,
  villageAppointmentsDecider,
  type AppointmentCommand,
  type AppointmentEvent,
  type AppointmentsState,
  type RegisterCommand,
  type RegisterEvent,
  type RegisterState,
} from '../domain/index.js';
import { advisorRegisterEvents, villageAppointmentEvents } from '../events/index.js';
import { isDistrict } from '../registry/villages.js';
import { noSuchDistrict, noSuchVillage, translated } from './errors.js';
import { stateOrInitial } from './read-stream.js';
import { reachableVillage } from './run-ledger-command.js';

export interface RegisterDeps {
  readonly store: EventStore;
  readonly registry: () => RegistryState;
}

interface Common {
  readonly context: CommandContext;
  readonly now: Date;
  readonly reaches: (owner: string) => boolean;
}

/** The district, if it is one and the caller reaches it; else 404. */
export function reachableDistrict(registry: RegistryState, districtId: string, reaches: (owner: string) => boolean): string {
  if (!isDistrict(registry, districtId) || !reaches(districtId)) throw noSuchDistrict();
  return districtId;
}

export async function runRegisterCommand(deps: RegisterDeps, input: Common & { districtId: string; command: RegisterCommand }): Promise<CommandResult<RegisterEvent>> {
  const districtId = reachableDistrict(deps.registry(), input.districtId, input.reaches);
  try {
    return await handleCommand({
      store: deps.store,
      registry: advisorRegisterEvents,
      streamName: advisorRegisterStreamName(districtId),
      decider: { ...advisorRegisterDecider, decide: (command: RegisterCommand, state: RegisterState) => decideRegister(command, state, { now: input.now, districtId }) },
      command: input.command,
      context: input.context,
      authorize: (state) => {
        if (state.status === 'kept' && !input.reaches(state.districtId)) throw noSuchDistrict();
      },
    });
  } catch (error) {
    throw translated(error);
  }
}

export async function runAppointmentCommand(deps: RegisterDeps, input: Common & { villageId: string; command: AppointmentCommand }): Promise<CommandResult<AppointmentEvent>> {
  const village = reachableVillage(deps.registry(), input.villageId, input.reaches);
  const advisorId = input.command.type === 'AppointAdvisor' ? input.command.data.advisorId : undefined;
  // The advisor must be on the register of the village's own district.
  const { state: register } = await stateOrInitial(deps.store, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(village.districtId));
  const advisor = advisorId !== undefined ? advisorIn(register, advisorId) : undefined;
  const context = {
    now: input.now,
    village: { villageId: village.villageId, judicialOfficeId: village.judicialOfficeId },
    advisor: advisor ? { advisorId: advisor.advisorId, status: advisor.status } : undefined,
  };
  try {
    return await handleCommand({
      store: deps.store,
      registry: villageAppointmentEvents,
      streamName: advisorAppointmentsStreamName(village.villageId),
      decider: { ...villageAppointmentsDecider, decide: (command: AppointmentCommand, state: AppointmentsState) => decideAppointments(command, state, context) },
      command: input.command,
      context: input.context,
      authorize: (state) => {
        if (state.status === 'kept' && !input.reaches(state.judicialOfficeId)) throw noSuchVillage();
      },
    });
  } catch (error) {
    throw translated(error);
  }
}
