// Who looked at what, over a period: the CaseViewed events of each day's access-log streams (its shards,
// read together, and the day's one stream of the first layout), merged in the order the store recorded
// them ($all), kept to the views of cases the reader reaches.
import { comparePositions, StreamNotFoundError, type EventStore, type RecordedEvent } from '@bureau/event-store';
import { accessLogStreamsOf, auditEvents, type CaseViewed } from '../events/audit-events.js';

const DAY_MS = 86_400_000;

/** Days from `from` to `to` inclusive, as YYYY-MM-DD (UTC). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

async function readWhole(store: EventStore, streamName: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(streamName)) events.push(e);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/** A day's views, every stream of it read at once, in $all order. */
export async function viewsOfDay(store: EventStore, day: string): Promise<CaseViewed[]> {
  const streams = await Promise.all(accessLogStreamsOf(day).map((name) => readWhole(store, name)));
  const views: CaseViewed[] = [];
  for (const e of streams.flat().sort((a, b) => comparePositions(a.position, b.position))) {
    const event = auditEvents.fromRecorded(e);
    if (event.type === 'CaseViewed') views.push(event.data);
  }
  return views;
}

export async function accessReport(store: EventStore, from: string, to: string, mayReach: (owners: readonly string[]) => boolean): Promise<CaseViewed[]> {
  const views: CaseViewed[] = [];
  // A loop, not push(...day): a busy day's views spread as arguments overflow the stack.
  for (const day of daysBetween(from, to)) {
    for (const v of await viewsOfDay(store, day)) if (mayReach(v.owners)) views.push(v);
  }
  return views;
}
