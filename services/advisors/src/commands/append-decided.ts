// Appending events already decided on a state read earlier, as handleCommand would append them (the same
// event ids from the command id, the same envelope and metadata), expecting the revision that state was
// read at. For the import, which decides each stream once and should not read a stream again only to
// decide the same thing (a province's ledgers are decided once, in validation, and appended as decided).
// Undefined when the stream has moved since: the
// caller then goes the ordinary way (handleCommand: read, decide, append).
import { WrongExpectedRevisionError, type AppendResult, type EventStore } from '@bureau/event-store';
import { commandEventId, type CommandContext, type EventRegistry } from '@bureau/service-kit';
import type { DomainMessage } from '@bureau/service-kit/domain';

export interface Decided<E> {
  /** The revision of the state the events were decided on; -1n for a stream that did not exist. */
  readonly revision: bigint;
  readonly events: readonly E[];
}

export async function appendDecided<E extends DomainMessage>(
  store: EventStore,
  registry: EventRegistry<E>,
  streamName: string,
  decided: Decided<E>,
  context: CommandContext,
): Promise<AppendResult | undefined> {
  const envelope = {
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.causationId ?? context.commandId,
    actor: context.actor,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
  };
  const extraMetadata = { commandId: context.commandId, ...(context.commandDigest ? { commandDigest: context.commandDigest } : {}) };
  const events = decided.events.map((event, index) => registry.toAppend(event, { id: commandEventId(context.commandId, index), envelope, extraMetadata }));
  try {
    return await store.appendToStream(streamName, events, { expectedRevision: decided.revision === -1n ? 'no_stream' : decided.revision });
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  }
}
