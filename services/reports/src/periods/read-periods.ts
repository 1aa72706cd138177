// A district's closes and ranks as recorded, each close with the position it was recorded at (the
// closed report counts what was recorded by then).
import { StreamNotFoundError, type EventStore, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import { reportPeriodsStreamName } from './decider.js';
import { reportPeriodsEvents } from './registry.js';

export interface PeriodClose {
  readonly period: string;
  readonly position: GlobalPosition;
  readonly closedAt: string;
  readonly closedBy: string | null;
  readonly eventId: string;
}

export interface PeerReviewRank {
  readonly year: number;
  readonly rank: number;
  readonly of: number;
  readonly source: string;
  readonly recordedAt: string;
}

export interface DistrictPeriods {
  readonly closes: ReadonlyMap<string, PeriodClose>;
  readonly ranks: ReadonlyMap<number, PeerReviewRank>;
}

export async function readDistrictPeriods(store: EventStore, districtId: string): Promise<DistrictPeriods> {
  const closes = new Map<string, PeriodClose>();
  const ranks = new Map<number, PeerReviewRank>();
  for (const recorded of await storedEvents(store, reportPeriodsStreamName(districtId))) {
    const event = reportPeriodsEvents.fromRecorded(recorded);
    if (event.type === 'ReportPeriodClosed') {
      const actor = recorded.metadata['actor'];
      const closedBy = actor && typeof actor === 'object' && !Array.isArray(actor) && typeof actor['id'] === 'string' ? actor['id'] : null;
      closes.set(event.data.period, { period: event.data.period, position: recorded.position, closedAt: event.data.closedAt, closedBy, eventId: recorded.id });
    } else {
      // The latest recorded for a year stands (a rank published again, corrected).
      const { year, rank, of, source, recordedAt } = event.data;
      ranks.set(year, { year, rank, of, source, recordedAt });
    }
  }
  return { closes, ranks };
}

async function storedEvents(store: EventStore, streamName: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const recorded of store.readStream(streamName)) events.push(recorded);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}
