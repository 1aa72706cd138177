// The firing loop's reads and writes of the timers (through the view). Functions take the db or a
// transaction first.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { FireOutcome, TimersDatabase, TimerTable } from './timer-table.js';

export type TimersDb = Kysely<TimersDatabase>;
export type DueTimer = Pick<Selectable<TimerTable>, 'timer_id' | 'work_order_id' | 'kind' | 'due_at_iso' | 'attempts'>;

/**
 * Locks one due timer for this transaction, skipping those another firing loop holds: two loops never
 * fire the same timer at once, and a loop that dies mid-fire releases it by rolling back.
 */
export async function lockDueTimer(trx: TimersDb, now: Date): Promise<DueTimer | undefined> {
  return await trx
    .selectFrom('hotline_timers')
    .select(['timer_id', 'work_order_id', 'kind', 'due_at_iso', 'attempts'])
    .where('state', '=', 'pending')
    .where('fire_at', '<=', now)
    .orderBy('fire_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Done: guarded by the due time, so a timer moved meanwhile (it cannot be, while locked) stays pending. */
export async function markFired(trx: TimersDb, timer: DueTimer, outcome: FireOutcome, at: Date, error: string | null): Promise<void> {
  await trx
    .updateTable('hotline_timers')
    .set({ state: 'fired', fired_at: at, outcome, last_error: error, attempts: timer.attempts + 1 })
    .where('timer_id', '=', timer.timer_id)
    .where('due_at_iso', '=', timer.due_at_iso)
    .execute();
}

/** A try that failed for a reason that may pass (database, calendar not loaded yet): fire again later. */
export async function deferTimer(trx: TimersDb, timer: DueTimer, fireAt: Date, error: string): Promise<void> {
  await trx
    .updateTable('hotline_timers')
    .set({ fire_at: fireAt, attempts: timer.attempts + 1, last_error: error })
    .where('timer_id', '=', timer.timer_id)
    .where('due_at_iso', '=', timer.due_at_iso)
    .execute();
}

/** When the next pending timer is due; undefined when none is. */
export async function nextFireAt(db: TimersDb): Promise<Date | undefined> {
  const { rows } = await sql<{ at: Date | null }>`SELECT min(fire_at) AS at FROM hotline_timers WHERE state = 'pending'`.execute(db);
  return rows[0]?.at ?? undefined;
}

export async function timersOf(db: TimersDb, workOrderId: string): Promise<Array<Selectable<TimerTable>>> {
  return await db.selectFrom('hotline_timers').selectAll().where('work_order_id', '=', workOrderId).orderBy('kind').execute();
}
