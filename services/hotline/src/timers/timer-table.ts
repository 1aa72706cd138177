// The hotline's timers table, `hotline_timers`: the package's table (see @bureau/durable-timers) under
// the hotline's name, typed for `app.db.withTables`.
import { timersTable, type TimerRow } from '@bureau/durable-timers';

export type { FireOutcome, TimerState } from '@bureau/durable-timers';

export const HOTLINE_TIMERS_TABLE = 'hotline_timers';
/** The order is the subject; its column kept the name it had before the package. */
export const HOTLINE_SUBJECT_COLUMN = 'work_order_id';
export const hotlineTimersTable = timersTable(HOTLINE_TIMERS_TABLE, HOTLINE_SUBJECT_COLUMN);

/** Rows as the package reads them (the order id as `subject_id`). */
export type TimersDatabase = {
  hotline_timers: TimerRow;
};
