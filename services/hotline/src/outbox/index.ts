// The outbox (发件箱) to the 12345 platform: sign-for, return requests, extension requests and replies
// are delivered at least once, with the event id as idempotency key, retried with exponential backoff,
// and dead-lettered for staff to see and retry when the platform refuses them or the budget runs out.
// See README.md here.
import { createProjectionEngine, type EngineOptions, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { OutboxDeliverer } from './deliverer.js';
import { migrateOutbox } from './migrate.js';
import { OUTBOX_PROJECTION, outboxProjection } from './outbox-projection.js';
import type { OutboxDb } from './outbox-queries.js';
import type { OutboxDatabase } from './outbox-table.js';
import { outboxRoutes } from './outbox-routes.js';
import type { PlatformEndpoint } from './platform-call.js';
import type { PlatformPost } from './platform-post.js';
import { checkRetryPolicy, defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

export { outboundMessageOf, outboundPath, type OutboundMessage } from './outbound-message.js';
export { defaultRetryPolicy, outageCoveredMs, retryDelayMs, type RetryPolicy } from './retry-policy.js';
export { OUTBOX_PROJECTION } from './outbox-projection.js';
export { OUTBOX_STAFF_ROLES } from './outbox-routes.js';
export { outboxMigrations } from './migrations/index.js';
export type { PlatformEndpoint } from './platform-call.js';
export { outboxOptionsFrom } from './options-from-config.js';

export interface OutboxPluginOptions {
  /** Each platform's endpoint (base URL) and shared secret, by platform id. */
  readonly platforms: Readonly<Record<string, PlatformEndpoint>>;
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
  /** Timings of the reactor's projection engine (see EngineOptions). */
  readonly engine?: Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs'>>;
  readonly random?: () => number;
  readonly post?: PlatformPost;
}

export interface OutboxControl {
  /** Look at the queue now. */
  wake(): void;
  /** The outbox reactor's projection engine (for read-your-writes waits and status). */
  readonly engine: ProjectionEngine;
  readonly db: OutboxDb;
}

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxControl;
  }
}

async function outbox(app: FastifyInstance, options: OutboxPluginOptions): Promise<void> {
  const retry = checkRetryPolicy({ ...defaultRetryPolicy, ...options.retry }, options.requireHourBudget ?? true);
  const clock = options.clock ?? (() => new Date());
  const db: OutboxDb = app.db.withTables<OutboxDatabase>();
  await migrateOutbox(db);

  const timeoutMs = options.timeoutMs ?? 10_000;
  if (options.leaseMs !== undefined && options.leaseMs <= timeoutMs) throw new RangeError('outbox leaseMs must be longer than timeoutMs');
  const platforms = new Map(Object.entries(options.platforms));
  const deliverer = new OutboxDeliverer({
    db,
    platforms: (platformId) => platforms.get(platformId),
    retry,
    timeoutMs,
    leaseMs: options.leaseMs ?? timeoutMs + 5_000,
    concurrency: options.concurrency ?? 8,
    pollMs: options.pollMs ?? 5_000,
    clock,
    random: options.random ?? Math.random,
    logger: app.log,
    committed: (position) => engine.waitForPosition(OUTBOX_PROJECTION, position, 10_000),
    ...(options.post ? { post: options.post } : {}),
  });
  const engine = createProjectionEngine({
    ...options.engine,
    store: app.eventStore,
    pool: app.pg,
    projections: [outboxProjection({ clock, onQueued: (position) => deliverer.queued(position) })],
    logger: app.log,
  });

  app.decorate('outbox', { wake: () => deliverer.wake(), engine, db });
  await app.register(outboxRoutes, { db, clock, onRetry: () => deliverer.wake() });
  app.addHook('onReady', async () => {
    await engine.start();
    if (options.deliver ?? true) deliverer.start();
  });
  app.addHook('onClose', async () => {
    await deliverer.stop();
    await engine.stop();
  });
}

export const outboxPlugin = fp(outbox, {
  name: 'hotline-outbox',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store', 'bureau-auth'],
});
