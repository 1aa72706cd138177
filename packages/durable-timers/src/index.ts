// @bureau/durable-timers: the public boundary. See README.md.
export { dueOf, addLocalDays, type Deadline, type DeadlineUnit, type TimerCalendar } from './deadline.js';
export { CIVIL_CODE_ART_201, remainingAtPause, dueOnResume } from './paused-clock.js';
export { workingHoursBetween } from './working-time.js';
export { nextOccurrence, type Repeat } from './schedule.js';
export { timerIdOf, type IsoInstant, type TimerChange, type TimerRules } from './timer-change.js';
export { applyChange, type ChangeContext } from './apply-change.js';
export { createTimersTable, timersTable, type TimersTable, type FireOutcome, type TimerBasis, type TimerRow, type TimerState } from './timer-table.js';
export { claimDueTimer, deferTimer, markFired, nextFireAt, stillPending, timersOfSubject, type DueTimer, type TimersDb, type TriedTimer } from './timer-queries.js';
export { timersProjection, type TimersProjectionOptions } from './timers-projection.js';
export { TimerFiringLoop, type FiringLoopLogger, type FiringLoopOptions } from './firing-loop.js';
export { timerCommandId } from './command-id.js';
export { upgradeTimersTables } from './upgrade.js';
export { createDurableTimers, type DurableTimers, type DurableTimersOptions, type FireContext } from './durable-timers.js';
