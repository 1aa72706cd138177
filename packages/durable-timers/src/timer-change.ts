// What a service declares: which events start, move, pause, resume and cancel which timers. Its rule is
// a pure function from one event to these changes; the projection applies them in event order.
import type { RecordedEvent } from '@bureau/event-store';
import type { Deadline } from './deadline.js';
import type { Repeat } from './schedule.js';

/** An instant in ISO 8601, exactly as the event wrote it. */
export type IsoInstant = string;

export type TimerChange<Kind extends string = string> =
  /** Set (or move) the timer to fire at `dueAt`, an instant the event itself carries. */
  | { readonly kind: 'schedule'; readonly timer: Kind; readonly dueAt: IsoInstant }
  /** Start (or restart) a counted deadline from `from`: the due moment is computed on the calendar. */
  | { readonly kind: 'start'; readonly timer: Kind; readonly deadline: Deadline; readonly from: IsoInstant }
  /** A schedule that fires at each occurrence after `from` and re-arms itself. */
  | { readonly kind: 'repeat'; readonly timer: Kind; readonly repeat: Repeat; readonly from: IsoInstant }
  /** Stop the clock at `at`, keeping what is left (paused-clock rule, paused-clock.ts). */
  | { readonly kind: 'pause'; readonly timer: Kind; readonly at: IsoInstant }
  /** Start the clock again at `at` with what was left. */
  | { readonly kind: 'resume'; readonly timer: Kind; readonly at: IsoInstant }
  /** It will not fire: the deadline was met or no longer applies. */
  | { readonly kind: 'cancel'; readonly timer: Kind }
  /** The event a fire records for `dueAt` is in the log: the timer has done its work (also on a rebuild). */
  | { readonly kind: 'fired'; readonly timer: Kind; readonly dueAt: IsoInstant };

/**
 * Which events the timers' projection reads: the stream categories whose events may change timers, or,
 * when only a few event types ever do (and the categories hold many others), those types (the store's
 * type filter, as prefixes: the store passes over the rest without sending them).
 */
export type TimerEventFilter =
  | { readonly streamCategories: readonly string[]; readonly eventTypes?: undefined }
  | { readonly eventTypes: readonly string[]; readonly streamCategories?: undefined };

/** A service's timer rules, as the projection reads them. */
export type TimerRules<Kind extends string = string> = TimerEventFilter & {
  /** The subject (work order, application…) an event's timers belong to; undefined to ignore the event. */
  subjectOf(event: RecordedEvent): string | undefined;
  /** The pure rule: which timers of the subject this event changes, in order. */
  changesOf(event: RecordedEvent): readonly TimerChange<Kind>[];
};

/** One row per (subject, timer kind): `<subject>/<kind>`. */
export function timerIdOf(subjectId: string, timer: string): string {
  return `${subjectId}/${timer}`;
}
