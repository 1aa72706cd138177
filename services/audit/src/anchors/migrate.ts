// The one entry point for the audit service's own tables (schema `audit`), run at start.
import { Migrator, type Kysely, type Migration } from 'kysely';
import * as anchorFiles from './migrations/20261207T000000_anchor_files.js';

const migrations: Record<string, Migration> = { '20261207T000000_anchor_files': anchorFiles };

export async function migrateAudit(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'audit_migration',
    migrationLockTableName: 'audit_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`audit migration ${failed} failed`, { cause: error });
  }
}
