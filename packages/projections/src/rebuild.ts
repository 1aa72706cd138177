// Blue/green rebuild: fill a new generation's tables from the start of $all while the active ones keep
// serving, then switch (generations.ts). The building generation's checkpoint moves in the same
// transactions as its rows, so an interrupted rebuild (SIGINT, SIGKILL, crash) resumes where it stopped.
import { formatPosition, type GlobalPosition } from '@bureau/event-store';
import type { BatchOptions } from './batch-reader.js';
import { loadGenerations, resumeParkedProjection, type Generation } from './checkpoints.js';
import { ProjectionParkedError, RebuildInProgressError } from './errors.js';
import { followGeneration } from './follow.js';
import { activateGeneration, createGeneration, dropGenerations } from './generations.js';
import { errorFacts } from '@bureau/loop-kit';
import { rebuildLockKey } from './locks.js';
import type { ProjectionWorkOptions } from './work-options.js';

export interface RebuildProgress {
  readonly projection: string;
  readonly generation: number;
  /** Events applied to this generation so far (earlier, interrupted runs included). */
  readonly eventsDone: number;
  /** Events applied by this run. */
  readonly eventsThisRun: number;
  /** Estimated share of the log covered, 0..1 (by position, see README); undefined when unknown. */
  readonly fraction: number | undefined;
  readonly checkpoint: GlobalPosition | undefined;
  readonly elapsedMs: number;
}

export interface RebuildOptions extends ProjectionWorkOptions {
  /** Abort to stop after the batch in progress; run again to resume. */
  readonly signal: AbortSignal;
  /** Called after each batch; the rebuild waits for it (and so does not switch while it runs). */
  readonly onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export type RebuildResult =
  | { readonly kind: 'switched'; readonly generation: number; readonly eventsThisRun: number }
  | { readonly kind: 'interrupted'; readonly generation: number; readonly eventsThisRun: number };

/** The rebuild proper, given the engine's parts (the runner calls it while holding the projection's lock). */
export async function rebuildGeneration(options: RebuildOptions): Promise<RebuildResult> {
  const { locks, projection, logger } = options;
  const lockKey = rebuildLockKey(projection.name);
  if (!(await locks.tryLock(lockKey))) throw new RebuildInProgressError(projection.name);
  try {
    const building = await buildingGeneration(options);
    logger.info({ projection: projection.name, generation: building.generation, resumedAt: building.eventsApplied.toString() }, 'projection rebuild started');
    const result = await build(options, building);
    if (result.kind === 'switched') {
      logger.info({ projection: projection.name, generation: building.generation }, 'projection rebuild switched to the new tables');
      await dropGenerations(options.db, projection, (g) => g.state === 'retired').catch((error: unknown) => {
        logger.warn({ projection: projection.name, err: errorFacts(error) }, 'old projection tables not dropped yet');
      });
    }
    return result;
  } finally {
    await locks.unlock(lockKey);
  }
}

/** The generation to fill: resumed if one of this version is half built, else a new one. */
async function buildingGeneration({ db, projection }: RebuildOptions): Promise<Generation> {
  const existing = (await loadGenerations(db, projection.name)).find((g) => g.state === 'building');
  if (existing && existing.version === projection.version) {
    // Asking for the rebuild again is the operator's retry of a parked build (after a fix).
    if (existing.parked) await resumeParkedProjection(db, projection.name);
    return existing;
  }
  if (existing) await dropGenerations(db, projection, (g) => g.generation === existing.generation);
  return await createGeneration(db, projection, 'building');
}

async function build(options: RebuildOptions, building: Generation): Promise<RebuildResult> {
  const { store, db, projection } = options;
  const started = Date.now();
  const head = await store.headPosition();
  const startPrepare = building.checkpoint?.prepare ?? 0n;
  let eventsThisRun = 0;
  const report = async (checkpoint: GlobalPosition | undefined) => {
    const span = head ? Number(head.prepare - startPrepare) : 0;
    const covered = checkpoint ? Number(checkpoint.prepare - startPrepare) : 0;
    const fraction = !head ? 1 : span <= 0 ? 1 : Math.min(1, Math.max(0, covered / span));
    const already = Number(building.eventsApplied);
    await options.onProgress?.({
      projection: projection.name,
      generation: building.generation,
      eventsDone: already + eventsThisRun,
      eventsThisRun,
      fraction: already + eventsThisRun === 0 && head === undefined ? undefined : fraction,
      checkpoint,
      elapsedMs: Date.now() - started,
    });
  };
  await report(building.checkpoint);

  let switched = false;
  const outcome = await followGeneration({
    ...options,
    generation: building,
    onBatch: async (checkpoint, batch) => {
      eventsThisRun += batch.events.length;
      await report(checkpoint);
      if (!batch.caughtUp) return 'continue';
      const current = { ...building, checkpoint };
      switched = (await activateGeneration(db, projection, current)) === 'switched';
      return switched ? 'stop' : 'continue';
    },
  });
  if (outcome.kind === 'parked') {
    const parked = (await loadGenerations(db, projection.name)).find((g) => g.generation === building.generation)?.parked;
    const e = parked?.event;
    const named = e ? `${e.id} (${e.streamName}@${e.revision}, position ${formatPosition(e.position)})` : 'unknown';
    throw new ProjectionParkedError(projection.name, building.generation, named, parked?.error ?? '');
  }
  if (switched) return { kind: 'switched', generation: building.generation, eventsThisRun };
  return { kind: 'interrupted', generation: building.generation, eventsThisRun };
}

export const DEFAULT_REBUILD_BATCH: BatchOptions = { batchSize: 2000, maxWaitMs: 1000, idleAdvanceMs: 50 };
