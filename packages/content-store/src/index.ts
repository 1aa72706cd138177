// Files kept by their SHA-256 in PostgreSQL (bytea), once per distinct content: the same scan or photo
// uploaded twice is stored once. Each service names its own table (advisors_evidence, legal_aid_scans)
// and creates it from its own migrations with `createContentTable`. Size limits are the routes' business.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export interface StoredContent {
  /** Lower-case hex. */
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly mediaType: string | null;
  /** False when the same content was stored before (deduplicated). */
  readonly stored: boolean;
}

export interface ContentStore {
  store(db: Kysely<any>, content: Buffer, mediaType: string | null, by: string, at: Date): Promise<StoredContent>;
  exists(db: Kysely<any>, sha256: string): Promise<boolean>;
  /** Size and media type of those of these hashes that are stored. */
  describe(db: Kysely<any>, sha256s: readonly string[]): Promise<Map<string, { sizeBytes: number; mediaType: string | null }>>;
  /** The stored file, or undefined. */
  read(db: Kysely<any>, sha256: string): Promise<{ content: Buffer; mediaType: string | null } | undefined>;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** The store over `table` (a plain identifier, checked). */
export function contentStore(table: string): ContentStore {
  if (!TABLE_NAME.test(table)) throw new Error(`content store: ${table} is not a plain table name`);
  const t = sql.table(table);
  return {
    async store(db, content, mediaType, by, at) {
      const sha256 = sha256Of(content);
      const result = await sql<{ sha256: string }>`
        INSERT INTO ${t} (sha256, size_bytes, media_type, content, first_uploaded_at, first_uploaded_by)
        VALUES (${sha256}, ${content.length}, ${mediaType}, ${content}, ${at}, ${by})
        ON CONFLICT (sha256) DO NOTHING
        RETURNING sha256`.execute(db);
      return { sha256, sizeBytes: content.length, mediaType, stored: result.rows.length === 1 };
    },
    async exists(db, sha256) {
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM ${t} WHERE sha256 = ${sha256}`.execute(db);
      return rows.length > 0;
    },
    async describe(db, sha256s) {
      if (sha256s.length === 0) return new Map();
      const { rows } = await sql<{ sha256: string; size_bytes: number; media_type: string | null }>`
        SELECT sha256, size_bytes, media_type FROM ${t} WHERE sha256 = ANY(${[...sha256s]}::text[])`.execute(db);
      return new Map(rows.map((r) => [r.sha256, { sizeBytes: r.size_bytes, mediaType: r.media_type }]));
    },
    async read(db, sha256) {
      const { rows } = await sql<{ content: Buffer; media_type: string | null }>`SELECT content, media_type FROM ${t} WHERE sha256 = ${sha256}`.execute(db);
      const row = rows[0];
      return row ? { content: row.content, mediaType: row.media_type } : undefined;
    },
  };
}

/** The table, for a service's migration: one row per distinct content. */
export async function createContentTable(db: Kysely<any>, table: string): Promise<void> {
  if (!TABLE_NAME.test(table)) throw new Error(`content store: ${table} is not a plain table name`);
  await sql`CREATE TABLE IF NOT EXISTS ${sql.table(table)} (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    media_type text,
    content bytea NOT NULL,
    first_uploaded_at timestamptz NOT NULL,
    first_uploaded_by text NOT NULL)`.execute(db);
}
