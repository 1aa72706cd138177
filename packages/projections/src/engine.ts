// The engine a service (or a projection process) starts: one runner per projection, one lock
// connection, one checkpoint watcher for read-your-writes.
import type { EventStore, GlobalPosition } from '@bureau/event-store';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { BatchOptions } from './batch-reader.js';
import { CheckpointWatcher, type PositionWaiter, type WaitOutcome } from './checkpoint-watcher.js';
import type { Projection } from './define.js';
import { UnknownProjectionError } from './errors.js';
import { LockConnection } from './locks.js';
import { silentLogger, type Logger } from './logger.js';
import { ProjectionRunner, type RunnerStatus } from './runner.js';
import { migrateEngineSchema } from './schema.js';
import { makeFirstGeneration } from './generations.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';

export interface EngineOptions {
  readonly store: EventStore;
  /** The read-model database (usually the event store's own pool, `store.pool`). Not closed by the engine. */
  readonly pool: pg.Pool;
  readonly projections: readonly Projection[];
  /** Events per transaction; default 1000. */
  readonly batchSize?: number;
  /** Longest an event waits for its batch to fill while events keep coming; default 100 ms. */
  readonly maxBatchWaitMs?: number;
  /**
   * Under steady load, how long a batch that has caught up waits for more events (BatchReader); default
   * 10 ms, 0 never. Fewer, larger transactions for a little lag; an event after a quiet spell goes at once.
   */
  readonly busyLingerMs?: number;
  /** Least time between checkpoint-only moves past events the projection ignores; default 50 ms. */
  readonly idleAdvanceMs?: number;
  /**
   * Make each batch commit wait for the disk. Default false: a PostgreSQL crash may then undo the
   * last moments of projection work, always whole batches with their checkpoint, which are applied
   * again; the read models stay exactly-once either way.
   */
  readonly durableCommits?: boolean;
  readonly retry?: Partial<RetryPolicy>;
  /** How often a standby tries for the lock; default 1 s. */
  readonly standbyPollMs?: number;
  /** How often a parked projection looks for a resume; default 5 s. */
  readonly parkedPollMs?: number;
  readonly logger?: Logger;
}

export interface ProjectionEngine extends PositionWaiter {
  /**
   * Creates the engine's tables if needed and each projection's first generation (its tables, empty,
   * and views) if it has none, then starts every runner (as standby until it holds the lock). So once
   * it resolves, queries find every read model: possibly behind, never missing.
   */
  start(): Promise<void>;
  /** Finishes each batch in progress, releases the locks. */
  stop(): Promise<void>;
  /** This process's view of its runners. */
  runners(): ReadonlyArray<{ readonly name: string; readonly status: RunnerStatus }>;
  readonly db: Kysely<any>;
  readonly watcher: CheckpointWatcher;
}

export function createProjectionEngine(options: EngineOptions): ProjectionEngine {
  const logger = options.logger ?? silentLogger;
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: options.pool }) });
  const connection: pg.ClientConfig = options.pool.options;
  const locks = new LockConnection(connection, logger);
  const watcher = new CheckpointWatcher({ db, listen: connection, logger, store: options.store, projections: options.projections });
  const batch: BatchOptions = {
    batchSize: options.batchSize ?? 1000,
    maxWaitMs: options.maxBatchWaitMs ?? 100,
    idleAdvanceMs: options.idleAdvanceMs ?? 50,
    lingerMs: options.busyLingerMs ?? 10,
    durableCommits: options.durableCommits ?? false,
  };
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const names = new Set<string>();
  const views = new Map<string, string>();
  for (const p of options.projections) {
    if (names.has(p.name)) throw new Error(`projection ${p.name} is registered twice`);
    names.add(p.name);
    // Two projections writing one view would silently serve each other's tables.
    for (const table of p.tables) {
      const view = `${p.schema}.${table}`;
      const owner = views.get(view);
      if (owner) throw new Error(`projections ${owner} and ${p.name} both declare table ${view}`);
      views.set(view, p.name);
    }
  }
  const runners = options.projections.map(
    (projection) =>
      new ProjectionRunner({
        store: options.store,
        db,
        locks,
        projection,
        batch,
        retry,
        logger,
        standbyPollMs: options.standbyPollMs ?? 1000,
        parkedPollMs: options.parkedPollMs ?? 5000,
        onCheckpoint: (name, position) => watcher.observe(name, position),
      }),
  );
  let started = false;
  return {
    db,
    watcher,
    async start() {
      if (started) return;
      started = true;
      await migrateEngineSchema(db);
      // Before a service listens (it starts the engine on ready): a query in its first instant would
      // otherwise find no table, a 500, until the runner had won its lock and made them.
      await firstGenerations(db, options.projections);
      for (const runner of runners) runner.start();
    },
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
      await locks.close();
      await watcher.close();
    },
    runners: () => runners.map((r) => ({ name: r.name, status: r.status })),
    async waitForPosition(projection: string, position: GlobalPosition, timeoutMs: number): Promise<WaitOutcome> {
      // A misspelt name would otherwise just time out, every time.
      if (!names.has(projection)) throw new UnknownProjectionError(projection);
      return await watcher.waitForPosition(projection, position, timeoutMs);
    },
  };
}

/** Makes the first generation of each projection that has none; one query when they all have one (a restart). */
async function firstGenerations(db: Kysely<any>, projections: readonly Projection[]): Promise<void> {
  if (projections.length === 0) return;
  const active = await db
    .selectFrom('projections.checkpoints')
    .select('projection')
    .where('state', '=', 'active')
    .where('projection', 'in', projections.map((p) => p.name))
    .execute();
  const have = new Set(active.map((row: { projection: string }) => row.projection));
  await Promise.all(projections.filter((p) => !have.has(p.name)).map((p) => makeFirstGeneration(db, p)));
}
