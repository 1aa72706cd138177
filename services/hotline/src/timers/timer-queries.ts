// The package's timer queries bound to the hotline's table.
import * as timers from '@bureau/durable-timers';
import type { Kysely, Selectable } from 'kysely';
import { hotlineTimersTable, type TimersDatabase } from './timer-table.js';

export type TimersDb = Kysely<TimersDatabase>;
export type { DueTimer } from '@bureau/durable-timers';

export const markFired = (db: TimersDb, timer: timers.TriedTimer, outcome: timers.FireOutcome, at: Date, error: string | null) =>
  timers.markFired(db, hotlineTimersTable, timer, outcome, at, error);

export const deferTimer = (db: TimersDb, timer: timers.TriedTimer, fireAt: Date, error: string) => timers.deferTimer(db, hotlineTimersTable, timer, fireAt, error);

/** A work order's timers (sign-for, reply), by kind. */
export const timersOf = (db: TimersDb, workOrderId: string): Promise<Array<Selectable<timers.TimerRow>>> =>
  timers.timersOfSubject(db, hotlineTimersTable, workOrderId);
