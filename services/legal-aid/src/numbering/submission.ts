// 受理 with its application number, in two appends that can each be repeated:
// 1. allocate: the next number of the receiving district's numbering stream for the year, appended with
//    the stream's expected revision (a rival counter got in first: read again, take the next), carrying
//    the decided ApplicationSubmitted with that number;
// 2. complete: the application's own stream written from that allocation, with the submission's
//    commandId (so a second try finds it there and writes nothing more).
// A retry with the same commandId finds its application (or its allocation) and answers with the same
// number; the reconciler (reconciler.ts) completes an allocation whose step 2 never ran. Numbers are
// therefore gap-free and duplicate-free per district and year, and none is left without its application.
import { InvalidEventStoreInputError, StreamNotFoundError, WrongExpectedRevisionError, type Actor, type EventStore, type RecordedEvent } from '@bureau/event-store';
import { commandEventId, handleCommand, type CommandResult } from '@bureau/service-kit';
import { localDateOf } from '@bureau/working-calendar';
import { initialState, evolve, LegalAidRuleBroken, legalAidStreamName, type ApplicationSubmitted, type LegalAidEvent, type LegalAidState } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';
import { formatApplicationNumber } from './application-number.js';
import { numberingEvents, numberingStreamName, type ApplicationNumberAllocated } from './numbering-events.js';

export type Allocation = ApplicationNumberAllocated['data'];

export interface AllocationInput {
  readonly areaId: string;
  readonly areaShortName: string;
  readonly pattern: string;
  /** The receipt as decided (its number is replaced by the one allocated). */
  readonly submitted: ApplicationSubmitted['data'];
  readonly commandId: string;
  readonly commandDigest: string | null;
  readonly correlationId: string;
  readonly actor: Actor;
}

/** How many of the latest allocations a retry looks through before allocating (then the stream decides). */
const RECENT = 32;
const MAX_ROUNDS = 200;

/** The year numbers run in: the receipt's, in Beijing time. */
export const numberingYearOf = (receivedAt: string): number => Number(localDateOf(new Date(receivedAt)).slice(0, 4));

async function latest(store: EventStore, stream: string, maxCount: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(stream, { direction: 'backwards', maxCount })) events.push(e);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/** The allocation event's id, derived from the submission's commandId. */
const allocationIdOf = (commandId: string) => commandEventId(`application-number:${commandId}`, 0);

/** This command's allocation among `recorded`, found by its event id (only that one is parsed: receipts are large). */
function allocationIn(recorded: readonly RecordedEvent[], commandId: string): Allocation | undefined {
  const id = allocationIdOf(commandId);
  const mine = recorded.find((r) => r.id === id);
  return mine ? numberingEvents.fromRecorded(mine).data : undefined;
}

async function findAllocation(store: EventStore, stream: string, commandId: string, maxCount: number): Promise<Allocation | undefined> {
  return allocationIn(await latest(store, stream, maxCount), commandId);
}

/** Step 1: the allocation of this commandId, found or made. */
export async function allocateNumber(store: EventStore, input: AllocationInput): Promise<Allocation> {
  const year = numberingYearOf(input.submitted.receivedAt);
  const stream = numberingStreamName(input.areaId, year);
  const id = allocationIdOf(input.commandId);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const recent = await latest(store, stream, RECENT);
    const mine = allocationIn(recent, input.commandId);
    if (mine) return mine;
    const revision = recent[0]?.revision ?? -1n;
    const sequence = Number(revision) + 2;
    const applicationNumber = formatApplicationNumber(input.pattern, { district: input.areaShortName, year, sequence });
    const data: Allocation = {
      sequence,
      applicationNumber,
      applicationId: input.submitted.applicationId,
      commandId: input.commandId,
      commandDigest: input.commandDigest,
      correlationId: input.correlationId,
      actor: { id: input.actor.id, role: input.actor.role, organisation: input.actor.organisation },
      submitted: { ...input.submitted, applicationNumber },
    };
    const envelope = { correlationId: input.correlationId, causationId: input.commandId, actor: input.actor, occurredAt: input.submitted.receivedAt };
    try {
      const appended = await store.appendToStream(stream, [numberingEvents.toAppend({ type: 'ApplicationNumberAllocated', data }, { id, envelope })], {
        expectedRevision: revision === -1n ? 'no_stream' : revision,
      });
      if (appended.written) return data;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        // Another counter took this number: take the next one (a short random pause spreads the rivals).
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, round + 1)));
        continue;
      }
      if (!(error instanceof InvalidEventStoreInputError)) throw error;
      // The id is in the stream further back: this very command allocated earlier.
    }
    const found = await findAllocation(store, stream, input.commandId, Number.MAX_SAFE_INTEGER);
    if (found) return found;
    throw new Error(`numbering stream ${stream}: the allocation of command ${input.commandId} is neither appended nor found`);
  }
  throw new Error(`numbering stream ${stream}: no number after ${MAX_ROUNDS} rounds of contention`);
}

/** Step 2: the application's stream written from its allocation (nothing more on a second try). */
export async function completeAllocation(store: EventStore, allocation: Allocation): Promise<CommandResult<LegalAidEvent>> {
  const submitted: ApplicationSubmitted = { type: 'ApplicationSubmitted', data: allocation.submitted };
  return handleCommand({
    store,
    registry: legalAidEvents,
    streamName: legalAidStreamName(allocation.applicationId),
    decider: {
      initialState,
      evolve,
      // The receipt was decided before the number was taken: here it is only recorded (on a new stream,
      // or on the custody application the authority announced).
      decide: (_: null, state: LegalAidState) => {
        if (state.status !== 'none' && state.status !== 'awaiting_custody_forwarding') throw new LegalAidRuleBroken('already_exists');
        return [submitted];
      },
    },
    command: null,
    context: {
      commandId: allocation.commandId,
      actor: allocation.actor,
      correlationId: allocation.correlationId,
      occurredAt: new Date(allocation.submitted.receivedAt),
      ...(allocation.commandDigest ? { commandDigest: allocation.commandDigest } : {}),
    },
    startsStream: () => true,
  });
}

/** The allocation recorded at (stream, sequence), for the reconciler. */
export async function allocationAt(store: EventStore, stream: string, sequence: number): Promise<Allocation | undefined> {
  try {
    for await (const recorded of store.readStream(stream, { fromRevision: BigInt(sequence - 1), maxCount: 1 })) {
      return numberingEvents.fromRecorded(recorded).data;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return undefined;
}
