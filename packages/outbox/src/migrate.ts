// Brings an outbox table up to date. Several instances may start at once: kysely's PostgreSQL adapter
// serialises migrators with an advisory lock. Each table has its own migration table
// (`${table}_migration`, the name the hotline's has always had), so outboxes compose with anything else.
import { Migrator, type Kysely } from 'kysely';
import { outboxMigrations } from './migrations/index.js';
import { checkTableName } from './table-name.js';

export async function migrateOutbox(db: Kysely<any>, table: string): Promise<void> {
  const { error, results } = await outboxMigrator(db, table).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`outbox ${table} migration ${failed} failed`, { cause: error });
  }
}

/** The migrator of one outbox table (tests step through its migrations). */
export function outboxMigrator(db: Kysely<any>, table: string): Migrator {
  checkTableName(table);
  return new Migrator({
    db,
    provider: { getMigrations: async () => outboxMigrations(table) },
    migrationTableName: `${table}_migration`,
    migrationLockTableName: `${table}_migration_lock`,
  });
}
