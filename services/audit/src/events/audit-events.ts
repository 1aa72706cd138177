// The audit service's own events (schema version 1): the anchors it records, every view of a case by an
// auditor (审计留痕), and each completed verification of the whole store.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';

export const anchorStreamCategory = 'auditAnchors';
export const accessLogStreamCategory = 'auditAccessLog';
export const verificationStreamCategory = 'auditVerifications';

export const anchorStreamName = (cityId: string) => `${anchorStreamCategory}-${cityId}`;
/**
 * The access log is kept by UTC day (a period's report reads only its days), each day spread over
 * ACCESS_LOG_SHARDS streams, a view's picked from its id: concurrent views append to different streams
 * instead of queueing on one stream's row lock. Fixed: the report reads exactly these shards (and the
 * day's one stream of the first layout), so changing it means reading the old shards too.
 */
export const ACCESS_LOG_SHARDS = 8;
export const accessLogShardName = (day: string, shard: number) => `${accessLogStreamCategory}-${day}_${shard}`;
/** The first layout: one stream a day (views recorded before the shards; still read). */
export const accessLogStreamName = (day: string) => `${accessLogStreamCategory}-${day}`;
/** Every stream a day's views may be in. */
export const accessLogStreamsOf = (day: string): string[] =>
  [accessLogStreamName(day), ...Array.from({ length: ACCESS_LOG_SHARDS }, (_, shard) => accessLogShardName(day, shard))];
export const verificationStreamName = (cityId: string) => `${verificationStreamCategory}-${cityId}`;

const instant = z.iso.datetime();
const who = z.object({ id: z.string().min(1), role: z.string().min(1), organisation: z.string().min(1) });

export const caseViews = ['history', 'as-of', 'diff', 'verification', 'links', 'export-jsonl', 'report-html', 'report-pdf'] as const;

const anchorRecorded = z.object({
  anchorId: z.string().min(1),
  root: z.string(),
  /** The $all position covered (formatPosition), null for an empty store. */
  position: z.string().nullable(),
  streams: z.number().int().min(0),
  events: z.number().int().min(0),
  /** SHA-256 of the signed file as served. */
  fileSha256: z.string(),
  publicKeySha256: z.string(),
  /** Chain breaks found while the heads were read (the anchor records the store as it is). */
  chainFindings: z.number().int().min(0),
  createdAt: instant,
});

const caseViewed = z.object({
  viewId: z.string().min(1),
  viewer: who,
  caseKind: z.string().min(1),
  caseId: z.string().min(1),
  /** The case's owning organisations then: whose auditors may read this entry. */
  owners: z.array(z.string().min(1)),
  view: z.enum(caseViews),
  /** Personal-data fields shown unmasked (empty when masked). */
  personalDataShown: z.array(z.string()),
  /** Personal-data fields the case holds that were shown masked. */
  personalDataMasked: z.array(z.string()),
  unmasked: z.boolean(),
  viewedAt: instant,
});

const storeVerified = z.object({
  jobId: z.string().min(1),
  intact: z.boolean(),
  events: z.number().int().min(0),
  streams: z.number().int().min(0),
  upTo: z.string().nullable(),
  anchorId: z.string().nullable(),
  findings: z.array(z.object({ stream: z.string(), kind: z.string(), revision: z.string(), detail: z.string() })),
  finishedAt: instant,
});

export type AuditEvent =
  | { readonly type: 'AnchorRecorded'; readonly data: z.output<typeof anchorRecorded> }
  | { readonly type: 'CaseViewed'; readonly data: z.output<typeof caseViewed> }
  | { readonly type: 'StoreVerified'; readonly data: z.output<typeof storeVerified> };

export type AnchorRecorded = Extract<AuditEvent, { type: 'AnchorRecorded' }>['data'];
export type CaseViewed = Extract<AuditEvent, { type: 'CaseViewed' }>['data'];
export type StoreVerified = Extract<AuditEvent, { type: 'StoreVerified' }>['data'];

export const auditEvents = createEventRegistry<AuditEvent>({
  AnchorRecorded: defineEvent({ type: 'AnchorRecorded', schema: anchorRecorded }),
  CaseViewed: defineEvent({ type: 'CaseViewed', schema: caseViewed }),
  StoreVerified: defineEvent({ type: 'StoreVerified', schema: storeVerified }),
});
