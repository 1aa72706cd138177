// The evidence store: files kept by their SHA-256 in PostgreSQL (@bureau/content-store, table
// advisors_evidence), once per distinct content. A ledger entry references a file by hash and size
// (EvidenceReference); the same photo uploaded twice is stored once. Size-limited by the route (the
// district's evidenceMaxBytes).
import { contentStore, type StoredContent } from '@bureau/content-store';
import type { Kysely } from 'kysely';

export type StoredEvidence = StoredContent;

const evidence = contentStore('advisors_evidence');

export function storeEvidence(db: Kysely<any>, content: Buffer, mediaType: string | null, by: string, at: Date): Promise<StoredEvidence> {
  return evidence.store(db, content, mediaType, by, at);
}

export function evidenceExists(db: Kysely<any>, sha256: string): Promise<boolean> {
  return evidence.exists(db, sha256);
}

/** The stored file, or undefined. */
export function readEvidence(db: Kysely<any>, sha256: string): Promise<{ content: Buffer; mediaType: string | null } | undefined> {
  return evidence.read(db, sha256);
}
