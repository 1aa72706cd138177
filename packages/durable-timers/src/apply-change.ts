// One timer change applied to one timer row, in memory. Pure: the calendar and the event's time are
// inputs, so a rebuild derives the same rows and every rule is testable without a database.
import { dueOf, type DeadlineUnit, type TimerCalendar } from './deadline.js';
import { dueOnResume, remainingAtPause } from './paused-clock.js';
import { nextOccurrence } from './schedule.js';
import { timerIdOf, type TimerChange } from './timer-change.js';
import type { TimerRow } from './timer-table.js';

export interface ChangeContext {
  readonly subjectId: string;
  /** When the event that made the change was recorded. */
  readonly recordedAt: Date;
  /** The calendar counted deadlines are computed on; asked for only when a change needs it. */
  readonly calendar: () => TimerCalendar;
}

function armed(context: ChangeContext, kind: string, due: Date, basis: Pick<TimerRow, 'basis' | 'amount' | 'counted_from' | 'calendar_version' | 'repeat'>): TimerRow {
  return {
    timer_id: timerIdOf(context.subjectId, kind),
    subject_id: context.subjectId,
    kind,
    due_at: due,
    due_at_iso: due.toISOString(),
    fire_at: due,
    state: 'pending',
    attempts: 0,
    last_error: null,
    fired_at: null,
    outcome: null,
    paused_at: null,
    remaining: null,
    ...basis,
  };
}

/** A clock set to an instant from the event (not counted on the calendar) pauses like clock hours. */
const unitOf = (row: TimerRow): DeadlineUnit | undefined =>
  row.basis === 'repeat' ? undefined : row.basis === 'instant' ? 'clock_hours' : row.basis;

/** The row after `change`; `row` is the timer's row so far (undefined when it has none). */
export function applyChange(row: TimerRow | undefined, change: TimerChange, context: ChangeContext): TimerRow | undefined {
  const open = row !== undefined && (row.state === 'pending' || row.state === 'paused');
  switch (change.kind) {
    case 'schedule': {
      const at = { basis: 'instant', amount: null, counted_from: null, calendar_version: null, repeat: null } as const;
      // The instant exactly as the event wrote it: the fire names it back to the service.
      return { ...armed(context, change.timer, new Date(change.dueAt), at), due_at_iso: change.dueAt };
    }
    case 'start': {
      const calendar = context.calendar();
      const from = new Date(change.from);
      const due = dueOf(change.deadline, from, calendar);
      return armed(context, change.timer, due, { basis: change.deadline.unit, amount: change.deadline.amount, counted_from: from, calendar_version: calendar.version, repeat: null });
    }
    case 'repeat': {
      const due = nextOccurrence(change.repeat, new Date(change.from));
      return armed(context, change.timer, due, { basis: 'repeat', amount: null, counted_from: new Date(change.from), calendar_version: null, repeat: change.repeat });
    }
    case 'cancel':
      return open ? { ...row, state: 'cancelled' } : row;
    case 'fired': {
      if (!row || row.state !== 'pending' || row.due_at_iso !== change.dueAt) return row;
      if (row.repeat) {
        const next = nextOccurrence(row.repeat, new Date(change.dueAt));
        return { ...row, due_at: next, due_at_iso: next.toISOString(), fire_at: next, attempts: 0, fired_at: context.recordedAt, outcome: 'recorded', last_error: null };
      }
      return { ...row, state: 'fired', fired_at: context.recordedAt, outcome: 'recorded' };
    }
    case 'pause': {
      const unit = row && unitOf(row);
      if (!row || row.state !== 'pending' || !unit) return row;
      const at = new Date(change.at);
      const calendar = unit === 'clock_hours' ? undefined : context.calendar();
      const remaining = calendar ? remainingAtPause(unit, row.due_at, at, calendar) : Math.max(0, row.due_at.getTime() - at.getTime()) / 3_600_000;
      return { ...row, state: 'paused', paused_at: at, remaining };
    }
    case 'resume': {
      const unit = row && unitOf(row);
      if (!row || row.state !== 'paused' || !unit || row.remaining === null) return row;
      const at = new Date(change.at);
      const calendar = unit === 'clock_hours' ? undefined : context.calendar();
      const due = calendar ? dueOnResume(unit, row.remaining, at, calendar) : new Date(at.getTime() + Math.round(row.remaining * 3_600_000));
      const basis = { basis: row.basis, amount: row.amount, counted_from: at, calendar_version: calendar?.version ?? row.calendar_version, repeat: null };
      return armed(context, row.kind, due, basis);
    }
    default: {
      const unknown: never = change;
      return unknown;
    }
  }
}
