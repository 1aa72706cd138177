// Generations and the blue/green switch. Queries read a projection's tables through views named after
// the logical tables (`public.hotline_worklist`); each view selects from the active generation's
// physical table (`public.hotline_worklist_g3`). A rebuild fills the next generation's tables while the
// views keep serving the old ones, then one transaction repoints every view and flips the roles.
import { comparePositions, formatPosition } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import { generationTables, physicalName, type Projection } from './define.js';
import { loadGenerations, toGeneration, type Generation } from './checkpoints.js';
import { CHECKPOINT_CHANNEL, type CheckpointsTable } from './schema.js';

const generationsLockKey = (projection: string) => `bureau.projection-generations:${projection}`;
const generationsLock = (projection: string) => sql`SELECT pg_advisory_xact_lock(hashtextextended(${generationsLockKey(projection)}, 0))`;

const qualified = (schema: string, table: string) => sql.id(schema, table);

/**
 * Creates the next generation's tables (through the projection's migrate) and its checkpoint row.
 * A first generation is created `active`, with its views; later ones `building`.
 */
export async function createGeneration(db: Kysely<any>, projection: Projection, role: 'active' | 'building'): Promise<Generation> {
  return await db.transaction().execute(async (trx) => {
    await generationsLock(projection.name).execute(trx);
    const existing = await loadGenerations(trx, projection.name);
    if (existing.some((g) => g.state === role)) throw new Error(`projection ${projection.name} already has a ${role} generation`);
    return await createIn(trx, projection, role, existing);
  });
}

/**
 * The active generation, made first (empty tables and their views) when there is none. Every instance
 * of a service makes it at start, standby or not, so that its queries find the tables before it
 * listens; instances starting together queue on the generations lock and one of them makes it.
 */
export async function ensureActiveGeneration(db: Kysely<any>, projection: Projection): Promise<Generation> {
  const found = (await loadGenerations(db, projection.name)).find((g) => g.state === 'active');
  return found ?? (await makeFirstGeneration(db, projection));
}

/**
 * ensureActiveGeneration for a projection just seen without one: straight to the lock. Its commit does
 * not wait for the disk (a start waits on it): a crash may lose the new, empty generation, which the
 * next start makes again; any batch written into it commits after it, so it is never lost alone.
 */
export async function makeFirstGeneration(db: Kysely<any>, projection: Projection): Promise<Generation> {
  return await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(hashtextextended(${sql.lit(generationsLockKey(projection.name))}, 0))`.execute(trx);
    const existing = await loadGenerations(trx, projection.name);
    return existing.find((g) => g.state === 'active') ?? (await createIn(trx, projection, 'active', existing));
  });
}

/** Under the generations lock: the next generation's tables, checkpoint row and (when active) views. */
async function createIn(trx: Kysely<any>, projection: Projection, role: 'active' | 'building', existing: readonly Generation[]): Promise<Generation> {
  const generation = Math.max(0, ...existing.map((g) => g.generation)) + 1;
  await ensureSchema(trx, projection.schema);
  await projection.migrate(trx, generationTables(projection, generation));
  const created = await trx
    .insertInto('projections.checkpoints')
    .values({ projection: projection.name, generation, version: projection.version, state: role, activated_at: role === 'active' ? new Date() : null })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (role === 'active') await pointViews(trx, projection, generation);
  return toGeneration(created as CheckpointsTable);
}

/**
 * Two projections of one new schema, made at once (an engine starts its projections together), would
 * both run CREATE SCHEMA and one would fail on the catalogue's unique key: they queue on a lock instead.
 */
async function ensureSchema(trx: Kysely<any>, schema: string): Promise<void> {
  if (schema === 'public') return; // PostgreSQL's own, in every database
  const { rows } = await sql`SELECT 1 FROM pg_namespace WHERE nspname = ${schema}`.execute(trx);
  if (rows.length > 0) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`bureau.projection-schema:${schema}`}, 0))`.execute(trx);
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(trx);
}

/** Every view of the projection re-created on the generation's tables, in one round trip (no parameters). */
async function pointViews(db: Kysely<any>, projection: Projection, generation: number): Promise<void> {
  const statements = projection.tables.flatMap((table) => [
    sql`DROP VIEW IF EXISTS ${qualified(projection.schema, table)}`,
    sql`CREATE VIEW ${qualified(projection.schema, table)} AS SELECT * FROM ${qualified(projection.schema, physicalName(table, generation))}`,
  ]);
  await sql.join(statements, sql`;\n`).execute(db);
}

export type SwitchOutcome = 'switched' | 'behind';

/**
 * The atomic switch. Locks both rows (the live runner's next batch waits on it), and switches only if
 * the new generation has reached the old one's checkpoint, so a reader never sees the served position
 * go backwards. A parked old generation is passed regardless: the rebuild is its remedy.
 */
export async function activateGeneration(db: Kysely<any>, projection: Projection, building: Generation): Promise<SwitchOutcome> {
  const outcome = await db.transaction().execute(async (trx) => {
    await generationsLock(projection.name).execute(trx);
    await sql`SELECT 1 FROM projections.checkpoints WHERE projection = ${projection.name} AND state IN ('active', 'building') FOR UPDATE`.execute(trx);
    const rows = await loadGenerations(trx, projection.name);
    const mine = rows.find((g) => g.generation === building.generation);
    if (!mine || mine.state !== 'building') throw new Error(`projection ${projection.name}: generation ${building.generation} is no longer building`);
    if (mine.parked) throw new Error(`projection ${projection.name}: generation ${building.generation} is parked`);
    const old = rows.find((g) => g.state === 'active');
    if (old?.checkpoint && !old.parked) {
      if (!mine.checkpoint || comparePositions(mine.checkpoint, old.checkpoint) < 0) return 'behind' as const;
    }
    if (old) {
      await trx.updateTable('projections.checkpoints').set({ state: 'retired', updated_at: new Date() })
        .where('projection', '=', projection.name).where('generation', '=', old.generation).execute();
    }
    await trx.updateTable('projections.checkpoints').set({ state: 'active', activated_at: new Date(), updated_at: new Date() })
      .where('projection', '=', projection.name).where('generation', '=', mine.generation).execute();
    await pointViews(trx, projection, mine.generation);
    if (mine.checkpoint) await sql`SELECT pg_notify(${CHECKPOINT_CHANNEL}, ${`${projection.name} ${formatPosition(mine.checkpoint)}`})`.execute(trx);
    return 'switched' as const;
  });
  return outcome;
}

/**
 * Drops the tables of retired generations (and an abandoned build of another version). Runs after the
 * switch in its own transaction; a reader still inside an old table makes it wait at most `lockTimeoutMs`,
 * after which the tables stay for the next attempt.
 */
export async function dropGenerations(db: Kysely<any>, projection: Projection, which: (g: Generation) => boolean, lockTimeoutMs = 5_000): Promise<number> {
  return await db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, true)`.execute(trx);
    await generationsLock(projection.name).execute(trx);
    const doomed = (await loadGenerations(trx, projection.name)).filter(which).filter((g) => g.state !== 'active');
    for (const g of doomed) {
      for (const table of projection.tables) await sql`DROP TABLE IF EXISTS ${qualified(projection.schema, physicalName(table, g.generation))}`.execute(trx);
      await trx.deleteFrom('projections.checkpoints').where('projection', '=', projection.name).where('generation', '=', g.generation).execute();
    }
    return doomed.length;
  });
}

/**
 * The physical table behind a logical one, for code that cannot go through the view (e.g. COPY).
 * Queries should simply use the view, `schema.table`.
 */
export async function activeTable<Table extends string>(db: Kysely<any>, projection: Projection<Table>, table: Table): Promise<string | undefined> {
  const active = (await loadGenerations(db, projection.name)).find((g) => g.state === 'active');
  return active ? `${projection.schema}.${physicalName(table, active.generation)}` : undefined;
}

/**
 * Migrates a projection's existing tables in place (e.g. columns added by a new version of a library
 * that owns the tables), without a rebuild: runs `alter` on the tables of the active and of a building
 * generation, then re-points the views (a view lists its columns as they were when it was created).
 * Under the generations lock, so it never races a switch. `alter` says whether it changed anything;
 * the views are re-pointed only then. Returns how many generations it changed.
 */
export async function alterGenerationsInPlace(
  db: Kysely<any>,
  projection: Projection,
  alter: (trx: Kysely<any>, tables: Readonly<Record<string, string>>) => Promise<boolean>,
): Promise<number> {
  return await db.transaction().execute(async (trx) => {
    await generationsLock(projection.name).execute(trx);
    const live = (await loadGenerations(trx, projection.name)).filter((g) => g.state === 'active' || g.state === 'building');
    let changed = 0;
    for (const g of live) if (await alter(trx, generationTables(projection, g.generation))) changed += 1;
    const active = live.find((g) => g.state === 'active');
    if (active && changed > 0) await pointViews(trx, projection, active.generation);
    return changed;
  });
}
