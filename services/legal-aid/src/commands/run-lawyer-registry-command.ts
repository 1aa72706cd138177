// A district's lawyer registry (法律援助律师名册), changed through the kit's handleCommand and read from its
// stream (a district keeps a few hundred lawyers at most). The registry's area is a district, or the city
// for the city office; one out of the caller's reach answers as one that does not exist.
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { districtOf, lineageOf, type RegistryState } from '@bureau/organisations';
import { handleCommand, notFound, readStreamState, type CommandContext, type CommandResult } from '@bureau/service-kit';
import {
  decideLawyerRegistry,
  lawyerRegistryFold,
  lawyerRegistryStreamName,
  type LawyerRegistryCommand,
  type LawyerRegistryEvent,
  type LawyerRegistryState,
} from '../domain/index.js';
import { lawyerRegistryEvents } from '../events/lawyer-registry-events.js';

export const NO_SUCH_REGISTRY = 'No such lawyer registry.';

/** The registry an organisation's assignments take lawyers from: its district's, or the city's. */
export function registryAreaOf(state: RegistryState, organisationId: string): string | undefined {
  return (districtOf(state, organisationId) ?? lineageOf(state, organisationId).find((o) => o.kind === 'city'))?.id;
}

/** The district (or city) named in a route, when it is one and the caller reaches it; else 404. */
export function reachableArea(state: RegistryState, areaId: string, reaches: (id: string) => boolean): string {
  const area = state.organisations.get(areaId);
  if (!area || area.closed || (area.kind !== 'district' && area.kind !== 'city') || !reaches(areaId)) throw notFound(NO_SUCH_REGISTRY);
  return areaId;
}

export async function readLawyerRegistry(store: EventStore, areaId: string): Promise<{ state: LawyerRegistryState; revision: bigint }> {
  try {
    return await readStreamState(store, lawyerRegistryEvents, lawyerRegistryFold, lawyerRegistryStreamName(areaId));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { state: lawyerRegistryFold.initialState(), revision: -1n };
    throw error;
  }
}

export interface LawyerRegistryCommandInput {
  readonly areaId: string;
  readonly command: LawyerRegistryCommand;
  readonly context: CommandContext;
  readonly now: Date;
}

export function runLawyerRegistryCommand(store: EventStore, input: LawyerRegistryCommandInput): Promise<CommandResult<LawyerRegistryEvent>> {
  return handleCommand({
    store,
    registry: lawyerRegistryEvents,
    streamName: lawyerRegistryStreamName(input.areaId),
    decider: { ...lawyerRegistryFold, decide: (command: LawyerRegistryCommand, state: LawyerRegistryState) => decideLawyerRegistry(command, state, { now: input.now, districtId: input.areaId }) },
    command: input.command,
    context: input.context,
  });
}
