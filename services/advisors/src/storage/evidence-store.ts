// The evidence store: files kept by their SHA-256 in PostgreSQL (bytea), once per distinct content.
// A ledger entry references a file by hash and size (EvidenceReference); the same photo uploaded twice is
// stored once. Size-limited by the route (the district's evidenceMaxBytes).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export interface StoredEvidence {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly mediaType: string | null;
  /** False when the same content was stored before (deduplicated). */
  readonly stored: boolean;
}

export async function storeEvidence(db: Kysely<any>, content: Buffer, mediaType: string | null, by: string, at: Date): Promise<StoredEvidence> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const result = await sql<{ sha256: string }>`
    INSERT INTO advisors_evidence (sha256, size_bytes, media_type, content, first_uploaded_at, first_uploaded_by)
    VALUES (${sha256}, ${content.length}, ${mediaType}, ${content}, ${at}, ${by})
    ON CONFLICT (sha256) DO NOTHING
    RETURNING sha256`.execute(db);
  return { sha256, sizeBytes: content.length, mediaType, stored: result.rows.length === 1 };
}

export async function evidenceExists(db: Kysely<any>, sha256: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM advisors_evidence WHERE sha256 = ${sha256}`.execute(db);
  return rows.length > 0;
}

/** The stored file, or undefined. */
export async function readEvidence(db: Kysely<any>, sha256: string): Promise<{ content: Buffer; mediaType: string | null } | undefined> {
  const { rows } = await sql<{ content: Buffer; media_type: string | null }>`SELECT content, media_type FROM advisors_evidence WHERE sha256 = ${sha256}`.execute(db);
  const row = rows[0];
  return row ? { content: row.content, mediaType: row.media_type } : undefined;
}
