// Reads a stream once: folds it into the decider's state and, on the way, finds the events a
// command with this idempotency key already appended (if it did).
import { StreamNotFoundError, type EventStore, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import type { Decider, DomainMessage } from '../domain/decider.js';
import type { EventRegistry } from '../events/registry.js';
import { commandEventId } from './event-ids.js';

export interface AppliedBefore<E> {
  readonly events: readonly E[];
  readonly revision: bigint;
  readonly position: GlobalPosition;
  /** The digest of the command the key was first used for, when it was recorded. */
  readonly commandDigest: string | undefined;
}

export interface LoadedStream<S, E> {
  readonly state: S;
  /** Revision of the last event; -1n when the stream does not exist. */
  readonly revision: bigint;
  readonly lastPosition: GlobalPosition | undefined;
  readonly appliedBefore: AppliedBefore<E> | undefined;
}

async function* eventsOf(store: EventStore, streamName: string): AsyncIterable<RecordedEvent> {
  try {
    yield* store.readStream(streamName);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
}

export async function loadStream<S, E extends DomainMessage>(
  store: EventStore,
  registry: EventRegistry<E>,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamName: string,
  /** Look for this command's events; omit when only the state is wanted. */
  commandId?: string,
): Promise<LoadedStream<S, E>> {
  let state = decider.initialState();
  let revision = -1n;
  let lastPosition: GlobalPosition | undefined;
  // One append is contiguous in its stream, so the command's events are a run starting at id #0.
  let run: { readonly events: E[]; last: RecordedEvent; open: boolean; readonly digest: string | undefined } | undefined;
  for await (const recorded of eventsOf(store, streamName)) {
    const event = registry.fromRecorded(recorded);
    state = decider.evolve(state, event);
    revision = recorded.revision;
    lastPosition = recorded.position;
    if (commandId === undefined) continue;
    if (run === undefined) {
      if (recorded.id === commandEventId(commandId, 0)) {
        const digest = recorded.metadata['commandDigest'];
        run = { events: [event], last: recorded, open: true, digest: typeof digest === 'string' ? digest : undefined };
      }
    } else if (run.open && recorded.id === commandEventId(commandId, run.events.length)) {
      run.events.push(event);
      run.last = recorded;
    } else {
      run.open = false;
    }
  }
  const appliedBefore = run ? { events: run.events, revision: run.last.revision, position: run.last.position, commandDigest: run.digest } : undefined;
  return { state, revision, lastPosition, appliedBefore };
}
