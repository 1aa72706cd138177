// Durable deadline timers (签收 / 办结时限): overdue is not only computed when someone looks; at the due
// moment a timer records SignForOverdue / ReplyOverdue. Timers live in PostgreSQL (kept by a projection of
// the work-order events), survive restarts, and fire once however many processes run the loop.
import { createProjectionEngine, type EngineOptions, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { deadlineTimerActor, fireTimer, permanentRefusal } from './fire-timer.js';
import { DeadlineTimerLoop } from './firing-loop.js';
import type { TimersDb } from './timer-queries.js';
import type { TimersDatabase } from './timer-table.js';
import { TIMERS_PROJECTION, timersProjection } from './timers-projection.js';

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
  const clock = options.clock ?? (() => new Date());
  const db: TimersDb = app.db.withTables<TimersDatabase>();
  const deps = { store: app.eventStore, calendar: app.hotlineCalendar };
  const loop = new DeadlineTimerLoop({
    db,
    fire: (timer, now) => fireTimer(deps, timer, now, deadlineTimerActor),
    refusalOf: permanentRefusal,
    clock,
    maxSleepMs: options.maxSleepMs ?? 60_000,
    leaseMs: 30_000,
    logger: app.log,
    committed: (position) => engine.waitForPosition(TIMERS_PROJECTION, position, 10_000),
  });
  const engine = createProjectionEngine({
    ...options.engine,
    store: app.eventStore,
    pool: app.pg,
    projections: [timersProjection({ onScheduled: (position, earliest) => loop.scheduled(position, earliest) })],
    logger: app.log,
  });
  app.decorate('deadlineTimers', { wake: () => loop.wake(), fireDue: () => loop.fireDue(), engine, db });
  app.addHook('onReady', async () => {
    await engine.start();
    if (options.fire ?? true) loop.start();
  });
  app.addHook('onClose', async () => {
    await loop.stop();
    await engine.stop();
  });
}

export const deadlineTimersPlugin = fp(deadlineTimers, {
  name: 'hotline-deadline-timers',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store', 'hotline-calendar'],
});
