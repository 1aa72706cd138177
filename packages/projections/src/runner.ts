// One projection's life in one process: wait as standby until this process holds the projection's
// advisory lock, then follow the active generation; rebuild when the code's version is newer; sit
// parked when an event keeps failing. Losing the lock (connection drop) sends it back to standby.
import type { GlobalPosition } from '@bureau/event-store';
import { loadGenerations } from './checkpoints.js';
import { LostOwnershipError, RebuildInProgressError } from './errors.js';
import { followGeneration } from './follow.js';
import { dropGenerations, ensureActiveGeneration } from './generations.js';
import { errorFacts, sleep } from '@bureau/loop-kit';
import { runnerLockKey, standbyLockKey } from './locks.js';
import type { ProjectionWorkOptions } from './work-options.js';
import { rebuildGeneration } from './rebuild.js';

export type RunnerStatus = 'standby' | 'running' | 'parked' | 'rebuilding' | 'stopped';

export interface RunnerOptions extends ProjectionWorkOptions {
  readonly standbyPollMs: number;
  readonly parkedPollMs: number;
  /** Told after every committed batch of the active generation (in-process read-your-writes). */
  readonly onCheckpoint: (projection: string, position: GlobalPosition) => void;
}

export class ProjectionRunner {
  private currentStatus: RunnerStatus = 'stopped';
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: RunnerOptions) {}

  get name(): string {
    return this.options.projection.name;
  }

  get status(): RunnerStatus {
    return this.currentStatus;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the batch in progress, releases the lock. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { locks, projection, logger } = this.options;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      this.currentStatus = 'standby';
      const owner = await this.acquire(signal);
      if (!owner) break;
      const unsubscribe = locks.onLost(() => owner.abort());
      let pause = 0;
      try {
        await this.whileOwner(owner.signal);
      } catch (error) {
        if (error instanceof LostOwnershipError) {
          logger.info({ projection: projection.name }, 'projection checkpoint moved elsewhere; re-reading state');
        } else {
          logger.error({ projection: projection.name, err: errorFacts(error) }, 'projection runner failed; restarting');
          pause = this.options.retry.initialDelayMs * 5;
        }
      } finally {
        unsubscribe();
        await locks.unlock(runnerLockKey(projection.name));
      }
      await sleep(pause, signal);
    }
    this.currentStatus = 'stopped';
  }

  /** Polls for the lock; resolves with a handle that ends ownership, or undefined when stopping. */
  private async acquire(signal: AbortSignal): Promise<{ abort(): void; signal: AbortSignal } | undefined> {
    const { locks, projection, logger } = this.options;
    const standbyKey = standbyLockKey(projection.name);
    try {
      while (!signal.aborted) {
        try {
          await locks.lockShared(standbyKey);
          if (await locks.tryLock(runnerLockKey(projection.name))) {
            const owner = new AbortController();
            return { abort: () => owner.abort(), signal: AbortSignal.any([signal, owner.signal]) };
          }
        } catch (error) {
          logger.warn({ projection: projection.name, err: errorFacts(error) }, 'projection lock check failed');
        }
        await sleep(this.options.standbyPollMs, signal);
      }
      return undefined;
    } finally {
      await locks.unlock(standbyKey, true);
    }
  }

  private async whileOwner(signal: AbortSignal): Promise<void> {
    const { db, projection, logger } = this.options;
    while (!signal.aborted) {
      const generations = await loadGenerations(db, projection.name);
      if (generations.some((g) => g.state === 'retired')) await this.dropRetired();
      // The engine's start made it; made here again only if it has gone since (e.g. its row deleted by hand).
      const active = generations.find((g) => g.state === 'active') ?? (await ensureActiveGeneration(db, projection));
      if (active.version < projection.version) {
        this.currentStatus = 'rebuilding';
        await this.rebuild(signal);
        continue;
      }
      if (active.version > projection.version) {
        // Older code must not write tables a newer version built; wait for this process to be replaced.
        this.currentStatus = 'stopped';
        logger.error({ projection: projection.name, tables: active.version, code: projection.version }, 'projection tables are newer than this code');
        await sleep(this.options.parkedPollMs, signal);
        continue;
      }
      if (active.parked) {
        this.currentStatus = 'parked';
        await sleep(this.options.parkedPollMs, signal);
        continue;
      }
      this.currentStatus = 'running';
      if (active.checkpoint) this.options.onCheckpoint(projection.name, active.checkpoint);
      await followGeneration({
        ...this.options,
        generation: active,
        signal,
        onBatch: (checkpoint) => {
          if (checkpoint) this.options.onCheckpoint(projection.name, checkpoint);
          return 'continue';
        },
      });
    }
  }

  /** Tables a rebuild's switch could not drop at once (a reader was still in them). */
  private async dropRetired(): Promise<void> {
    const { db, projection, logger } = this.options;
    await dropGenerations(db, projection, (g) => g.state === 'retired', 1_000).catch((error: unknown) => {
      logger.warn({ projection: projection.name, err: errorFacts(error) }, 'old projection tables not dropped yet');
    });
  }

  private async rebuild(signal: AbortSignal): Promise<void> {
    const { projection, logger } = this.options;
    logger.info({ projection: projection.name, version: projection.version }, 'projection version changed; rebuilding into new tables');
    try {
      await rebuildGeneration({ ...this.options, signal });
    } catch (error) {
      if (!(error instanceof RebuildInProgressError)) throw error;
      await sleep(this.options.standbyPollMs, signal);
    }
  }
}
