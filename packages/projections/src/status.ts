// Status and lag of each projection, read from PostgreSQL (so any process can answer, not only the one
// running the projection): generations, parked events, who holds the runner lock, how far behind.
import { formatPosition, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import { loadGenerations, type Generation, type ParkedEvent } from './checkpoints.js';
import type { Projection } from './define.js';
import { runnerLockKey, standbyLockKey } from './locks.js';

export type ProjectionState = 'running' | 'standby' | 'parked' | 'rebuilding' | 'stopped';

// Type aliases, not interfaces: plain JSON shapes that fit index-signature types (response schemas).
export type ProjectionStatus = {
  readonly name: string;
  readonly status: ProjectionState;
  readonly version: number;
  readonly generation: number | undefined;
  /** "commit/prepare" of the served (active) generation; null before its first event. */
  readonly checkpoint: string | null;
  /** Matching events after the checkpoint, counted up to the cap. */
  readonly eventsBehind: number;
  readonly eventsBehindCapped: boolean;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  readonly secondsBehind: number;
  readonly standbys: number;
  readonly parked: { readonly event: ParkedEventView; readonly error: string; readonly at: string } | null;
  readonly rebuild: { readonly generation: number; readonly version: number; readonly checkpoint: string | null; readonly eventsApplied: number } | null;
};

export type ParkedEventView = {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: string;
  readonly position: string;
  readonly attempts: number;
};

export interface StatusOptions {
  readonly db: Kysely<any>;
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  /** Counting stops here, to keep a scrape cheap; default 1,000. */
  readonly eventsBehindCap?: number;
  readonly now?: () => Date;
}

export async function projectionStatus(options: StatusOptions): Promise<ProjectionStatus[]> {
  return await Promise.all(options.projections.map((projection) => statusOf(options, projection)));
}

async function statusOf(options: StatusOptions, projection: Projection): Promise<ProjectionStatus> {
  const generations = await loadGenerations(options.db, projection.name);
  const active = generations.find((g) => g.state === 'active');
  const building = generations.find((g) => g.state === 'building');
  const locks = await lockHolders(options.db, projection.name);
  const lag = await lagOf(options, projection, active?.checkpoint);
  const status: ProjectionState = active?.parked
    ? 'parked'
    : building || (active && active.version < projection.version)
      ? 'rebuilding'
      : locks.running
        ? 'running'
        : locks.standbys > 0
          ? 'standby'
          : 'stopped';
  return {
    name: projection.name,
    status,
    version: active?.version ?? projection.version,
    generation: active?.generation,
    checkpoint: active?.checkpoint ? formatPosition(active.checkpoint) : null,
    ...lag,
    standbys: locks.standbys,
    parked: active?.parked ? parkedView(active.parked) : null,
    rebuild: building ? rebuildView(building) : null,
  };
}

function parkedView(parked: NonNullable<Generation['parked']>): NonNullable<ProjectionStatus['parked']> {
  const e: ParkedEvent = parked.event;
  return {
    event: { id: e.id, type: e.type, streamName: e.streamName, revision: e.revision.toString(), position: formatPosition(e.position), attempts: e.attempts },
    error: parked.error,
    at: parked.at.toISOString(),
  };
}

function rebuildView(g: Generation): NonNullable<ProjectionStatus['rebuild']> {
  return { generation: g.generation, version: g.version, checkpoint: g.checkpoint ? formatPosition(g.checkpoint) : null, eventsApplied: Number(g.eventsApplied) };
}

/** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits). */
async function lockHolders(db: Kysely<any>, projection: string): Promise<{ running: boolean; standbys: number }> {
  const { rows } = await sql<{ running: boolean; standbys: string }>`
    WITH advisory AS (
      SELECT (l.classid::bigint << 32) | l.objid::bigint AS key, l.mode
        FROM pg_locks l
       WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
    SELECT EXISTS (SELECT 1 FROM advisory WHERE key = hashtextextended(${runnerLockKey(projection)}, 0)) AS running,
           (SELECT count(*) FROM advisory WHERE key = hashtextextended(${standbyLockKey(projection)}, 0)) AS standbys`.execute(db);
  const row = rows[0];
  return { running: row?.running === true, standbys: Number(row?.standbys ?? 0) };
}

async function lagOf(
  options: StatusOptions,
  projection: Projection,
  checkpoint: GlobalPosition | undefined,
): Promise<Pick<ProjectionStatus, 'eventsBehind' | 'eventsBehindCapped' | 'secondsBehind'>> {
  const cap = options.eventsBehindCap ?? 1_000;
  let count = 0;
  let oldest: Date | undefined;
  for await (const event of options.store.readAll({
    ...(checkpoint ? { after: checkpoint } : {}),
    ...(projection.filter ? { filter: projection.filter } : {}),
    maxCount: cap + 1,
  })) {
    oldest ??= event.recordedAt;
    count += 1;
  }
  const now = (options.now ?? (() => new Date()))();
  return {
    eventsBehind: Math.min(count, cap),
    eventsBehindCapped: count > cap,
    secondsBehind: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
