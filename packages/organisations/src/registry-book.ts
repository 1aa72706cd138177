// The registry in use: folded from its stream, re-read when the stream moves (after this instance's own
// change, or on news of another instance's). Every scope check reads it in memory: a city's registry
// holds a few thousand organisations (the year generator's province, 21,000; a fold is linear).
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { readStreamState } from '@bureau/service-kit';
import { registryDecider, registryStreamOf, type RegistryState } from './registry-decider.js';
import { organisationEvents } from './registry-events.js';

export class RegistryBook {
  #state: RegistryState = registryDecider.initialState();
  #revision = -1n;
  #refreshing: Promise<boolean> | undefined;

  constructor(private readonly store: EventStore, readonly cityId: string) {}

  get streamName(): string {
    return registryStreamOf(this.cityId);
  }

  current(): RegistryState {
    return this.#state;
  }

  /** Re-reads the stream; true when it moved. Concurrent calls share one read. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#reread().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #reread(): Promise<boolean> {
    try {
      const { state, revision } = await readStreamState(this.store, organisationEvents, registryDecider, this.streamName);
      if (revision === this.#revision) return false;
      this.#state = state;
      this.#revision = revision;
      return true;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      throw error;
    }
  }
}
