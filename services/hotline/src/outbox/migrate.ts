// Brings the outbox table up to date. Several instances may start at once: kysely's PostgreSQL adapter
// serialises migrators with an advisory lock. Its own migration table, so it composes with any other.
import { Migrator, type Kysely } from 'kysely';
import { outboxMigrations } from './migrations/index.js';

export async function migrateOutbox(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => outboxMigrations },
    migrationTableName: 'hotline_outbox_migration',
    migrationLockTableName: 'hotline_outbox_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`outbox migration ${failed} failed`, { cause: error });
  }
}
