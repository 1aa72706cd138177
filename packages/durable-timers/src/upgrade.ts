// Bringing a timers table made by an earlier schema up to the current one, in place: pending timers,
// their leases and attempts are kept (a rebuild from the events would keep the timers but lose what
// only the loop wrote: refusals, retry times). Idempotent, under the projection's generations lock;
// `createDurableTimers` runs it before the engine starts.
//
// Schema 1 is the hotline's table from before this package (`hotline_timers_g<N>`): `kind` and `state`
// had CHECKs of their own, and nothing recorded what a due time was computed from. Schema 2 (this
// package) adds the basis columns (every due time of schema 1 was an instant from the events: basis
// 'instant', the column's default) and the paused state. The subject column keeps its name.
import { alterGenerationsInPlace, migrateEngineSchema, type Projection } from '@bureau/projections';
import { sql, type Kysely } from 'kysely';

async function columnsOf(trx: Kysely<any>, table: string): Promise<Set<string>> {
  const [schema, name] = table.split('.') as [string, string];
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns WHERE table_schema = ${schema} AND table_name = ${name}`.execute(trx);
  return new Set(rows.map((r) => r.column_name));
}

/** Schema 1 → 2; false when there is nothing to do (no such table, or already schema 2). */
async function upgradeTable(trx: Kysely<any>, table: string): Promise<boolean> {
  const columns = await columnsOf(trx, table);
  if (columns.size === 0 || columns.has('basis')) return false;
  // Schema 1's CHECKs (the hotline's kinds; states without 'paused') give way to schema 2's one CHECK.
  const { rows } = await sql<{ conname: string }>`
    SELECT conname FROM pg_constraint WHERE conrelid = ${table}::regclass AND contype = 'c'`.execute(trx);
  for (const { conname } of rows) await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(conname)}`.execute(trx);
  await sql`
    ALTER TABLE ${sql.table(table)}
      ADD CONSTRAINT ${sql.id(`${table.split('.').at(-1)}_state_check`)} CHECK (state IN ('pending', 'paused', 'fired', 'cancelled')),
      ADD COLUMN basis text NOT NULL DEFAULT 'instant',
      ADD COLUMN amount double precision,
      ADD COLUMN counted_from timestamptz,
      ADD COLUMN calendar_version text,
      ADD COLUMN repeat jsonb,
      ADD COLUMN paused_at timestamptz,
      ADD COLUMN remaining double precision`.execute(trx);
  return true;
}

/** Upgrades every live generation of the timers projection's table; returns how many it changed. */
export async function upgradeTimersTables(db: Kysely<any>, projection: Projection): Promise<number> {
  await migrateEngineSchema(db);
  return await alterGenerationsInPlace(db, projection, async (trx, tables) => {
    let changed = false;
    for (const table of Object.values(tables)) changed = (await upgradeTable(trx, table)) || changed;
    return changed;
  });
}
