// The rebuild as a standalone operation (the CLI, tests, an admin endpoint): sets up its own lock
// connection and database handle on the given pool, runs the blue/green rebuild, cleans up.
import type { EventStore } from '@bureau/event-store';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Projection } from './define.js';
import { LockConnection } from './locks.js';
import { silentLogger, type Logger } from './logger.js';
import { DEFAULT_REBUILD_BATCH, rebuildGeneration, type RebuildProgress, type RebuildResult } from './rebuild.js';
import { migrateEngineSchema } from './schema.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';

export interface RebuildProjectionOptions {
  readonly store: EventStore;
  /** The read-model database (usually `store.pool`); not closed here. */
  readonly pool: pg.Pool;
  readonly projection: Projection;
  /** Events per transaction; default 2000. */
  readonly batchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Abort (e.g. on SIGINT) to stop after the batch in progress; run again to resume. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  readonly logger?: Logger;
}

/**
 * Builds the projection afresh into new tables while the current ones keep serving, then switches
 * the views to them. Resumes a build of the same version left unfinished. Throws
 * RebuildInProgressError if another process is rebuilding it, ProjectionParkedError if an event fails.
 */
export async function rebuildProjection(options: RebuildProjectionOptions): Promise<RebuildResult> {
  const logger = options.logger ?? silentLogger;
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: options.pool }) });
  const locks = new LockConnection(options.pool.options, logger);
  try {
    await migrateEngineSchema(db);
    return await rebuildGeneration({
      store: options.store,
      db,
      locks,
      projection: options.projection,
      batch: { ...DEFAULT_REBUILD_BATCH, ...(options.batchSize ? { batchSize: options.batchSize } : {}) },
      retry: { ...DEFAULT_RETRY, ...options.retry },
      logger,
      signal: options.signal ?? new AbortController().signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    await locks.close();
  }
}
