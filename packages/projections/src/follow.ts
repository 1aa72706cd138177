// Follows $all from a generation's checkpoint and applies it batch by batch. Shared by the live runner
// (active generation) and the rebuild (building generation).
import { comparePositions, type EventStore, type GlobalPosition } from '@bureau/event-store';
import type { Kysely } from 'kysely';
import { applyWithRecovery } from './apply.js';
import { BatchReader, type Batch, type BatchOptions } from './batch-reader.js';
import type { Generation } from './checkpoints.js';
import { generationTables, type Projection } from './define.js';
import type { Logger } from './logger.js';
import type { RetryPolicy } from './retry-policy.js';

export interface FollowOptions {
  readonly store: EventStore;
  readonly db: Kysely<any>;
  readonly projection: Projection;
  readonly generation: Generation;
  readonly batch: BatchOptions;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  /** Abort to stop after the batch in progress. */
  readonly signal: AbortSignal;
  /** After each committed batch; return 'stop' to end following. */
  onBatch(checkpoint: GlobalPosition | undefined, batch: Batch): Promise<'continue' | 'stop'> | 'continue' | 'stop';
}

export type FollowOutcome =
  | { readonly kind: 'stopped'; readonly checkpoint: GlobalPosition | undefined }
  | { readonly kind: 'parked'; readonly checkpoint: GlobalPosition | undefined };

export async function followGeneration(options: FollowOptions): Promise<FollowOutcome> {
  const { store, projection, generation, signal } = options;
  let checkpoint = generation.checkpoint;
  if (signal.aborted) return { kind: 'stopped', checkpoint };
  const subscription = store.subscribeToAll({
    ...(checkpoint ? { after: checkpoint } : {}),
    ...(projection.filter ? { filter: projection.filter } : {}),
  });
  const reader = new BatchReader(subscription, options.batch, checkpoint);
  const onAbort = () => void reader.close().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const target = {
    db: options.db,
    projection,
    generation: generation.generation,
    tables: generationTables(projection, generation.generation),
    retry: options.retry,
    logger: options.logger,
    signal,
    durableCommits: options.batch.durableCommits === true,
  };
  try {
    for (;;) {
      const batch = await reader.next();
      if (!batch || signal.aborted) return { kind: 'stopped', checkpoint };
      const through = batch.through;
      // A bare "caught up" moves nothing: no transaction.
      if (through && (!checkpoint || comparePositions(through, checkpoint) > 0)) {
        const outcome = await applyWithRecovery(target, checkpoint, batch.events, through);
        if (outcome.kind === 'parked') return { kind: 'parked', checkpoint: outcome.checkpoint };
        checkpoint = outcome.checkpoint;
      }
      if ((await options.onBatch(checkpoint, batch)) === 'stop') return { kind: 'stopped', checkpoint };
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await reader.close().catch(() => undefined);
  }
}
