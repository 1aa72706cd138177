// 受理 with its application number, in two steps that can each be repeated:
// 1. allocate: the next number of the receiving district's numbering stream for the year, appended with
//    the stream's expected revision, carrying the decided ApplicationSubmitted with that number (one
//    writer per stream in a process, allocations that arrive together in one append: allocator.ts);
// 2. complete: the application's own stream written from that allocation, with the submission's
//    commandId (so a second try finds it there and writes nothing more).
// On PostgreSQL both go in one all-or-nothing append (allocator.ts, applicationAppendOf below): one
// transaction. Step 2 alone is left for a retry that finds its allocation (written by an earlier run,
// or on EventStoreDB, where no transaction spans two streams). A retry with the same commandId finds its
// application (or its allocation) and answers with the same number; the reconciler (reconciler.ts)
// completes an allocation whose step 2 never ran. Numbers are therefore gap-free and duplicate-free per
// district and year, and none is left without its application.
import { envelopeMetadata, StreamNotFoundError, type Actor, type EventStore, type EventToAppend, type ExpectedRevision, type JsonObject, type RecordedEvent } from '@bureau/event-store';
import { commandEventId, handleCommand, type CommandResult } from '@bureau/service-kit';
import { localDateOf } from '@bureau/working-calendar';
import { initialState, evolve, LegalAidRuleBroken, legalAidStreamName, type ApplicationSubmitted, type LegalAidEvent, type LegalAidState } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';
import { numberingEvents, type ApplicationNumberAllocated } from './numbering-events.js';

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

/** How many of the latest allocations a retry looks through before reading the whole stream for its own. */
const RECENT = 32;

/** The year numbers run in: the receipt's, in Beijing time. */
export const numberingYearOf = (receivedAt: string): number => Number(localDateOf(new Date(receivedAt)).slice(0, 4));

export async function latest(store: EventStore, stream: string, maxCount: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(stream, { direction: 'backwards', maxCount })) events.push(e);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/** The allocation event's id, derived from the submission's commandId. */
export const allocationIdOf = (commandId: string) => commandEventId(`application-number:${commandId}`, 0);

/** This command's allocation among `recorded`, found by its event id (only that one is parsed: receipts are large). */
function allocationIn(recorded: readonly RecordedEvent[], commandId: string): Allocation | undefined {
  const id = allocationIdOf(commandId);
  const mine = recorded.find((r) => r.id === id);
  return mine ? numberingEvents.fromRecorded(mine).data : undefined;
}

/** This command's allocation in `stream`: among the latest allocations first, then in the whole stream. */
export async function findAllocation(store: EventStore, stream: string, commandId: string): Promise<Allocation | undefined> {
  return allocationIn(await latest(store, stream, RECENT), commandId)
    ?? allocationIn(await latest(store, stream, Number.MAX_SAFE_INTEGER), commandId);
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

/**
 * The application's first append made from its allocation, exactly as `completeAllocation` appends it
 * (the same event id from the commandId, the same envelope and metadata), at the revision the route read:
 * on PostgreSQL it goes in one transaction with the allocation (allocator.ts). `allocation` is the data
 * of its allocation event as the numbering registry validated it: the receipt in it was checked against
 * the same schema (applicationSubmittedSchema), so it is not parsed a second time here.
 */
export function applicationAppendOf(allocation: Allocation, expectedRevision: ExpectedRevision): { streamName: string; events: EventToAppend[]; expectedRevision: ExpectedRevision } {
  const envelope = {
    correlationId: allocation.correlationId, causationId: allocation.commandId, actor: allocation.actor,
    occurredAt: new Date(allocation.submitted.receivedAt).toISOString(), schemaVersion: SUBMITTED_SCHEMA_VERSION,
  };
  const extraMetadata = { commandId: allocation.commandId, ...(allocation.commandDigest ? { commandDigest: allocation.commandDigest } : {}) };
  return {
    streamName: legalAidStreamName(allocation.applicationId),
    events: [{ id: commandEventId(allocation.commandId, 0), type: 'ApplicationSubmitted', data: allocation.submitted as unknown as JsonObject, metadata: envelopeMetadata(envelope, extraMetadata) }],
    expectedRevision,
  };
}

const SUBMITTED_SCHEMA_VERSION = legalAidEvents.schemaVersionOf('ApplicationSubmitted');

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
