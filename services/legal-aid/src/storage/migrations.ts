// The service's own tables outside the projections (the scans handed in), migrated from this one entry
// point at start. Migrations have timestamped names, take Kysely<any> and never import app code.
import { createContentTable } from '@bureau/content-store';
import { Migrator, type Kysely, type Migration } from 'kysely';

const migrations: Record<string, Migration> = {
  '2026-12-07T05:00_scans': {
    // Scans of the documents handed in (身份证复印件, 证明材料…) by content hash: one row per distinct content.
    up: (db: Kysely<any>) => createContentTable(db, 'legal_aid_scans'),
  },
};

export async function migrateLegalAidStorage(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'legal_aid_migrations',
    migrationLockTableName: 'legal_aid_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
