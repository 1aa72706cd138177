// Tallies kept in the database (report_tallies, a table of the facts projection's generation): what a
// report's counts are made of (count.ts), kept by what they count over and the facts' position they are
// counted to, so that the first count after a (re)start is carried forward from there by the changes
// since instead of counting the period whole. A count is a function of the facts up to a position, and
// the facts of one generation never change behind a position the projection has passed: a kept tally
// stays exact for as long as its generation serves. It lives and dies with the generation (a rebuild
// starts with none, the old generation's are dropped with its tables), and the count that reads it holds
// the views where they point (lockedStanding), so it never reads one generation's tally against
// another's facts.
import type { GlobalPosition } from '@bureau/event-store';
import { alterGenerationsInPlace, type Projection } from '@bureau/projections';
import { sql, type Kysely } from 'kysely';
import { FACTS_PROJECTION } from './facts-projection.js';
import type { ReportsReadDatabase } from './tables.js';

type Db = Kysely<ReportsReadDatabase>;

/** The most tallies kept per scope and period (one per set of units, months judged and standing asked lately). */
const KEPT_PER_PERIOD = 8;

export async function createTalliesTable(trx: Kysely<any>, table: string): Promise<void> {
  await sql`CREATE TABLE ${sql.table(table)} (
    tally_key text PRIMARY KEY,
    scope_id text NOT NULL,
    period_id text NOT NULL,
    -- now: as things stand at the position (carried forward from here); closed: as of a close at it.
    standing text NOT NULL,
    commit_pos bigint NOT NULL,
    prepare_pos bigint NOT NULL,
    tallies jsonb NOT NULL,
    counted_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
  await sql`CREATE INDEX ON ${sql.table(table)} (scope_id, period_id, counted_at)`.execute(trx);
}

/** Adds the tallies' table to generations made before it had one (at start, before the engine runs). */
export async function addTalliesTableInPlace(db: Kysely<any>, projection: Projection): Promise<number> {
  // A database the engine has never run on has no generations (the first gets the table from migrate).
  const { rows: engine } = await sql<{ found: string | null }>`SELECT to_regclass('projections.checkpoints')::text AS found`.execute(db);
  if (!engine[0]?.found) return 0;
  return alterGenerationsInPlace(db, projection, async (trx, tables) => {
    const table = tables.report_tallies!;
    const { rows } = await sql<{ found: string | null }>`SELECT to_regclass(${table})::text AS found`.execute(trx);
    if (rows[0]?.found) return false;
    await createTalliesTable(trx, table);
    return true;
  });
}

export interface Standing {
  readonly generation: number;
  /** Where the generation's checkpoint stands (null: nothing applied yet). */
  readonly position: GlobalPosition | null;
}

/**
 * The facts projection's active generation and checkpoint, with the facts' and tallies' views locked
 * first (before the transaction's snapshot is taken): a generation switch re-points the views, so it
 * waits for this transaction, and what the transaction reads of facts and tallies is of the generation
 * and checkpoint returned. Run it first in a repeatable-read transaction.
 */
export async function lockedStanding(trx: Db): Promise<Standing | null> {
  await sql`LOCK TABLE report_facts, report_tallies IN ACCESS SHARE MODE`.execute(trx);
  const { rows } = await sql<{ generation: number; commit_position: string | null; prepare_position: string | null }>`
    SELECT generation, commit_position, prepare_position FROM projections.checkpoints WHERE projection = ${FACTS_PROJECTION} AND state = 'active'`.execute(trx);
  const row = rows[0];
  if (!row) return null;
  return { generation: row.generation, position: row.commit_position && row.prepare_position ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : null };
}

export interface TallyKey {
  /** A digest of what the tallies count over (units and their organisations, period, months judged, standing). */
  readonly key: string;
  readonly scopeId: string;
  readonly periodId: string;
  readonly standing: 'now' | 'closed';
}

export interface KeptTally {
  readonly position: GlobalPosition;
  readonly tallies: unknown;
}

/** The tally kept under `key` in the generation the views serve (read within lockedStanding's transaction). */
export async function readKeptTally(trx: Db, key: string): Promise<KeptTally | null> {
  const { rows } = await sql<{ commit_pos: string; prepare_pos: string; tallies: unknown }>`
    SELECT commit_pos, prepare_pos, tallies FROM report_tallies WHERE tally_key = ${key}`.execute(trx);
  const row = rows[0];
  return row ? { position: { commit: BigInt(row.commit_pos), prepare: BigInt(row.prepare_pos) }, tallies: row.tallies } : null;
}

/**
 * Keeps a tally in its own generation's table (`table`, physical: not the views, which may point to a
 * newer generation by now), unless one counted to a later position is kept already (concurrent counts:
 * either is exact, the later one costs less to carry forward). A generation dropped meanwhile keeps nothing.
 */
export async function keepTally(db: Db, table: string, key: TallyKey, tally: { readonly position: GlobalPosition; readonly talliesJson: string }): Promise<void> {
  const t = sql.table(table);
  try {
    await sql`INSERT INTO ${t} AS t (tally_key, scope_id, period_id, standing, commit_pos, prepare_pos, tallies)
      VALUES (${key.key}, ${key.scopeId}, ${key.periodId}, ${key.standing}, ${String(tally.position.commit)}, ${String(tally.position.prepare)}, ${tally.talliesJson}::jsonb)
      ON CONFLICT (tally_key) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos, tallies = excluded.tallies, counted_at = now()
      WHERE (t.commit_pos, t.prepare_pos) < (excluded.commit_pos, excluded.prepare_pos)`.execute(db);
    await sql`DELETE FROM ${t} WHERE scope_id = ${key.scopeId} AND period_id = ${key.periodId} AND tally_key NOT IN (
      SELECT tally_key FROM ${t} WHERE scope_id = ${key.scopeId} AND period_id = ${key.periodId} ORDER BY counted_at DESC LIMIT ${KEPT_PER_PERIOD})`.execute(db);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return; // undefined_table: its generation was dropped
    throw error;
  }
}
