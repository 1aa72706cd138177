// Records an anchor: the head of every stream up to the current end of $all (read in one pass, each
// chain checked on the way), their Merkle root, the signed file kept in audit.anchor_files, and the
// AnchorRecorded event naming it. The append is guarded by the anchor stream's revision, so two
// processes on the same schedule record one anchor, not two.
import { comparePositions, formatPosition, StreamNotFoundError, WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@bureau/event-store';
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { anchorStreamName, auditEvents, type AnchorRecorded } from '../events/audit-events.js';
import { ChainChecker, type StreamHead } from '../verification/chain-checker.js';
import { anchorBody, anchorFileSchema, publicKeyPem, sha256Hex, signAnchor, type AnchorFile } from './anchor-file.js';

export interface AnchorKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface AnchorContext {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly cityId: string;
  readonly keys: AnchorKeys;
  readonly now: () => Date;
}

/** The anchors recorded, oldest first. */
export async function listAnchors(store: EventStore, cityId: string): Promise<{ readonly revision: bigint; readonly anchor: AnchorRecorded }[]> {
  const out: { revision: bigint; anchor: AnchorRecorded }[] = [];
  try {
    for await (const e of store.readStream(anchorStreamName(cityId))) {
      const event = auditEvents.fromRecorded(e);
      if (event.type === 'AnchorRecorded') out.push({ revision: e.revision, anchor: event.data });
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return out;
}

export async function anchorFileOf(pool: pg.Pool, anchorId: string): Promise<{ readonly text: string; readonly file: AnchorFile } | undefined> {
  const { rows } = await pool.query<{ file: string }>('select file from audit.anchor_files where anchor_id = $1', [anchorId]);
  const text = rows[0]?.file;
  if (text === undefined) return undefined;
  return { text, file: anchorFileSchema.parse(JSON.parse(text)) };
}

/** Every stream's head (last revision and its stored hash) up to the current end of $all. */
export async function readHeads(store: EventStore): Promise<{ heads: StreamHead[]; events: number; position: string | null; chainFindings: number }> {
  const upTo = await store.headPosition();
  const last = new Map<string, RecordedEvent>();
  const checker = new ChainChecker();
  if (upTo) {
    for await (const e of store.readAll()) {
      if (comparePositions(e.position, upTo) > 0) break;
      last.set(e.streamName, e);
      checker.observe(e);
    }
  }
  const heads = [...last.values()].map((e) => ({ stream: e.streamName, revision: e.revision.toString(), hash: e.hash }));
  return { heads, events: checker.events, position: upTo ? formatPosition(upTo) : null, chainFindings: checker.finish().length };
}

/**
 * Records an anchor now. `expectedAnchors`: how many anchors the caller saw (the schedule's guard);
 * undefined records one whatever happened meanwhile. Returns undefined when another process got there first.
 */
export async function makeAnchor(ctx: AnchorContext, expectedAnchors?: number): Promise<AnchorRecorded | undefined> {
  const { heads, events, position, chainFindings } = await readHeads(ctx.store);
  const createdAt = ctx.now().toISOString();
  const anchorId = randomUUID();
  const file = signAnchor(anchorBody({ anchorId, cityId: ctx.cityId, createdAt, position, events, heads }), ctx.keys.privateKey, ctx.keys.publicKey);
  const text = `${JSON.stringify(file, null, 1)}\n`;
  await ctx.pool.query('insert into audit.anchor_files (anchor_id, created_at, file) values ($1, $2, $3)', [anchorId, createdAt, text]);
  const data: AnchorRecorded = {
    anchorId,
    root: file.root,
    position,
    streams: file.streams,
    events,
    fileSha256: sha256Hex(text),
    publicKeySha256: sha256Hex(publicKeyPem(ctx.keys.publicKey)),
    chainFindings,
    createdAt,
  };
  const recorded = auditEvents.toAppend({ type: 'AnchorRecorded', data }, {
    id: anchorId,
    envelope: { correlationId: anchorId, causationId: anchorId, actor: { id: 'audit-anchor-schedule', role: 'system', organisation: ctx.cityId }, occurredAt: createdAt },
  });
  try {
    await ctx.store.appendToStream(anchorStreamName(ctx.cityId), [recorded], {
      expectedRevision: expectedAnchors === undefined ? 'any' : expectedAnchors === 0 ? 'no_stream' : BigInt(expectedAnchors - 1),
    });
  } catch (error) {
    await ctx.pool.query('delete from audit.anchor_files where anchor_id = $1', [anchorId]);
    if (error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  }
  return data;
}
