// A read model as it stood at a position of $all (a closed period's statistics, 关账): the projection's own
// migrate and handle, fed with its events up to that position, into temporary tables of the same names
// inside one transaction. The query then runs unchanged: an unqualified table name resolves to the
// session's temporary table first (PostgreSQL searches pg_temp before the schema of the views), so the
// figures as of the close come from the very SQL that gives the figures now.
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import type { Projection, ReadModelTransaction, TableNames } from './define.js';

export interface AsOfOptions {
  /** Events handed to `handle` at a time (as the engine's batches). */
  readonly batchSize?: number;
}

/**
 * Runs `query` on the projection's tables as they stood once every event at or before `position` was
 * applied and none after. Costs one read of the projection's events up to the position.
 */
export async function queryAsOf<Table extends string, T>(
  db: Kysely<any>,
  store: EventStore,
  projection: Projection<Table>,
  position: GlobalPosition,
  query: (trx: ReadModelTransaction) => Promise<T>,
  options: AsOfOptions = {},
): Promise<T> {
  const batchSize = options.batchSize ?? 1_000;
  const tables = Object.fromEntries(projection.tables.map((t) => [t, `pg_temp.${t}`])) as TableNames<Table>;
  return db.transaction().execute(async (trx) => {
    await projection.migrate(trx, tables);
    let batch: RecordedEvent[] = [];
    for await (const recorded of store.readAll(projection.filter ? { filter: projection.filter } : {})) {
      if (comparePositions(recorded.position, position) > 0) break;
      batch.push(recorded);
      if (batch.length >= batchSize) {
        await projection.handle(trx, batch, tables);
        batch = [];
      }
    }
    if (batch.length > 0) await projection.handle(trx, batch, tables);
    const result = await query(trx);
    // Temporary tables outlive a transaction; the connection goes back to the pool without them.
    for (const table of projection.tables) await sql`DROP TABLE ${sql.table(`pg_temp.${table}`)}`.execute(trx);
    return result;
  });
}
