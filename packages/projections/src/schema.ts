// The engine's own tables, in schema `projections`. One row per (projection, generation): a generation
// is one build of a projection's tables; at most one is `active` (served through the views) and at most
// one is `building` (a blue/green rebuild). The checkpoint lives in the same row and moves in the same
// transaction as the read-model writes.
import { sql, type Kysely } from 'kysely';

export const CHECKPOINT_CHANNEL = 'projections_checkpoint';
/** SQLSTATE of projections.move_checkpoint's refusal (user-defined class PJ). */
export const CHECKPOINT_MOVED = 'PJ001';

export interface CheckpointsTable {
  projection: string;
  generation: number;
  version: number;
  state: 'building' | 'active' | 'retired';
  /** The position of the last event applied (or passed over as not matching); null = from the start. */
  commit_position: string | null;
  prepare_position: string | null;
  events_applied: string;
  parked_event: ParkedEventRow | null;
  parked_error: string | null;
  parked_at: Date | null;
  created_at: Date;
  activated_at: Date | null;
  updated_at: Date;
}

/** What a parked row names (stored as jsonb; bigints as text). */
export interface ParkedEventRow {
  id: string;
  type: string;
  streamName: string;
  revision: string;
  position: string;
  attempts: number;
}

export interface EngineDatabase {
  'projections.checkpoints': CheckpointsTable;
}

const SCHEMA_LOCK = "hashtextextended('bureau.projections.schema', 0)";

/**
 * Idempotent; concurrent callers serialise on an advisory lock (parallel CREATE ... IF NOT EXISTS can collide).
 * Every engine runs it at every start, before its service listens: the statements (no parameters) go in
 * one round trip.
 */
export async function migrateEngineSchema(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const statements = [
      sql`SELECT pg_advisory_xact_lock(${sql.raw(SCHEMA_LOCK)})`,
      sql`CREATE SCHEMA IF NOT EXISTS projections`,
      sql`
      CREATE TABLE IF NOT EXISTS projections.checkpoints (
        projection text NOT NULL,
        generation integer NOT NULL CHECK (generation > 0),
        version integer NOT NULL CHECK (version > 0),
        state text NOT NULL CHECK (state IN ('building', 'active', 'retired')),
        commit_position bigint,
        prepare_position bigint,
        events_applied bigint NOT NULL DEFAULT 0,
        parked_event jsonb,
        parked_error text,
        parked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, generation),
        CHECK ((commit_position IS NULL) = (prepare_position IS NULL))
      )`,
      sql`CREATE UNIQUE INDEX IF NOT EXISTS checkpoints_one_active ON projections.checkpoints (projection) WHERE state = 'active'`,
      sql`CREATE UNIQUE INDEX IF NOT EXISTS checkpoints_one_building ON projections.checkpoints (projection) WHERE state = 'building'`,
      // A batch's first statement (checkpoints.ts, beginBatch): the compare-and-set of the checkpoint, raising
      // CHECKPOINT_MOVED when this runner no longer owns it, and the notification of an active generation.
      sql`
      CREATE OR REPLACE FUNCTION projections.move_checkpoint(
        p_projection text, p_generation integer, p_expected_commit bigint, p_expected_prepare bigint,
        p_next_commit bigint, p_next_prepare bigint, p_applied bigint, p_payload text) RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_state text;
      BEGIN
        UPDATE projections.checkpoints
           SET commit_position = p_next_commit, prepare_position = p_next_prepare,
               events_applied = events_applied + p_applied, updated_at = now()
         WHERE projection = p_projection AND generation = p_generation
           AND state <> 'retired' AND parked_event IS NULL
           AND commit_position IS NOT DISTINCT FROM p_expected_commit
           AND prepare_position IS NOT DISTINCT FROM p_expected_prepare
        RETURNING state INTO v_state;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'projection % generation %: checkpoint moved under this runner', p_projection, p_generation
            USING ERRCODE = ${sql.lit(CHECKPOINT_MOVED)};
        END IF;
        IF v_state = 'active' THEN
          PERFORM pg_notify(${sql.lit(CHECKPOINT_CHANNEL)}, p_payload);
        END IF;
      END
      $fn$`,
    ];
    await sql.join(statements, sql`;\n`).execute(trx);
  });
}
