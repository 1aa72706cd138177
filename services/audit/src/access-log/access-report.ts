// Who looked at what, over a period: the CaseViewed events of each day's access-log stream, in order,
// kept to the views of cases the reader reaches.
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { accessLogStreamName, auditEvents, type CaseViewed } from '../events/audit-events.js';

const DAY_MS = 86_400_000;

/** Days from `from` to `to` inclusive, as YYYY-MM-DD (UTC). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export async function accessReport(store: EventStore, from: string, to: string, mayReach: (owners: readonly string[]) => boolean): Promise<CaseViewed[]> {
  const views: CaseViewed[] = [];
  for (const day of daysBetween(from, to)) {
    try {
      for await (const e of store.readStream(accessLogStreamName(day))) {
        const event = auditEvents.fromRecorded(e);
        if (event.type === 'CaseViewed' && mayReach(event.data.owners)) views.push(event.data);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }
  return views;
}
