// The one way a service changes a stream: read, fold, decide, append, guarded by the revision read,
// and idempotent under retry (the commandId fixes the event ids; a replay returns the first result).
import { InvalidEventStoreInputError, WrongExpectedRevisionError, type Actor, type EventStore, type GlobalPosition } from '@bureau/event-store';
import type { Decider, DomainMessage } from '../domain/decider.js';
import type { EventRegistry } from '../events/registry.js';
import { IdempotencyKeyReusedError, PreconditionFailedError } from './errors.js';
import { commandEventId } from './event-ids.js';
import { loadStream } from './load-stream.js';

export interface CommandContext {
  /** The client's idempotency key: sending the same key again means "the same command". */
  readonly commandId: string;
  readonly actor: Actor;
  /** Shared by everything one request causes; usually the request id. Defaults to commandId. */
  readonly correlationId?: string;
  /** Defaults to the commandId: the command caused the events. */
  readonly causationId?: string;
  /** When it happened in the domain; defaults to now. */
  readonly occurredAt?: Date;
  /** The client's precondition (If-Match): the stream must be at exactly this revision. */
  readonly expectedRevision?: bigint | 'no_stream';
  /**
   * What the key is used for: a digest of the parsed request (`commandDigestOf`). Stored with the events;
   * the same key sent again with another digest is refused. Omitted by internal callers whose retries
   * carry a fresh clock reading (timers), whose keys are derived, never chosen by a person.
   */
  readonly commandDigest?: string;
}

export interface HandleCommandInput<S, C, E extends DomainMessage> {
  readonly store: EventStore;
  readonly registry: EventRegistry<E>;
  readonly streamName: string;
  readonly decider: Decider<S, C, E>;
  readonly command: C;
  readonly context: CommandContext;
  /** Re-read and re-decide this many times when another writer got in first (default 3). */
  readonly maxRetries?: number;
  /**
   * Commands that normally start their stream (a work order's dispatch): decided on the initial state and
   * appended with `no_stream` without reading first, one round trip instead of two. If the stream exists
   * after all (a redelivery, or a rule the decider would apply), the store says so (WrongExpectedRevision,
   * or `written: false` for this very command) and the command goes the ordinary way: read, decide.
   */
  readonly startsStream?: (command: C) => boolean;
  /**
   * Whether the caller may act on this stream at all, judged on its state (its owning organisation
   * against the caller's reach): throws the route's not-found when not. Checked before anything else is
   * answered (a replay, a failed precondition, the decision), so a stream out of reach is told apart
   * from a missing one by nothing.
   */
  readonly authorize?: (state: S) => void;
}

export interface CommandResult<E> {
  readonly events: readonly E[];
  /** The stream's revision after the command; -1n when it still does not exist. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the command's last event (of the stream's last event if it recorded none). */
  readonly position: GlobalPosition | undefined;
  /** True when this commandId had been applied before: nothing new was written. */
  readonly alreadyApplied: boolean;
}

export const DEFAULT_MAX_RETRIES = 3;

export async function handleCommand<S, C, E extends DomainMessage>(input: HandleCommandInput<S, C, E>): Promise<CommandResult<E>> {
  const { store, registry, streamName, decider, command, context } = input;
  const maxRetries = input.maxRetries ?? DEFAULT_MAX_RETRIES;
  const occurredAt = (context.occurredAt ?? new Date()).toISOString();
  const envelope = {
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.causationId ?? context.commandId,
    actor: context.actor,
    occurredAt,
  };
  const extraMetadata = { commandId: context.commandId, ...(context.commandDigest ? { commandDigest: context.commandDigest } : {}) };
  const toAppend = (events: readonly E[]) =>
    events.map((event, index) =>
      registry.toAppend(event, { id: commandEventId(context.commandId, index), envelope, extraMetadata }),
    );
  if (input.startsStream?.(command) && (context.expectedRevision === undefined || context.expectedRevision === 'no_stream')) {
    const created = await tryAsNewStream(input, toAppend);
    if (created) return created;
  }
  for (let attempt = 0; ; attempt += 1) {
    const loaded = await loadStream(store, registry, decider, streamName, context.commandId);
    input.authorize?.(loaded.state);
    if (loaded.appliedBefore) {
      const { events, revision, position, commandDigest } = loaded.appliedBefore;
      // Events stored before digests were recorded carry none: they are taken as the same command.
      if (context.commandDigest && commandDigest && commandDigest !== context.commandDigest) throw new IdempotencyKeyReusedError(context.commandId);
      return { events, nextExpectedRevision: revision, position, alreadyApplied: true };
    }
    const wanted = context.expectedRevision;
    if (wanted !== undefined && (wanted === 'no_stream' ? -1n : wanted) !== loaded.revision) {
      throw new PreconditionFailedError(streamName, wanted, loaded.revision);
    }
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) {
      return { events, nextExpectedRevision: loaded.revision, position: loaded.lastPosition, alreadyApplied: false };
    }
    try {
      const expectedRevision = loaded.revision === -1n ? 'no_stream' : loaded.revision;
      const result = await store.appendToStream(streamName, toAppend(events), { expectedRevision });
      return { events, nextExpectedRevision: result.nextExpectedRevision, position: result.position, alreadyApplied: false };
    } catch (error) {
      throwIfCommandIdReused(error, context.commandId);
      // Someone appended between our read and our write: read again (perhaps it was this very
      // command, retried concurrently) and decide again, a bounded number of times.
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxRetries) throw error;
    }
  }
}

/**
 * The first try of a command that starts its stream: no read. Undefined when the stream turned out to
 * exist (or the decider refused the initial state): the caller then reads and decides as usual, and a
 * redelivery finds its own events there and answers as the first delivery did.
 */
async function tryAsNewStream<S, C, E extends DomainMessage>(
  input: HandleCommandInput<S, C, E>,
  toAppend: (events: readonly E[]) => ReturnType<EventRegistry<E>['toAppend']>[],
): Promise<CommandResult<E> | undefined> {
  let events: readonly E[];
  try {
    events = input.decider.decide(input.command, input.decider.initialState());
  } catch {
    // Decided again on what the stream holds, which is what a refusal must be based on.
    return undefined;
  }
  if (events.length === 0) return undefined;
  try {
    const result = await input.store.appendToStream(input.streamName, toAppend(events), { expectedRevision: 'no_stream' });
    if (!result.written) return undefined;
    return { events, nextExpectedRevision: result.nextExpectedRevision, position: result.position, alreadyApplied: false };
  } catch (error) {
    throwIfCommandIdReused(error, input.context.commandId);
    if (error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  }
}

function throwIfCommandIdReused(error: unknown, commandId: string): void {
  // The derived ids exist in another stream: the client reused an idempotency key.
  if (error instanceof InvalidEventStoreInputError && /^events\[\d+\]\.id$/.test(error.field)) throw new IdempotencyKeyReusedError(commandId);
}
