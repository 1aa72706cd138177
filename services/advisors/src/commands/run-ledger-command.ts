// The one way the service changes a village's ledger for a month (台账): the village and its judicial
// office from the organisation registry, the village's appointments from their stream, the district's
// limits from the configuration, then the kit's handleCommand (read, decide, append guarded by revision,
// idempotent per commandId). A ledger out of the caller's reach answers as a village that does not exist.
// After a change to an ended month, the month-end judgement is run again (it records only a change).
import type { EventStore } from '@bureau/event-store';
import type { RegistryState } from '@bureau/organisations';
import { handleCommand, uuidV5, type CommandContext, type CommandResult } from '@bureau/service-kit';
import {
  advisorAppointmentsStreamName,
  advisorLedgerDecider,
  advisorLedgerStreamName,
  decideLedger,
  monthEndsAt,
  villageAppointmentsDecider,
  type AdvisorLimits,
  type LedgerCommand,
  type LedgerEvent,
  type LedgerMonth,
  type LedgerMonthState,
} from '../domain/index.js';
import { advisorLedgerEvents, villageAppointmentEvents } from '../events/index.js';
import { villageOf, type RegisteredVillage } from '../registry/villages.js';
import { noSuchVillage, translated } from './errors.js';
import { stateOrInitial } from './read-stream.js';

export interface LedgerDeps {
  readonly store: EventStore;
  readonly registry: () => RegistryState;
  readonly limitsFor: (districtId: string | undefined) => AdvisorLimits;
}

export interface LedgerCommandInput {
  readonly villageId: string;
  readonly month: LedgerMonth;
  readonly command: LedgerCommand;
  readonly context: CommandContext;
  readonly now: Date;
  /** Whether the caller reaches records owned by this organisation (a ledger's: its judicial office). */
  readonly reaches: (owner: string) => boolean;
  /** A further check on the ledger as it stands (an advisor acts on their own entries only). */
  readonly check?: (state: LedgerMonthState) => void;
}

/** The village in the registry, if the caller reaches it (through its judicial office); else 404. */
export function reachableVillage(registry: RegistryState, villageId: string, reaches: (owner: string) => boolean): RegisteredVillage {
  const village = villageOf(registry, villageId);
  if (!village || !reaches(village.judicialOfficeId)) throw noSuchVillage();
  return village;
}

/** A ledger decider bound to its context: the moment, the limits, the village, the month, the appointments. */
export async function boundLedgerDecider(deps: LedgerDeps, village: RegisteredVillage, month: LedgerMonth, now: Date) {
  const { state: appointments } = await stateOrInitial(deps.store, villageAppointmentEvents, villageAppointmentsDecider, advisorAppointmentsStreamName(village.villageId));
  const context = {
    now,
    limits: deps.limitsFor(village.districtId),
    village: { villageId: village.villageId, judicialOfficeId: village.judicialOfficeId },
    month,
    appointments: appointments.status === 'kept' ? appointments.appointments : [],
  };
  return {
    initialState: advisorLedgerDecider.initialState,
    evolve: advisorLedgerDecider.evolve,
    decide: (command: LedgerCommand, state: LedgerMonthState) => decideLedger(command, state, context),
  };
}

export async function runLedgerCommand(deps: LedgerDeps, input: LedgerCommandInput): Promise<CommandResult<LedgerEvent>> {
  const village = reachableVillage(deps.registry(), input.villageId, input.reaches);
  const decider = await boundLedgerDecider(deps, village, input.month, input.now);
  const streamName = advisorLedgerStreamName(village.villageId, input.month);
  let result: CommandResult<LedgerEvent>;
  try {
    result = await handleCommand({
      store: deps.store,
      registry: advisorLedgerEvents,
      streamName,
      decider,
      command: input.command,
      context: input.context,
      authorize: (state) => {
        // The office recorded when the month opened owns the ledger, even if the registry moved since.
        if (state.status !== 'unopened' && !input.reaches(state.judicialOfficeId)) throw noSuchVillage();
        input.check?.(state);
      },
    });
  } catch (error) {
    throw translated(error);
  }
  const changesCount = ['ServiceLogged', 'EntryCorrected', 'EntryVoided', 'ShortfallExcused'];
  if (result.events.some((e) => changesCount.includes(e.type)) && input.now >= monthEndsAt(input.month)) {
    await judgeAgain(deps, village, input.month, input.now, input.context);
  }
  return result;
}

/** The month-end judgement again, after a change to an ended month; records only a changed outcome. */
export async function judgeAgain(deps: LedgerDeps, village: RegisteredVillage, month: LedgerMonth, now: Date, cause: CommandContext): Promise<void> {
  const decider = await boundLedgerDecider(deps, village, month, now);
  await handleCommand({
    store: deps.store,
    registry: advisorLedgerEvents,
    streamName: advisorLedgerStreamName(village.villageId, month),
    decider,
    command: { type: 'JudgeOnSiteMinimum', data: {} },
    context: {
      commandId: uuidV5(`advisors-rejudge:${cause.commandId}`, REJUDGE_NAMESPACE),
      actor: { id: 'advisors-service', role: 'system', organisation: village.judicialOfficeId },
      causationId: cause.commandId,
      ...(cause.correlationId ? { correlationId: cause.correlationId } : {}),
      occurredAt: now,
    },
  });
}

const REJUDGE_NAMESPACE = '6d0e3c1e-7f0b-4c55-9a55-3d1f6c1a2b01';
