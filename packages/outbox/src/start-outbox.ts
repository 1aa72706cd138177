// Wires one outbox into a service's Fastify app (after the kit's pg pool, event store and auth): brings
// its table up to date, runs its reactor on its own projection engine and its deliverer, and registers
// the staff routes. The service decorates the app with the control it gets back, under its own name.
import { createProjectionEngine, type EngineOptions, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import { OutboxDeliverer } from './deliverer.js';
import { migrateOutbox } from './migrate.js';
import type { OutboxDb } from './queue-queries.js';
import { outboxReactor, type OutboxReactorOptions } from './reactor.js';
import { checkRetryPolicy, defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { outboxRoutes, type OutboxRoutesOptions } from './staff-routes.js';
import { checkTableName } from './table-name.js';
import type { Transport } from './transport.js';

/** How the outbox tries and retries: every service's outbox takes these, under the same names. */
export interface OutboxTimings {
  readonly retry?: Partial<RetryPolicy>;
  /** Per try; default 10 s. */
  readonly timeoutMs?: number;
  /** How long a claimed message is left to its try before another may take it; default timeout + 5 s. */
  readonly leaseMs?: number;
  /** Tries in flight at once in this process; default 8. */
  readonly concurrency?: number;
  /** Longest sleep between looks at the queue; default 5 s. */
  readonly pollMs?: number;
  /** Run the delivery loop in this process (default true); the routes and the reactor run regardless. */
  readonly deliver?: boolean;
  /**
   * Refuse a retry budget that gives up within an hour (default true). Tests with millisecond backoff
   * turn it off; production never should.
   */
  readonly requireHourBudget?: boolean;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Timings of the reactor's projection engine (see EngineOptions). */
  readonly engine?: Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs'>>;
}

export interface OutboxOptions<Table extends string, Context> extends OutboxTimings {
  /** The outbox table: the service's own (two services' outboxes never share one). */
  readonly table: string;
  /** What events become messages (the reactor's projection; its name is also its checkpoint's). */
  readonly reactor: Omit<OutboxReactorOptions<Table, Context>, 'table' | 'clock' | 'onQueued'>;
  readonly transport: Transport;
  /** The staff routes; without them the service exposes none. */
  readonly routes?: Pick<OutboxRoutesOptions, 'roles' | 'destinationsWithin' | 'prefix' | 'tag' | 'fields'>;
}

export interface OutboxControl {
  /** Look at the queue now. */
  wake(): void;
  /** The reactor's projection engine (for read-your-writes waits and status). */
  readonly engine: ProjectionEngine;
  readonly db: OutboxDb;
  readonly table: string;
}

export async function startOutbox<const Table extends string = never, Context = undefined>(
  app: FastifyInstance,
  options: OutboxOptions<Table, Context>,
): Promise<OutboxControl> {
  const table = checkTableName(options.table);
  const retry = checkRetryPolicy({ ...defaultRetryPolicy, ...options.retry }, options.requireHourBudget ?? true);
  const clock = options.clock ?? (() => new Date());
  const db: OutboxDb = app.db as OutboxDb;
  await migrateOutbox(db, table);

  const timeoutMs = options.timeoutMs ?? 10_000;
  if (options.leaseMs !== undefined && options.leaseMs <= timeoutMs) throw new RangeError('outbox leaseMs must be longer than timeoutMs');
  const deliverer = new OutboxDeliverer({
    db,
    table,
    transport: options.transport,
    retry,
    timeoutMs,
    leaseMs: options.leaseMs ?? timeoutMs + 5_000,
    concurrency: options.concurrency ?? 8,
    pollMs: options.pollMs ?? 5_000,
    clock,
    random: options.random ?? Math.random,
    logger: app.log,
    committed: (position) => engine.waitForPosition(options.reactor.name, position, 10_000),
  });
  const engine = createProjectionEngine({
    ...options.engine,
    store: app.eventStore,
    pool: app.pg,
    projections: [outboxReactor<Table, Context>({ ...options.reactor, table, clock, onQueued: (position) => deliverer.queued(position) })],
    logger: app.log,
  });

  if (options.routes) {
    await app.register(outboxRoutes({ ...options.routes, db, table, clock, onChange: () => deliverer.wake() }));
  }
  app.addHook('onReady', async () => {
    await engine.start();
    if (options.deliver ?? true) deliverer.start();
  });
  app.addHook('onClose', async () => {
    await deliverer.stop();
    await engine.stop();
  });
  return { wake: () => deliverer.wake(), engine, db, table };
}
