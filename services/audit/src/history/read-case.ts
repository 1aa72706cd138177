// Opens one case: reads its stream and replays it with the owning service's rules (or takes the replay
// kept for the stream's current head, or goes on from a kept replay when the case has moved on since).
// A case that does not exist, is not yet a case, or lies outside the caller's reach is the same answer:
// undefined.
import { StreamNotFoundError, type EventStore, type ReadStreamOptions, type RecordedEvent } from '@bureau/event-store';
import type { CaseKind, ReplayStep } from '../cases/case-kind.js';
import { mergePersonalData, personalDataIn, type PersonalData } from '../privacy/mask.js';
import type { CachedCase, CaseCache } from './case-cache.js';

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

export async function readStreamEvents(store: EventStore, streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[] | undefined> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(streamName, options)) events.push(e);
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

function replayed(steps: readonly ReplayStep[], personal: PersonalData): CachedCase | undefined {
  const last = steps.at(-1);
  return last ? { revision: last.recorded.revision, hash: last.recorded.hash, steps, personal, rendered: new Map<string, string>() } : undefined;
}

/** Every event from the start, replayed in one pass. */
async function replayWhole(store: EventStore, kind: CaseKind, streamName: string): Promise<CachedCase | undefined> {
  const events = await readStreamEvents(store, streamName);
  if (!events) return undefined;
  const steps = kind.replay(events);
  return replayed(steps, personalDataIn(steps.map((s) => s.event.data)));
}

/**
 * A kept replay carried on to the stream's head: the events after it are read (with the kept head
 * again, whose hash must still be the one kept, or the stream is replayed whole) and replayed from the
 * kept last state. Each event is replayed once however often the case moves: no O(n²).
 */
async function replayOnwards(store: EventStore, kind: CaseKind, streamName: string, kept: CachedCase): Promise<CachedCase | undefined> {
  const events = await readStreamEvents(store, streamName, { fromRevision: kept.revision });
  const [same, ...after] = events ?? [];
  if (!same || same.revision !== kept.revision || same.hash !== kept.hash) return replayWhole(store, kind, streamName);
  const steps = kind.replay(after, kept.steps.at(-1)?.state);
  return replayed([...kept.steps, ...steps], mergePersonalData(kept.personal, personalDataIn(steps.map((s) => s.event.data))));
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
  let replay: CachedCase | undefined;
  if (cache) {
    const head = await headOf(store, streamName);
    if (!head) return undefined;
    replay = cache.get(streamName, head.revision, head.hash);
    if (!replay) {
      const kept = cache.kept(streamName);
      replay = kept && kept.revision < head.revision ? await replayOnwards(store, kind, streamName, kept) : await replayWhole(store, kind, streamName);
      if (replay) cache.set(streamName, replay);
    }
  } else {
    replay = await replayWhole(store, kind, streamName);
  }
  if (!replay) return undefined;
  const owners = replay.steps.at(-1)?.owners ?? [];
  if (owners.length === 0 || !mayReach(owners)) return undefined;
  return { kind, caseId, streamName, steps: replay.steps, owners, personal: replay.personal, rendered: replay.rendered };
}
