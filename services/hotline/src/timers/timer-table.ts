// The hotline's timers table, `hotline_timers`: the package's table (see @bureau/durable-timers) under
// the hotline's name, typed for `app.db.withTables`.
import { timersTable, type TimerRow } from '@bureau/durable-timers';

export const HOTLINE_TIMERS_TABLE = 'hotline_timers';
/** The order is the subject; its column kept the name it had before the package. */
export const HOTLINE_SUBJECT_COLUMN = 'work_order_id';
export const hotlineTimersTable = timersTable(HOTLINE_TIMERS_TABLE, HOTLINE_SUBJECT_COLUMN);

/** The table's columns (the package's queries read `work_order_id` back as `subject_id`). */
export type TimersDatabase = {
  hotline_timers: Omit<TimerRow, 'subject_id'> & { work_order_id: string };
};
