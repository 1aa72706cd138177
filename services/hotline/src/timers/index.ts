// Durable deadline timers (签收 / 办结时限): overdue is not only computed when someone looks; at the due
// moment a timer records SignForOverdue / ReplyOverdue. The mechanism (table, projection, firing loop)
// is @bureau/durable-timers; the hotline gives its rules (timer-changes.ts) and its command (fire-timer.ts).
import type { WorkOrderEventRegistry } from '../events/work-order-events.js';
import { createDurableTimers } from '@bureau/durable-timers';
import type { EngineOptions, ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { TIMER_COMMAND_PREFIX, fireTimer, permanentRefusal } from './fire-timer.js';
import type { TimersDb } from './timer-queries.js';
import type { TimersDatabase } from './timer-table.js';
import { hotlineTimers } from './timers-projection.js';

export { TIMERS_PROJECTION } from './timers-projection.js';
export { timerChangesOf, timerIdOf, type TimerChange, type TimerKind } from './timer-changes.js';
export { timerCommandId } from './fire-timer.js';
export { timersOf } from './timer-queries.js';

export interface DeadlineTimersPluginOptions {
  /** The time source (tests pass a fake one). Default: the system clock. */
  readonly clock?: () => Date;
  /** Timings of the scheduler's projection engine (see EngineOptions). */
  readonly engine?: Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs'>>;
  /** Longest sleep between looks at the timers; default 60 s. */
  readonly maxSleepMs?: number;
  /** Run the firing loop in this process (default true); the scheduler runs regardless. */
  readonly fire?: boolean;
  /** The work-order events as this deployment reads them (its ownership of older orders). */
  readonly events: WorkOrderEventRegistry;
}

export interface DeadlineTimersControl {
  /** Look at the timers now (e.g. after moving a test clock). */
  wake(): void;
  /** Fires every timer due now, in this call; returns how many were handled. */
  fireDue(): Promise<number>;
  readonly engine: ProjectionEngine;
  readonly db: TimersDb;
}

declare module 'fastify' {
  interface FastifyInstance {
    deadlineTimers: DeadlineTimersControl;
  }
}

async function deadlineTimers(app: FastifyInstance, options: DeadlineTimersPluginOptions): Promise<void> {
  const db: TimersDb = app.db.withTables<TimersDatabase>();
  const deps = { store: app.eventStore, calendar: app.hotlineCalendar, events: options.events };
  const timers = createDurableTimers({
    store: app.eventStore,
    pool: app.pg,
    db,
    ...hotlineTimers,
    commandIdPrefix: TIMER_COMMAND_PREFIX,
    fire: (timer, { now }) => fireTimer(deps, timer, now),
    refusalOf: permanentRefusal,
    ...(options.clock ? { clock: options.clock } : {}),
    maxSleepMs: options.maxSleepMs ?? 60_000,
    fireInThisProcess: options.fire ?? true,
    ...(options.engine ? { engine: options.engine } : {}),
    logger: app.log,
  });
  app.decorate('deadlineTimers', { wake: () => timers.wake(), fireDue: () => timers.fireDue(), engine: timers.engine, db });
  app.addHook('onReady', () => timers.start());
  app.addHook('onClose', () => timers.stop());
}

export const deadlineTimersPlugin = fp(deadlineTimers, {
  name: 'hotline-deadline-timers',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store', 'hotline-calendar'],
});
