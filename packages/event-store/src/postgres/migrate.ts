// The one entry point that brings the event store's schema up to date. Safe when several processes
// start at once: kysely's PostgreSQL adapter serialises migrators with an advisory lock, and each
// migration runs in its own transaction.
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { eventStoreMigrations } from './migrations/index.js';

export const EVENT_STORE_SCHEMA = 'event_store';

export async function migrateEventStore(connectionString: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => eventStoreMigrations },
      migrationTableSchema: EVENT_STORE_SCHEMA,
      migrationTableName: 'migration',
      migrationLockTableName: 'migration_lock',
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`event store migration ${failed} failed`, { cause: error });
    }
  } finally {
    await db.destroy();
  }
}
