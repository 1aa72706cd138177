// A file's timeline (办理经过) straight from its stream: every event as the registry reads it today
// (upcast), who did it (the envelope's actor: id, role, organisation), when the act happened and when it
// was recorded, and the file as folded from them (its reach, its people). No read model in between: the
// stream is the record, and a timeline must never lag behind it.
import { readEnvelope, StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { evolve, initialState, legalAidStreamName, type LegalAidEvent, type LegalAidState } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';

export interface FileTimelineEntry {
  readonly revision: string;
  readonly event: LegalAidEvent;
  /** When the act happened (the envelope's occurredAt), null for an event recorded without an envelope. */
  readonly occurredAt: string | null;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string; readonly organisation: string } | null;
}

export interface FileTimeline {
  readonly state: LegalAidState;
  readonly revision: bigint;
  readonly entries: readonly FileTimelineEntry[];
}

/** undefined when the file does not exist. */
export async function readFileTimeline(store: EventStore, caseId: string): Promise<FileTimeline | undefined> {
  const entries: FileTimelineEntry[] = [];
  let state: LegalAidState = initialState();
  let revision = -1n;
  try {
    for await (const recorded of store.readStream(legalAidStreamName(caseId))) {
      const event = legalAidEvents.fromRecorded(recorded);
      state = evolve(state, event);
      revision = recorded.revision;
      const envelope = readEnvelope(recorded.metadata);
      entries.push({
        revision: recorded.revision.toString(),
        event,
        occurredAt: envelope?.occurredAt ?? null,
        recordedAt: recorded.recordedAt.toISOString(),
        actor: envelope ? { id: envelope.actor.id, role: envelope.actor.role, organisation: envelope.actor.organisation } : null,
      });
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  return entries.length === 0 ? undefined : { state, revision, entries };
}
