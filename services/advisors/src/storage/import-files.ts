// The spreadsheets accepted for import, kept by their SHA-256 (@bureau/content-store, table
// advisors_import_files), once per distinct content. An accepted import names its file instead of
// carrying every row (a province's month is 100,000 rows: one event of tens of megabytes, which cost the
// import more than its ledgers' events did); an import left unfinished by a crash is completed from it.
// The file holds what the ledgers hold (names and phones of persons served): it is read only to complete
// its import.
import { contentStore } from '@bureau/content-store';
import type { Kysely } from 'kysely';

export interface ImportFiles {
  /** Kept before the import is accepted (idempotent: the same file is kept once). */
  keep(file: Buffer, by: string, at: Date): Promise<void>;
  read(sha256: string): Promise<Buffer | undefined>;
}

const files = contentStore('advisors_import_files');

export const importFilesIn = (db: Kysely<any>): ImportFiles => ({
  async keep(file, by, at) {
    await files.store(db, file, null, by, at);
  },
  async read(sha256) {
    return (await files.read(db, sha256))?.content;
  },
});
