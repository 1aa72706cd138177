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
  readonly rendered: Map<string, Buffer>;
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

function replayed(steps: readonly ReplayStep[], personal: PersonalData): CachedCase | undefined {
  const last = steps.at(-1);
  return last ? { revision: last.recorded.revision, hash: last.recorded.hash, steps, personal, rendered: new Map<string, Buffer>() } : undefined;
}

/** Every event from the start, replayed in one pass. */
async function replayWhole(store: EventStore, kind: CaseKind, streamName: string): Promise<CachedCase | undefined> {
  const events = await readStreamEvents(store, streamName);
  if (!events) return undefined;
  const steps = kind.replay(events);
  return replayed(steps, personalDataIn(steps.map((s) => s.event.data)));
}

/**
 * A kept replay brought to the stream's head in one forward read from the kept head (forward reads are
 * batched with other readers' by the store, a backwards head read goes alone): the kept head comes back
 * first and its hash must still be the one kept, or the stream is replayed whole; nothing after it means
 * the kept replay is current; events after it are replayed from the kept last state, so each event is
 * replayed once however often the case moves: no O(n²). undefined: the stream is gone.
 */
async function replayFromKept(store: EventStore, kind: CaseKind, streamName: string, kept: CachedCase): Promise<CachedCase | undefined> {
  const events = await readStreamEvents(store, streamName, { fromRevision: kept.revision });
  if (!events) return undefined;
  const [same, ...after] = events;
  if (!same || same.revision !== kept.revision || same.hash !== kept.hash) return replayWhole(store, kind, streamName);
  if (after.length === 0) return kept;
  const steps = kind.replay(after, kept.steps.at(-1)?.state);
  return replayed([...kept.steps, ...steps], mergePersonalData(kept.personal, personalDataIn(steps.map((s) => s.event.data))));
}

/** What the case cache holds of a case now (its owners and personal data), before its freshness is read. */
export function keptCase(kind: CaseKind, caseId: string, cache: CaseCache): { readonly owners: readonly string[]; readonly personal: PersonalData } | undefined {
  if (!kind.caseIdPattern.test(caseId)) return undefined;
  const kept = cache.kept(kind.streamName(caseId));
  const owners = kept?.steps.at(-1)?.owners;
  return kept && owners && owners.length > 0 ? { owners, personal: kept.personal } : undefined;
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
  const kept = cache?.kept(streamName);
  const replay = kept ? await replayFromKept(store, kind, streamName, kept) : await replayWhole(store, kind, streamName);
  if (cache) {
    if (replay) cache.set(streamName, replay);
    else cache.delete(streamName);
  }
  if (!replay) return undefined;
  const owners = replay.steps.at(-1)?.owners ?? [];
  if (owners.length === 0 || !mayReach(owners)) return undefined;
  return { kind, caseId, streamName, steps: replay.steps, owners, personal: replay.personal, rendered: replay.rendered };
}
