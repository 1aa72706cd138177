// The firing loop's reads and writes of one service's timers (through the projection's view). Functions
// take the db (or a transaction) first, then the table the service named.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { nextOccurrence, type Repeat } from './schedule.js';
import { rowColumns, type FireOutcome, type TimersTable, type TimerRow } from './timer-table.js';

export type TimersDb = Kysely<any>;
export type DueTimer = Pick<Selectable<TimerRow>, 'timer_id' | 'subject_id' | 'kind' | 'due_at_iso' | 'attempts' | 'repeat'>;
/** What the loop's marks need to find the timer it tried: its key and the due time it fired for. */
export type TriedTimer = Pick<DueTimer, 'timer_id' | 'due_at_iso'> & { readonly repeat?: Repeat | null };

/**
 * Claims one due timer for one try: its fire time moves to `leaseUntil`, so no other loop takes it while
 * this one fires, and if this process dies mid-fire the timer is due again by itself. SKIP LOCKED lets
 * loops claim side by side. A single statement: no transaction stays open while the fire runs.
 */
export async function claimDueTimer(db: TimersDb, table: TimersTable, now: Date, leaseUntil: Date): Promise<DueTimer | undefined> {
  const { rows } = await sql<DueTimer>`
    UPDATE ${sql.table(table.name)} SET fire_at = ${leaseUntil}, attempts = attempts + 1
     WHERE timer_id = (
       SELECT timer_id FROM ${sql.table(table.name)} WHERE state = 'pending' AND fire_at <= ${now}
        ORDER BY fire_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING timer_id, ${sql.ref(table.subjectColumn)} AS subject_id, kind, due_at_iso, attempts, repeat`.execute(db);
  return rows[0];
}

/**
 * "Neither fired nor cancelled" (pending or paused), for statements that find their timers by key. Not
 * said as `state IN (...)` or `state = 'pending'` so that the partial index of pending timers cannot
 * serve it: on statistics taken when no timer was pending that index looks empty, and the statement
 * could be planned as a walk of every pending timer instead of a primary-key probe. The loop's claim
 * and next-due queries do want that index, and say `state = 'pending'`.
 */
export const stillPending = (state: RawBuilder<unknown>) => sql<boolean>`(${state} <> 'fired' AND ${state} <> 'cancelled')`;

/** Pending and not paused, said the same way (by key, never through the partial index). */
export const runningClock = (state: RawBuilder<unknown>) => sql<boolean>`(${state} <> 'fired' AND ${state} <> 'cancelled' AND ${state} <> 'paused')`;

/** Guarded by the due time: a timer moved or paused meanwhile stays as the projection left it. */
const sameTry = (timer: TriedTimer) =>
  sql`timer_id = ${timer.timer_id} AND due_at_iso = ${timer.due_at_iso} AND ${runningClock(sql.ref('state'))}`;

/**
 * The try is over. A one-off timer is done; a repeating one re-arms for its next occurrence (computed
 * from this one, so none is skipped however late this fire ran).
 */
export async function markFired(db: TimersDb, table: TimersTable, timer: TriedTimer, outcome: FireOutcome, at: Date, error: string | null): Promise<void> {
  if (timer.repeat && outcome !== 'refused') {
    const next = nextOccurrence(timer.repeat, new Date(timer.due_at_iso));
    await sql`
      UPDATE ${sql.table(table.name)} SET due_at = ${next}, due_at_iso = ${next.toISOString()}, fire_at = ${next}, attempts = 0,
             fired_at = ${at}, outcome = ${outcome}, last_error = ${error}
       WHERE ${sameTry(timer)}`.execute(db);
    return;
  }
  await sql`UPDATE ${sql.table(table.name)} SET state = 'fired', fired_at = ${at}, outcome = ${outcome}, last_error = ${error} WHERE ${sameTry(timer)}`.execute(db);
}

/** A try that failed for a reason that may pass (database, calendar not loaded yet): fire again later. */
export async function deferTimer(db: TimersDb, table: TimersTable, timer: TriedTimer, fireAt: Date, error: string): Promise<void> {
  await sql`UPDATE ${sql.table(table.name)} SET fire_at = ${fireAt}, last_error = ${error} WHERE ${sameTry(timer)}`.execute(db);
}

/** When the next pending timer is due; undefined when none is. */
export async function nextFireAt(db: TimersDb, table: TimersTable): Promise<Date | undefined> {
  const { rows } = await sql<{ at: Date | null }>`SELECT min(fire_at) AS at FROM ${sql.table(table.name)} WHERE state = 'pending'`.execute(db);
  return rows[0]?.at ?? undefined;
}

/** A subject's timers, by kind. */
export async function timersOfSubject(db: TimersDb, table: TimersTable, subjectId: string): Promise<Array<Selectable<TimerRow>>> {
  const { rows } = await sql<Selectable<TimerRow>>`SELECT ${rowColumns(table)} FROM ${sql.table(table.name)} WHERE ${sql.ref(table.subjectColumn)} = ${subjectId} ORDER BY kind`.execute(db);
  return rows;
}
