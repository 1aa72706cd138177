// The firing loop's reads and writes of the timers (through the view). Functions take the db or a
// transaction first.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { FireOutcome, TimersDatabase, TimerTable } from './timer-table.js';

export type TimersDb = Kysely<TimersDatabase>;
export type DueTimer = Pick<Selectable<TimerTable>, 'timer_id' | 'work_order_id' | 'kind' | 'due_at_iso' | 'attempts'>;

/**
 * Claims one due timer for one try: its fire time moves to `leaseUntil`, so no other loop takes it while
 * this one fires, and if this process dies mid-fire the timer is due again by itself. SKIP LOCKED lets
 * loops claim side by side. A single statement: no transaction stays open while the event is appended.
 */
export async function claimDueTimer(db: TimersDb, now: Date, leaseUntil: Date): Promise<DueTimer | undefined> {
  const { rows } = await sql<DueTimer>`
    UPDATE hotline_timers SET fire_at = ${leaseUntil}, attempts = attempts + 1
     WHERE timer_id = (
       SELECT timer_id FROM hotline_timers WHERE state = 'pending' AND fire_at <= ${now}
        ORDER BY fire_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING timer_id, work_order_id, kind, due_at_iso, attempts`.execute(db);
  return rows[0];
}

/**
 * "Still pending", for statements that find their timers by key. Said as "neither fired nor cancelled"
 * (the same, by the table's CHECK) so that the partial index of pending timers cannot serve it: on
 * statistics taken when no timer was pending that index looks empty, and `state = 'pending'` could be
 * planned as a walk of every pending timer instead of a primary-key probe (test/timers/stale-statistics).
 * The firing loop's claim and next-due queries do want that index, and say `state = 'pending'`.
 */
export const stillPending = (state: RawBuilder<unknown>) => sql<boolean>`(${state} <> 'fired' AND ${state} <> 'cancelled')`;

/** Guarded by the due time: a timer moved meanwhile (an extension, a redo) stays pending for its new time. */
const sameTimer = (db: TimersDb, timer: DueTimer) =>
  db
    .updateTable('hotline_timers')
    .where('timer_id', '=', timer.timer_id)
    .where('due_at_iso', '=', timer.due_at_iso)
    .where(stillPending(sql.ref('state')));

export async function markFired(db: TimersDb, timer: DueTimer, outcome: FireOutcome, at: Date, error: string | null): Promise<void> {
  await sameTimer(db, timer).set({ state: 'fired', fired_at: at, outcome, last_error: error }).execute();
}

/** A try that failed for a reason that may pass (database, calendar not loaded yet): fire again later. */
export async function deferTimer(db: TimersDb, timer: DueTimer, fireAt: Date, error: string): Promise<void> {
  await sameTimer(db, timer).set({ fire_at: fireAt, last_error: error }).execute();
}

/** When the next pending timer is due; undefined when none is. */
export async function nextFireAt(db: TimersDb): Promise<Date | undefined> {
  const { rows } = await sql<{ at: Date | null }>`SELECT min(fire_at) AS at FROM hotline_timers WHERE state = 'pending'`.execute(db);
  return rows[0]?.at ?? undefined;
}

export async function timersOf(db: TimersDb, workOrderId: string): Promise<Array<Selectable<TimerTable>>> {
  return await db.selectFrom('hotline_timers').selectAll().where('work_order_id', '=', workOrderId).orderBy('kind').execute();
}
