// For queries answered from the stream itself (e.g. GET of one record with its ETag): the folded
// state and revision, or StreamNotFoundError (a 404) when the stream has no events.
import { StreamNotFoundError, type EventStore, type GlobalPosition } from '@bureau/event-store';
import type { Decider, DomainMessage } from '../domain/decider.js';
import type { EventRegistry } from '../events/registry.js';
import { loadStream } from './load-stream.js';

export interface StreamState<S> {
  readonly state: S;
  readonly revision: bigint;
  readonly position: GlobalPosition | undefined;
}

export async function readStreamState<S, E extends DomainMessage>(
  store: EventStore,
  registry: EventRegistry<E>,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamName: string,
): Promise<StreamState<S>> {
  const loaded = await loadStream(store, registry, decider, streamName);
  if (loaded.revision === -1n) throw new StreamNotFoundError(streamName);
  return { state: loaded.state, revision: loaded.revision, position: loaded.lastPosition };
}
