// The hotline's timer rules as the package's projection reads them: work-order streams, the order id as
// the subject, timerChangesOf as the rule. Due times come with the events (the decider computed them on
// the hotline's calendar), so no calendar is needed here.
import type { GlobalPosition } from '@bureau/event-store';
import { timersProjection as durableTimersProjection, type TimerRules } from '@bureau/durable-timers';
import { toWorkOrderEvent, workOrderStreamCategory } from '../domain/index.js';
import { timerChangesOf, type TimerKind } from './timer-changes.js';
import { HOTLINE_SUBJECT_COLUMN, HOTLINE_TIMERS_TABLE } from './timer-table.js';

export const TIMERS_PROJECTION = 'hotline_deadline_timers';

const STREAM_PREFIX = `${workOrderStreamCategory}-`;

export const hotlineTimerRules: TimerRules<TimerKind> = {
  streamCategories: [workOrderStreamCategory],
  subjectOf: (event) => (event.streamName.startsWith(STREAM_PREFIX) ? event.streamName.slice(STREAM_PREFIX.length) : undefined),
  changesOf: (recorded) => {
    const event = toWorkOrderEvent(recorded);
    return event ? timerChangesOf(event) : [];
  },
};

export interface TimersProjectionOptions {
  /** Told (before commit) the position of a batch that set timers and the earliest: the loop re-plans. */
  readonly onScheduled: (position: GlobalPosition, earliest: Date) => void;
}

/**
 * The projection's identity and rules, for the plugin and for tests of the projection alone. Version 1
 * still: it derives the rows the hotline's own projection derived before the package.
 */
export const hotlineTimers = {
  name: TIMERS_PROJECTION,
  version: 1,
  table: HOTLINE_TIMERS_TABLE,
  subjectColumn: HOTLINE_SUBJECT_COLUMN,
  rules: hotlineTimerRules,
} as const;

export function timersProjection(options: TimersProjectionOptions) {
  return durableTimersProjection({ ...hotlineTimers, onScheduled: options.onScheduled });
}
