// How the generator writes: each stream's commands are decided by the service's own decider on the
// stream's state, in order, and the events it returns are appended with the metadata handleCommand gives
// them (actor, correlation, causation, occurredAt, the commandId; event ids derived from the commandId),
// guarded by the stream's expected revision. On PostgreSQL many streams' appends go in one call of the
// store's batch append (one transaction each batch, every append with its own guard and outcome), while
// the next phase is generated (append-pipeline.ts); elsewhere each stream is one append, many in flight.
import type { AppendResult, Actor, EventStore, EventToAppend, ExpectedRevision } from '@bureau/event-store';
import { commandEventId, uuidV5, type DomainMessage, type EventRegistry } from '@bureau/service-kit';

/** The generator's UUID v5 namespace: command ids (hence event ids) are derived from the seed and a key. */
export const GENERATOR_NAMESPACE = '4f3c2a1e-8d7b-4c6a-9e5f-0a1b2c3d4e5f';

export type Evolve<S, E> = (state: S, event: E) => S;

export class StreamBuilder<S, E extends DomainMessage> {
  #state: S;
  #revision: bigint;
  readonly #pending: EventToAppend[] = [];
  readonly #types: string[] = [];

  constructor(
    readonly streamName: string,
    private readonly registry: EventRegistry<E>,
    private readonly evolve: Evolve<S, E>,
    initial: S,
    /** The stream's revision when it already holds events (the registry's stream); -1n: a new stream. */
    revision = -1n,
  ) {
    this.#state = initial;
    this.#revision = revision;
  }

  get state(): S {
    return this.#state;
  }

  /** Decides one command on the stream's state (the decider's error, if any, is the generator's bug) and queues its events. */
  run(commandId: string, actor: Actor, at: Date, decide: (state: S) => readonly E[], correlationId = commandId): readonly E[] {
    const events = decide(this.#state);
    const envelope = { correlationId, causationId: commandId, actor, occurredAt: at.toISOString() };
    events.forEach((event, index) => {
      this.#pending.push(this.registry.toAppend(event, { id: commandEventId(commandId, index), envelope, extraMetadata: { commandId } }));
      this.#types.push(event.type);
      this.#state = this.evolve(this.#state, event);
    });
    return events;
  }

  /** Queues an event the service writes outside handleCommand (the numbering stream's allocation). */
  push(event: EventToAppend, type: string): void {
    this.#pending.push(event);
    this.#types.push(type);
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** The queued events' types, for the summary. */
  get types(): readonly string[] {
    return this.#types;
  }

  /** What is queued, as one append guarded by the revision the stream is at (taken: no longer queued); undefined when nothing is. */
  takePending(): { streamName: string; events: EventToAppend[]; expectedRevision: ExpectedRevision } | undefined {
    if (this.#pending.length === 0) return undefined;
    return { streamName: this.streamName, events: this.#pending.splice(0), expectedRevision: this.#revision === -1n ? 'no_stream' : this.#revision };
  }

  /** The store's answer to the append takePending gave: the stream is now at its revision. */
  appended(result: AppendResult): void {
    this.#revision = result.nextExpectedRevision;
  }

  /**
   * Appends what is queued, guarded by the revision the stream is at. Returns how many events were
   * written: 0 when the store already held these very events (the same seed written again).
   */
  async flush(store: EventStore): Promise<number> {
    const append = this.takePending();
    if (!append) return 0;
    const result = await store.appendToStream(append.streamName, append.events, { expectedRevision: append.expectedRevision });
    this.appended(result);
    return result.written ? append.events.length : 0;
  }
}

/** A derived command id: the same seed and key always give the same id (and so the same event ids). */
export const commandIdOf = (seed: string, key: string) => uuidV5(`year-generator:${seed}:${key}`, GENERATOR_NAMESPACE);

/** Appends many streams with up to `inFlight` appends at once; the store's group commit batches them. */
export async function flushAll(store: EventStore, builders: Iterable<{ flush(store: EventStore): Promise<number> }>, inFlight: number, onEvents: (n: number) => void): Promise<void> {
  const queue = [...builders];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next;
      next += 1;
      const builder = queue[i];
      if (!builder) return;
      onEvents(await builder.flush(store));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, worker));
}
