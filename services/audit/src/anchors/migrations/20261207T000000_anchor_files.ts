// The signed anchor files, kept whole so each can be downloaded again exactly as signed. The anchor itself
// is an event (AnchorRecorded); this table only holds the file it names by SHA-256.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists audit`.execute(db);
  await sql`
    create table audit.anchor_files (
      anchor_id text primary key,
      created_at timestamptz not null,
      file text not null
    )`.execute(db);
}
