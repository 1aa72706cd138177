import type { GlobalPosition } from '@bureau/event-store';
import type { PostgresEventStore } from '@bureau/event-store/postgres';
import { createProjectionEngine, type EngineOptions, type ProjectionEngine } from '../../src/index.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** An engine with test-sized timings, stopped at teardown. */
export function startEngine(t: Teardown, store: PostgresEventStore, options: Omit<EngineOptions, 'store' | 'pool'>): ProjectionEngine {
  const engine = createProjectionEngine({
    store,
    pool: store.pool,
    standbyPollMs: 50,
    parkedPollMs: 100,
    retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
  t.teardown(() => engine.stop());
  return engine;
}

/** Waits for the projection to serve `position` (usually the store's head); fails loudly otherwise. */
export async function caughtUp(engine: ProjectionEngine, projection: string, position: GlobalPosition | undefined, timeoutMs = 30_000): Promise<void> {
  if (!position) return;
  const outcome = await engine.waitForPosition(projection, position, timeoutMs);
  if (outcome !== 'reached') throw new Error(`${projection} did not reach ${position.commit}/${position.prepare} within ${timeoutMs} ms`);
}
