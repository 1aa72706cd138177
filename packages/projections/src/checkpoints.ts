// Reading and moving checkpoints. Every move is a compare-and-set on the previous checkpoint, made in
// the batch's own transaction: a runner that lost its lock (split brain) finds the row moved and rolls
// its whole batch back, so no event is ever applied twice.
import { formatPosition, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import { sql, type Kysely, type Transaction } from 'kysely';
import { LostOwnershipError } from './errors.js';
import { CHECKPOINT_MOVED, type CheckpointsTable, type ParkedEventRow } from './schema.js';

export type GenerationRole = CheckpointsTable['state'];

export interface ParkedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: GlobalPosition;
  readonly attempts: number;
}

export interface Generation {
  readonly projection: string;
  readonly generation: number;
  readonly version: number;
  readonly state: GenerationRole;
  /** Last position applied; undefined = nothing yet. */
  readonly checkpoint: GlobalPosition | undefined;
  readonly eventsApplied: bigint;
  readonly parked: { readonly event: ParkedEvent; readonly error: string; readonly at: Date } | undefined;
  readonly updatedAt: Date;
}

export function toGeneration(row: CheckpointsTable): Generation {
  const checkpoint =
    row.commit_position === null || row.prepare_position === null
      ? undefined
      : { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
  const p = row.parked_event;
  const [commit = '0', prepare = '0'] = p ? p.position.split('/') : [];
  return {
    projection: row.projection,
    generation: row.generation,
    version: row.version,
    state: row.state,
    checkpoint,
    eventsApplied: BigInt(row.events_applied),
    parked:
      p && row.parked_at
        ? {
            event: {
              id: p.id,
              type: p.type,
              streamName: p.streamName,
              revision: BigInt(p.revision),
              position: { commit: BigInt(commit), prepare: BigInt(prepare) },
              attempts: p.attempts,
            },
            error: row.parked_error ?? '',
            at: row.parked_at,
          }
        : undefined,
    updatedAt: row.updated_at,
  };
}

type Db = Kysely<any> | Transaction<any>;

export async function loadGenerations(db: Db, projection: string): Promise<Generation[]> {
  const rows = await db
    .selectFrom('projections.checkpoints')
    .selectAll()
    .where('projection', '=', projection)
    .orderBy('generation')
    .execute();
  return rows.map((r) => toGeneration(r as CheckpointsTable));
}

const text = (p: GlobalPosition | undefined): string | null => (p === undefined ? null : p.commit.toString());
const prep = (p: GlobalPosition | undefined): string | null => (p === undefined ? null : p.prepare.toString());

export interface CheckpointMove {
  readonly projection: string;
  readonly generation: number;
  readonly expected: GlobalPosition | undefined;
  readonly next: GlobalPosition;
  readonly applied: number;
}

/**
 * Opens a batch's transaction on `conn` (a connection reserved for the batch) and, first thing in it,
 * moves the checkpoint from `expected` to `next`: competing runners queue on the row lock, and the loser
 * finds the row moved (LostOwnershipError, the transaction left for the caller to roll back). Listeners
 * of the active generation are notified when the transaction commits.
 *
 * BEGIN, the commit mode and the move go in one round trip: one simple-protocol statement list, hence the
 * literals (numbers from bigints, and the projection's name, which defineProjection restricts to
 * lower_snake_case). projections.move_checkpoint (schema.ts) raises CHECKPOINT_MOVED when nothing moved.
 *
 * The transaction commits asynchronously (synchronous_commit off): a crash of PostgreSQL may lose
 * the last fraction of a second of batches, but each one whole, rows and checkpoint together, so
 * they are simply applied again. Projection commits then do not wait for the disk.
 */
export async function beginBatch(conn: Kysely<any>, move: CheckpointMove, durable = false): Promise<void> {
  if (!SAFE_NAME.test(move.projection) || !Number.isSafeInteger(move.generation) || !Number.isSafeInteger(move.applied)) {
    throw new Error(`beginBatch: unexpected projection ${JSON.stringify(move.projection)} / generation / count`);
  }
  const payload = `${move.projection} ${formatPosition(move.next)}`;
  const bigint = (value: bigint | undefined) => (value === undefined ? 'NULL' : `${value.toString()}::bigint`);
  const statements = [
    'BEGIN',
    `SET LOCAL synchronous_commit = ${durable ? 'on' : 'off'}`,
    `SELECT projections.move_checkpoint('${move.projection}', ${move.generation}, ${bigint(move.expected?.commit)}, ${bigint(move.expected?.prepare)},
       ${bigint(move.next.commit)}, ${bigint(move.next.prepare)}, ${move.applied}, '${payload}')`,
  ];
  try {
    await sql.raw(statements.join(';\n')).execute(conn);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === CHECKPOINT_MOVED) throw new LostOwnershipError(move.projection, move.generation);
    throw error;
  }
}

/** What beginBatch puts between quotes without escaping (a projection name; defineProjection's rule is stricter). */
const SAFE_NAME = /^[a-z][a-z0-9_]*$/;

/** Marks the generation parked on `event`; guarded like a batch, so only the owner can park. */
export async function parkGeneration(
  db: Kysely<any>,
  at: { readonly projection: string; readonly generation: number; readonly expected: GlobalPosition | undefined },
  event: RecordedEvent,
  attempts: number,
  error: string,
): Promise<void> {
  const parked: ParkedEventRow = {
    id: event.id,
    type: event.type,
    streamName: event.streamName,
    revision: event.revision.toString(),
    position: formatPosition(event.position),
    attempts,
  };
  const result = await sql`
    UPDATE projections.checkpoints
       SET parked_event = ${JSON.stringify(parked)}::jsonb, parked_error = ${error}, parked_at = now(), updated_at = now()
     WHERE projection = ${at.projection} AND generation = ${at.generation} AND state <> 'retired' AND parked_event IS NULL
       AND commit_position IS NOT DISTINCT FROM ${text(at.expected)}::bigint
       AND prepare_position IS NOT DISTINCT FROM ${prep(at.expected)}::bigint`.execute(db);
  if (result.numAffectedRows !== 1n) throw new LostOwnershipError(at.projection, at.generation);
}

/**
 * Lets a parked projection try its failing event again (after a fix is deployed). Nothing is skipped:
 * the checkpoint stays just before the event. Returns false when it was not parked.
 */
export async function resumeParkedProjection(db: Kysely<any>, projection: string): Promise<boolean> {
  const result = await sql`
    UPDATE projections.checkpoints SET parked_event = NULL, parked_error = NULL, parked_at = NULL, updated_at = now()
     WHERE projection = ${projection} AND state IN ('active', 'building') AND parked_event IS NOT NULL`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}
