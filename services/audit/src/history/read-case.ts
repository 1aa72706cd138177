// Opens one case: reads its stream and replays it with the owning service's rules (or takes the replay
// kept for the stream's current head). A case that does not exist, is not yet a case, or lies outside
// the caller's reach is the same answer: undefined.
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@bureau/event-store';
import type { CaseKind, ReplayStep } from '../cases/case-kind.js';
import { personalDataIn, type PersonalData } from '../privacy/mask.js';
import type { CaseCache } from './case-cache.js';

export interface OpenedCase {
  readonly kind: CaseKind;
  readonly caseId: string;
  readonly streamName: string;
  readonly steps: readonly ReplayStep[];
  /** The owners in the case's latest state: what reach is checked against. */
  readonly owners: readonly string[];
  /** The personal data the case holds (fields and values), for masking and the access log. */
  readonly personal: PersonalData;
  /** Rendered responses kept with this replay (empty when the case is not cached). */
  readonly rendered: Map<string, string>;
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

async function headOf(store: EventStore, streamName: string): Promise<RecordedEvent | undefined> {
  try {
    for await (const e of store.readStream(streamName, { direction: 'backwards', maxCount: 1 })) return e;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  return undefined;
}

export async function openCase(
  store: EventStore,
  kind: CaseKind,
  caseId: string,
  mayReach: (owners: readonly string[]) => boolean,
  cache?: CaseCache,
): Promise<OpenedCase | undefined> {
  if (!kind.caseIdPattern.test(caseId)) return undefined;
  const streamName = kind.streamName(caseId);
  let replay = undefined;
  if (cache) {
    const head = await headOf(store, streamName);
    if (!head) return undefined;
    replay = cache.get(streamName, head.revision, head.hash);
  }
  if (!replay) {
    const events = await readStreamEvents(store, streamName);
    const last = events?.at(-1);
    if (!events || !last) return undefined;
    const steps = kind.replay(events);
    replay = { revision: last.revision, hash: last.hash, steps, personal: personalDataIn(steps.map((s) => s.event.data)), rendered: new Map<string, string>() };
    cache?.set(streamName, replay);
  }
  const owners = replay.steps.at(-1)?.owners ?? [];
  if (owners.length === 0 || !mayReach(owners)) return undefined;
  return { kind, caseId, streamName, steps: replay.steps, owners, personal: replay.personal, rendered: replay.rendered };
}
