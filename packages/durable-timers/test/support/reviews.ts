// The tests' own small domain (not the hotline's): a review (审查) with a limit in working days whose
// clock stops while materials are awaited, and a ledger (台账) with a month-end reminder. Its timer
// rules are a pure function from event to timer changes, as a service's would be.
import { createHash } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent } from '@bureau/event-store';
import type { DueTimer, FireContext, TimerChange, TimerRules } from '../../src/index.js';

export type ReviewTimer = 'review' | 'ledger_reminder';

const data = (event: RecordedEvent) => event.data as Record<string, string | number>;

export function reviewChangesOf(event: RecordedEvent): TimerChange<ReviewTimer>[] {
  const d = data(event);
  switch (event.type) {
    case 'ReviewOpened':
      return [{ kind: 'start', timer: 'review', deadline: { unit: 'working_days', amount: Number(d.workingDays) }, from: String(d.at) }];
    case 'MaterialsRequested':
      return [{ kind: 'pause', timer: 'review', at: String(d.at) }];
    case 'MaterialsReceived':
      return [{ kind: 'resume', timer: 'review', at: String(d.at) }];
    case 'ReviewDecided':
      return [{ kind: 'cancel', timer: 'review' }];
    case 'ReviewOverdue':
      return [{ kind: 'fired', timer: 'review', dueAt: String(d.dueAt) }];
    case 'LedgerOpened':
      return [{ kind: 'repeat', timer: 'ledger_reminder', repeat: { every: 'month_end' }, from: String(d.at) }];
    case 'LedgerReminderSent':
      return [{ kind: 'fired', timer: 'ledger_reminder', dueAt: String(d.occurrence) }];
    default:
      return [];
  }
}

/** Rules for the streams of one category (two "services" in a test use two categories). */
export function reviewRules(category: string): TimerRules<ReviewTimer> {
  const prefix = `${category}-`;
  return {
    streamCategories: [category],
    subjectOf: (event) => (event.streamName.startsWith(prefix) ? event.streamName.slice(prefix.length) : undefined),
    changesOf: reviewChangesOf,
  };
}

/** An event id fixed by the command id: the store writes a second append of it as nothing. */
export function eventIdOf(commandId: string): string {
  const h = createHash('sha256').update(commandId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a timer fires: ReviewOverdue or LedgerReminderSent on the subject's stream, once per command id. */
export function recordFire(store: EventStore, category: string) {
  return async (timer: DueTimer, { commandId, now }: FireContext) => {
    const event: EventToAppend =
      timer.kind === 'review'
        ? { type: 'ReviewOverdue', data: { dueAt: timer.due_at_iso, recordedAt: now.toISOString() } }
        : { type: 'LedgerReminderSent', data: { occurrence: timer.due_at_iso, recordedAt: now.toISOString() } };
    const result = await store.appendToStream(`${category}-${timer.subject_id}`, [{ id: eventIdOf(commandId), ...event }], { expectedRevision: 'stream_exists' });
    return result.written ? ('recorded' as const) : ('already_recorded' as const);
  };
}

export async function eventsOf(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(stream)) events.push(event);
  } catch (error) {
    if ((error as { name?: string }).name !== 'StreamNotFoundError') throw error;
  }
  return events;
}
