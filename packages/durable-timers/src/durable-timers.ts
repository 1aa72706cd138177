// A service's durable timers in one piece: the projection that keeps its table, the engine that runs it,
// and the firing loop. The service gives its rules, its table and what a timer fires.
import type { EventStore } from '@bureau/event-store';
import { createProjectionEngine, type EngineOptions, type ProjectionEngine } from '@bureau/projections';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { timerCommandId } from './command-id.js';
import type { TimerCalendar } from './deadline.js';
import { TimerFiringLoop, type FiringLoopLogger } from './firing-loop.js';
import type { TimerRules } from './timer-change.js';
import type { DueTimer } from './timer-queries.js';
import { timersTable, type FireOutcome, type TimersTable } from './timer-table.js';
import { timersProjection } from './timers-projection.js';
import { upgradeTimersTables } from './upgrade.js';

export interface FireContext {
  /** `<prefix>:<timer id>@<due time>`: run the command with it, so a second try records nothing more. */
  readonly commandId: string;
  readonly now: Date;
}

export interface DurableTimersOptions<Kind extends string> {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly db: Kysely<any>;
  /** The projection's name and version (bump it when the rules change meaning). */
  readonly name: string;
  readonly version: number;
  /** The service's own table (and schema, default `public`). */
  readonly table: string;
  readonly schema?: string;
  /** What the service calls the subject column; default `subject_id`. */
  readonly subjectColumn?: string;
  readonly rules: TimerRules<Kind>;
  readonly calendar?: () => TimerCalendar;
  /** Runs the command a timer fires; what it came to. Throws when it could not. */
  readonly fire: (timer: DueTimer, context: FireContext) => Promise<Exclude<FireOutcome, 'refused'>>;
  /** The rule a failure broke, when retrying cannot help; default: every failure may pass. */
  readonly refusalOf?: (error: unknown) => string | undefined;
  /** Prefix of the fires' command ids (keep it once timers have fired: it is part of the key). */
  readonly commandIdPrefix: string;
  readonly clock?: () => Date;
  /** Longest sleep between looks; default 60 s. */
  readonly maxSleepMs?: number;
  /** How long a claim holds a timer; default 30 s. */
  readonly leaseMs?: number;
  /** Run the firing loop in this process (default true); the projection runs regardless. */
  readonly fireInThisProcess?: boolean;
  readonly engine?: Partial<Omit<EngineOptions, 'store' | 'pool' | 'projections' | 'logger'>>;
  readonly logger: FiringLoopLogger & NonNullable<EngineOptions['logger']>;
}

export interface DurableTimers {
  /** The view the loop and queries read, e.g. `public.hotline_timers`. */
  readonly table: TimersTable;
  readonly db: Kysely<any>;
  readonly engine: ProjectionEngine;
  readonly loop: TimerFiringLoop;
  start(): Promise<void>;
  stop(): Promise<void>;
  wake(): void;
  fireDue(): Promise<number>;
}

export function createDurableTimers<Kind extends string>(options: DurableTimersOptions<Kind>): DurableTimers {
  const table = timersTable(`${options.schema ?? 'public'}.${options.table}`, options.subjectColumn);
  const loop = new TimerFiringLoop({
    db: options.db,
    table,
    fire: (timer, now) => options.fire(timer, { commandId: timerCommandId(options.commandIdPrefix, timer), now }),
    refusalOf: options.refusalOf ?? (() => undefined),
    clock: options.clock ?? (() => new Date()),
    maxSleepMs: options.maxSleepMs ?? 60_000,
    leaseMs: options.leaseMs ?? 30_000,
    logger: options.logger,
    committed: (position) => engine.waitForPosition(options.name, position, 10_000),
  });
  const projection = timersProjection({
    name: options.name,
    version: options.version,
    table: options.table,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.subjectColumn ? { subjectColumn: options.subjectColumn } : {}),
    rules: options.rules,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    onScheduled: (position, earliest) => loop.scheduled(position, earliest),
  });
  const engine = createProjectionEngine({ ...options.engine, store: options.store, pool: options.pool, projections: [projection], logger: options.logger });
  return {
    table,
    db: options.db,
    engine,
    loop,
    async start() {
      await upgradeTimersTables(options.db, projection);
      await engine.start();
      if (options.fireInThisProcess ?? true) loop.start();
    },
    async stop() {
      await loop.stop();
      await engine.stop();
    },
    wake: () => loop.wake(),
    fireDue: () => loop.fireDue(),
  };
}
