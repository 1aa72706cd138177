// Opens one case: reads its stream whole and replays it with the owning service's rules. A case that
// does not exist, is not yet a case, or lies outside the caller's reach is the same answer: undefined.
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@bureau/event-store';
import type { CaseKind, ReplayStep } from '../cases/case-kind.js';

export interface OpenedCase {
  readonly kind: CaseKind;
  readonly caseId: string;
  readonly streamName: string;
  readonly steps: readonly ReplayStep[];
  /** The owners in the case's latest state: what reach is checked against. */
  readonly owners: readonly string[];
}

export async function readStreamEvents(store: EventStore, streamName: string): Promise<RecordedEvent[] | undefined> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(streamName)) events.push(e);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  return events;
}

export async function openCase(
  store: EventStore,
  kind: CaseKind,
  caseId: string,
  mayReach: (owners: readonly string[]) => boolean,
): Promise<OpenedCase | undefined> {
  if (!kind.caseIdPattern.test(caseId)) return undefined;
  const streamName = kind.streamName(caseId);
  const events = await readStreamEvents(store, streamName);
  if (!events || events.length === 0) return undefined;
  const steps = kind.replay(events);
  const owners = steps.at(-1)?.owners ?? [];
  if (owners.length === 0 || !mayReach(owners)) return undefined;
  return { kind, caseId, streamName, steps, owners };
}
