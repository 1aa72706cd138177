// The deadline timers as the firing loop sees them: through the projection's view `hotline_timers`
// (the engine points it at the active generation's table; see timers-projection.ts for the DDL).
import type { TimerKind } from './timer-changes.js';

export type TimerState = 'pending' | 'fired' | 'cancelled';

/** What firing came to: the overdue event recorded now, found already recorded, or not needed (stale). */
export type FireOutcome = 'recorded' | 'already_recorded' | 'not_needed' | 'refused';

// Type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible shape.
export type TimerTable = {
  timer_id: string;
  work_order_id: string;
  kind: TimerKind;
  due_at: Date;
  /** The due time exactly as the events wrote it: the firing command carries it back to the decider. */
  due_at_iso: string;
  /** When to fire: the due time, or later after a failed try. */
  fire_at: Date;
  state: TimerState;
  attempts: number;
  last_error: string | null;
  fired_at: Date | null;
  outcome: FireOutcome | null;
};

export type TimersDatabase = {
  hotline_timers: TimerTable;
};
