// The registry in use: folded from its stream, brought forward when the stream moves (after this
// instance's own change, or on news of another instance's). Every scope check reads it in memory: a
// city's registry holds a few thousand organisations (the year generator's province, 21,000). Only the
// events after the revision already folded are read: re-reading the whole stream on each news made a
// burst of registrations quadratic (a province's 21,800, one re-read each, kept a service's CPU busy for
// minutes after they were written, and its pages slow).
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
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

  /** The revision of the registry's stream folded so far; -1n before its first event. */
  get revision(): bigint {
    return this.#revision;
  }

  /** Re-reads the stream; true when it moved. Concurrent calls share one read. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#reread().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #reread(): Promise<boolean> {
    // The state is persistent (versioned-map.ts): folding on from the kept one leaves it untouched.
    let state = this.#state;
    let revision = this.#revision;
    try {
      for await (const recorded of this.store.readStream(this.streamName, { fromRevision: revision + 1n })) {
        state = registryDecider.evolve(state, organisationEvents.fromRecorded(recorded));
        revision = recorded.revision;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      throw error;
    }
    if (revision === this.#revision) return false;
    this.#state = state;
    this.#revision = revision;
    return true;
  }
}
