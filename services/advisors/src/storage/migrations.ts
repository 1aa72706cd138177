// The service's own tables outside the projections (the evidence store, the import files), migrated from this one entry
// point at start. Migrations have timestamped names, take Kysely<any> and never import app code.
import { createContentTable } from '@bureau/content-store';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';

const migrations: Record<string, Migration> = {
  '2026-12-07T02:00_evidence': {
    async up(db: Kysely<any>) {
      // Evidence files (photos, scanned sign-in sheets) by content hash: one row per distinct content.
      await sql`CREATE TABLE IF NOT EXISTS advisors_evidence (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        media_type text,
        content bytea NOT NULL,
        first_uploaded_at timestamptz NOT NULL,
        first_uploaded_by text NOT NULL)`.execute(db);
    },
  },
  '2026-12-07T18:00_import_files': {
    async up(db: Kysely<any>) {
      // Spreadsheets accepted for import, by content hash: an accepted import names its file, and one left
      // unfinished by a crash is completed from it (commands/import-ledger-file.ts).
      await createContentTable(db, 'advisors_import_files');
    },
  },
};

export async function migrateAdvisorsStorage(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'advisors_migrations',
    migrationLockTableName: 'advisors_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
