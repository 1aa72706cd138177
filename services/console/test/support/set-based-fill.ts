// Filling a projection's table at province scale by set-based SQL (INSERT ... SELECT ... FROM
// generate_series) in the browser tests: the rows go into the active generation's physical table, created
// by the service's own projection at start (its columns and indexes exactly), so the projection's
// checkpoint and version stay as the engine left them and nothing rebuilds or wipes the rows.
import type pg from 'pg';

/** The active generation's physical table of a projection (the engine's checkpoint row names it), once there is one. */
export async function activeTable(db: pg.Client, projection: string, table: string): Promise<string> {
  for (let tries = 0; tries < 200; tries += 1) {
    const { rows } = await db.query<{ generation: number }>(`SELECT generation FROM projections.checkpoints WHERE projection = $1 AND state = 'active'`, [projection]);
    if (rows[0]) return `public.${table}_g${rows[0].generation}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`projection ${projection} has no active generation`);
}

export interface FillOptions {
  /** Drop and rebuild the primary key too (a table whose insert cannot break it); else the constraints' indexes stay. */
  readonly primaryKey?: boolean;
  readonly maintenanceWorkMem?: string;
}

/**
 * Runs `insert` into `table` in one transaction with the table's indexes dropped and then rebuilt from
 * their own definitions (pg_get_indexdef: exactly the projection's), since building an index once is far
 * quicker than keeping it up row by row; a reader waits on the lock rather than seeing the table without
 * them. Then ANALYZE, as autovacuum would on a live database, so the planner sees the real sizes.
 * Returns the milliseconds it took.
 */
export async function fillTable(db: pg.Client, table: string, insert: string, options: FillOptions = {}): Promise<number> {
  const started = performance.now();
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL maintenance_work_mem = '${options.maintenanceWorkMem ?? '128MB'}'`);
    const { rows: indexes } = await db.query<{ name: string; definition: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index
        WHERE indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)`,
      [table],
    );
    const { rows: keys } = options.primaryKey
      ? await db.query<{ name: string; definition: string }>(`SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`, [table])
      : { rows: [] };
    for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
    for (const key of keys) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${key.name}`);
    await db.query(insert);
    for (const key of keys) await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${key.name} ${key.definition}`);
    for (const index of indexes) await db.query(index.definition);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query(`ANALYZE ${table}`);
  return performance.now() - started;
}
