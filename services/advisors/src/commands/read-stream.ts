// A stream's folded state for a decision's context (the village's appointments, the district's register):
// the initial state when the stream does not exist yet.
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { readStreamState, type EventRegistry } from '@bureau/service-kit';
import type { DomainMessage } from '@bureau/service-kit/domain';

export async function stateOrInitial<S, E extends DomainMessage>(
  store: EventStore,
  registry: EventRegistry<E>,
  decider: { initialState: () => S; evolve: (state: S, event: E) => S },
  streamName: string,
): Promise<{ state: S; revision: bigint }> {
  try {
    const { state, revision } = await readStreamState(store, registry, decider, streamName);
    return { state, revision };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { state: decider.initialState(), revision: -1n };
    throw error;
  }
}
