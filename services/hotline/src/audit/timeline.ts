// An order's timeline read straight from its stream, for auditors: every event with its type, who did
// it (the envelope's actor and the decision's `by`), when, and whether the stream's hash chain is intact.
// Personal data is masked unless the reader may see it.
import { readEnvelope, StreamNotFoundError, verifyStreamChain, type EventStore, type Json, type RecordedEvent } from '@bureau/event-store';
import type { CitizenContact } from '../domain/index.js';
import { maskCitizen, maskFreeText } from '../privacy/mask.js';
import type { WorkOrderEventRegistry } from '../events/work-order-events.js';
import { workOrderStreamOf } from '../work-order-id.js';

export interface TimelineEntry {
  readonly revision: string;
  readonly type: string;
  readonly occurredAt: string | null;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string; readonly organisation: string } | null;
  readonly data: Json;
  readonly hash: string;
}

export type ChainView =
  | { readonly intact: true; readonly events: number; readonly lastHash: string }
  | { readonly intact: false; readonly events: number; readonly brokenAtRevision: string; readonly reason: string };

export interface Timeline {
  readonly workOrderId: string;
  /** The owning organisation, from the dispatch (upcast for orders recorded before it was stored). */
  readonly owner: string;
  readonly entries: TimelineEntry[];
  readonly chain: ChainView;
}

/** The citizen as the dispatch recorded it: what masking looks for in the other events. */
function citizenOf(events: readonly RecordedEvent[]): CitizenContact {
  const dispatched = events.find((e) => e.type === 'WorkOrderDispatched')?.data;
  const citizen = typeof dispatched === 'object' && dispatched !== null && !Array.isArray(dispatched) ? dispatched.citizen : undefined;
  if (typeof citizen !== 'object' || citizen === null || Array.isArray(citizen)) return { name: null, phone: null };
  return {
    name: typeof citizen.name === 'string' ? citizen.name : null,
    phone: typeof citizen.phone === 'string' ? citizen.phone : null,
  };
}

function masked(value: Json, citizen: CitizenContact): Json {
  if (typeof value === 'string') return maskFreeText(value, citizen);
  if (Array.isArray(value)) return value.map((v) => masked(v, citizen));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === 'citizen' ? maskCitizen(citizen) : masked(inner, citizen);
  }
  return out;
}

/** undefined when the order does not exist. */
export async function readTimeline(store: EventStore, registry: WorkOrderEventRegistry, workOrderId: string, showPersonalData: boolean): Promise<Timeline | undefined> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(workOrderStreamOf(workOrderId))) events.push(event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  const first = events[0];
  const dispatched = first ? registry.fromRecorded(first) : undefined;
  if (dispatched?.type !== 'WorkOrderDispatched') return undefined;
  const verdict = await verifyStreamChain(events);
  const citizen = citizenOf(events);
  const entries = events.map((e) => {
    const envelope = readEnvelope(e.metadata);
    return {
      revision: e.revision.toString(),
      type: e.type,
      occurredAt: envelope?.occurredAt ?? null,
      recordedAt: e.recordedAt.toISOString(),
      actor: envelope?.actor ?? null,
      data: showPersonalData ? e.data : masked(e.data, citizen),
      hash: e.hash,
    };
  });
  const chain: ChainView = verdict.intact
    ? verdict
    : { intact: false, events: verdict.events, brokenAtRevision: verdict.brokenAt.toString(), reason: verdict.reason };
  return { workOrderId, owner: dispatched.data.owner, entries, chain };
}
