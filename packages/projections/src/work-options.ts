// What every piece of projection work (the live runner, a rebuild) is given to read events and write rows.
import type { EventStore } from '@bureau/event-store';
import type { Kysely } from 'kysely';
import type { BatchOptions } from './batch-reader.js';
import type { Projection } from './define.js';
import type { LockConnection } from './locks.js';
import type { Logger } from './logger.js';
import type { RetryPolicy } from './retry-policy.js';

export interface ProjectionWorkOptions {
  readonly store: EventStore;
  readonly db: Kysely<any>;
  readonly locks: LockConnection;
  readonly projection: Projection;
  readonly batch: BatchOptions;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
}
