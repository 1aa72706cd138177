// Appending with a client-side hash chain. EventStoreDB cannot compute the chain, so each attempt
// learns the stream's tip, computes the batch's links from the tip's hash, and appends with the
// exact revision it read: a concurrent appender then fails with a wrong expected version instead of
// forking the chain. The caller's own expectation is checked against what was read. The decision
// order follows the PostgreSQL adapter's append function, so both give the same answer.
import { randomUUID } from 'node:crypto';
import { FORWARDS, NO_STREAM, StreamDeletedError as EsdbStreamDeletedError, WrongExpectedVersionError } from '@eventstore/db-client';
import { GENESIS_HASH } from '../canonical.js';
import { InvalidEventStoreInputError, StreamNotFoundError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../types.js';
import { assertNoReservedKey, openMetadata } from './chain-metadata.js';
import { chainBatch, type ChainTip } from './chain-batch.js';
import type { EsdbClientPort } from './client-port.js';
import { claimEventIds, generatedEventId, isGeneratedEventId } from './event-id-claims.js';
import type { StreamFactsCache, StreamView } from './stream-facts.js';
import { mapStreamReadError, TombstonedStreamError } from './stream-read.js';
import { asJson } from './json.js';
import { toRecordedEvent } from './recorded-event.js';
import { assertNoSystemNames } from './system-names.js';
import { validateAppend } from '../validate.js';

/**
 * How `any` and `stream_exists` appends go again after losing a race. They never give up: on an existing
 * stream either kind is always allowed, so the contract promises they are written; a hot stream only
 * makes them wait longer (was: WrongExpectedRevisionError after 25 lost races).
 */
export interface AppendRetry {
  /** Waits before attempt `attempt + 1`. */
  pause(attempt: number): Promise<void>;
}

/** Exponential backoff with full jitter, capped at 250 ms, so racing appenders spread out. */
export const defaultAppendRetry: AppendRetry = {
  pause: (attempt) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 5 * 2 ** Math.min(attempt, 10)))),
};

/**
 * The server refuses an append larger than this (its MaxAppendSize, 1 MiB by default), after the ids were
 * claimed; so the adapter refuses it first, as the contract's invalid-input error. Counted as the JSON of
 * each event's data and metadata, which is what the server stores.
 */
export const MAX_APPEND_BYTES = 1_048_576;

/** Refusals at the revision a read reported, in a row, before the append gives up (see below). */
const MAX_DISAGREEMENTS = 3;

function appendBytes(events: readonly { data: unknown; metadata: unknown }[]): number {
  return events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)), 0);
}

export interface AppendContext {
  readonly client: EsdbClientPort;
  readonly facts: StreamFactsCache;
  readonly retry: AppendRetry;
}

/** The event stored at `revision`, which must carry the id this batch put there, and the writer its link names. */
async function storedAt(client: EsdbClientPort, streamName: string, revision: bigint, id: string | undefined): Promise<{ event: RecordedEvent; writer: string | undefined }> {
  const read = client.readStream(streamName, { direction: FORWARDS, fromRevision: revision, maxCount: 1 });
  let stored: { event: RecordedEvent; writer: string | undefined } | undefined;
  let exhausted = false;
  try {
    for await (const resolved of read) {
      if (!resolved.event) continue;
      stored = { event: toRecordedEvent(resolved.event), writer: openMetadata(asJson(resolved.event.metadata))?.writer };
      break;
    }
    exhausted = stored === undefined;
  } catch (err) {
    exhausted = true;
    const mapped = mapStreamReadError(err, streamName);
    if (mapped instanceof TombstonedStreamError) throw tombstoned(streamName);
    if (!(mapped instanceof StreamNotFoundError)) throw mapped;
  } finally {
    if (!exhausted) await read.cancel();
  }
  if (!stored || stored.event.id !== id) {
    throw new Error(`stream ${streamName}: revision ${revision} does not hold the event this append wrote`);
  }
  return stored;
}

/**
 * Where the caller's guard says an earlier append of this batch would be: anywhere for any and
 * stream_exists, first in the stream for no_stream (revision 0, or after the old events of a
 * soft-deleted or truncated stream), right after an exact revision.
 */
function atExpectedPlace(expected: ExpectedRevision, first: bigint, streamFirst: bigint): boolean {
  if (expected === 'any' || expected === 'stream_exists') return true;
  if (expected === 'no_stream') return first === streamFirst;
  return first === expected + 1n;
}

/** A tombstoned (hard-deleted) stream can never hold events again: its name is no valid input. */
function tombstoned(streamName: string): InvalidEventStoreInputError {
  return new InvalidEventStoreInputError('streamName', `stream ${streamName} was tombstoned (hard-deleted) in EventStoreDB: it can never be written again`);
}

async function viewOf(facts: StreamFactsCache, streamName: string): Promise<StreamView> {
  try {
    return await facts.refresh(streamName);
  } catch (err) {
    if (err instanceof TombstonedStreamError) throw tombstoned(streamName);
    throw err;
  }
}

/** Far beyond any stream's end: the server refuses every append guarded by it. */
const PROBE_REVISION = 2n ** 62n;

/**
 * The last revision the server has given in a stream that has no event to read: -1n when it never had
 * one. Otherwise the stream was soft-deleted, or every event was truncated ($tb) or capped away
 * ($maxCount, $maxAge), and the server numbers new events after that revision (its commit check:
 * a soft-deleted stream keeps its last event number and takes no_stream). Asked with an empty append
 * guarded by a revision no stream reaches: the server refuses it and names the stream's current
 * revision; nothing is written.
 */
async function serverLastRevision(client: EsdbClientPort, streamName: string): Promise<bigint> {
  let reply: { readonly success: boolean };
  try {
    reply = await client.appendToStream(streamName, [], { expectedRevision: PROBE_REVISION });
  } catch (err) {
    if (err instanceof WrongExpectedVersionError) return err.actualVersion === 'no_stream' ? -1n : err.actualVersion;
    if (err instanceof EsdbStreamDeletedError) throw tombstoned(streamName);
    throw err;
  }
  if (!reply.success) throw new Error(`stream ${streamName}: the client answered success: false (throwOnAppendFailure=false?) where it must throw`);
  throw new Error(`stream ${streamName}: the server took an append guarded by revision ${PROBE_REVISION}`);
}

/** The first revision of an earlier append of exactly this batch (all ids, in order, contiguous). */
function earlierAppend(found: readonly (bigint | undefined)[]): bigint | undefined {
  const first = found[0];
  if (first === undefined) return undefined;
  return found.every((revision, i) => revision === first + BigInt(i)) ? first : undefined;
}

function meetsExpectation(expected: ExpectedRevision, actual: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1n;
  if (expected === 'stream_exists') return actual >= 0n;
  return actual === expected;
}

export async function appendWithChain(
  context: AppendContext,
  streamName: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision | undefined,
): Promise<AppendResult> {
  const { client, facts, retry } = context;
  const valid = validateAppend(streamName, events, expectedRevision);
  const { expectedRevision: expected } = valid;
  // Ids the caller did not give are the adapter's own, with its mark (see event-id-claims.ts).
  const batch = valid.events.map((e) => (e.idGiven ? e : { ...e, id: generatedEventId() }));
  assertNoSystemNames(valid.streamName, batch);
  batch.forEach((e, i) => assertNoReservedKey(e.metadata, `events[${i}].metadata`));
  // The chain link adds under 200 bytes per event to the metadata.
  if (appendBytes(batch) + 200 * batch.length > MAX_APPEND_BYTES) {
    throw new InvalidEventStoreInputError('events', `too large: EventStoreDB takes at most ${MAX_APPEND_BYTES} bytes in one append`);
  }
  let claimed = false;
  let disagreements = 0;
  /** Names this call in the stored head (see sealMetadata), so it can tell its write from an identical one. */
  const writer = randomUUID();

  for (let attempt = 1; ; attempt += 1) {
    const { tip, ids, first: streamFirst } = await viewOf(facts, streamName);
    // What the caller's guard is checked against: what reads show. A stream with nothing to read
    // (never written, soft-deleted, truncated or capped to nothing) is missing to readers, so to guards.
    const actual = tip.revision;
    if (actual === -1n && (expected === 'stream_exists' || typeof expected === 'bigint')) {
      throw new WrongExpectedRevisionError(streamName, expected, -1n);
    }
    const found = batch.map((e) => ids.get(e.id));
    const first = earlierAppend(found);
    if (first !== undefined && atExpectedPlace(expected, first, streamFirst)) {
      // A retry of an append that already happened: answer as the first call did.
      const last = first + BigInt(batch.length) - 1n;
      return { nextExpectedRevision: last, position: (await storedAt(client, streamName, last, batch.at(-1)?.id)).event.position, written: false };
    }
    if (!meetsExpectation(expected, actual)) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const reused = found.findIndex((revision) => revision !== undefined);
    if (reused !== -1) {
      throw new InvalidEventStoreInputError(`events[${reused}].id`, 'duplicate event id: already stored in this stream, and this append is not a retry of it');
    }
    // An id with the adapter's mark was generated for a stored event; this stream does not hold it.
    const elsewhere = batch.findIndex((e) => e.idGiven && isGeneratedEventId(e.id));
    if (elsewhere !== -1) {
      throw new InvalidEventStoreInputError(`events[${elsewhere}].id`, 'duplicate event id: the store generated it for an event of another stream');
    }
    // The ids are claimed (once); for a stream with nothing to read, the server is asked at the same
    // time where it numbers from, so the events are hashed at the revisions they will have.
    const [, base] = await Promise.all([
      claimed ? undefined : claimEventIds(client, streamName, batch),
      actual === -1n ? serverLastRevision(client, streamName) : actual,
    ]);
    claimed = true;
    // Nothing before `base` can be read, so the chain starts again there from the genesis hash
    // (verifyStreamChain then reports the missing revisions as a gap, as for any deleted event).
    const from: ChainTip = base === actual ? tip : { revision: base, hash: GENESIS_HASH };

    const chained = chainBatch(streamName, from, batch, writer);
    let nextRevision: bigint;
    try {
      const reply = await client.appendToStream(streamName, chained.events, { expectedRevision: base === -1n ? NO_STREAM : base });
      // The store refuses a client that resolves failures (index.ts); should one get here anyway, a
      // failure is never taken for a write.
      if (!reply.success) throw new Error(`stream ${streamName}: the client answered success: false (throwOnAppendFailure=false?); nothing is known to be written`);
      nextRevision = reply.nextExpectedRevision;
    } catch (err) {
      if (err instanceof EsdbStreamDeletedError) throw tombstoned(streamName);
      if (!(err instanceof WrongExpectedVersionError)) throw err;
      // Someone appended between our read and our write. The next read decides: an exact guard
      // then fails (or finds this very batch stored by a concurrent retry); any/stream_exists go again
      // until written. A refusal at the very revision we guarded with is no race: the server and
      // the reads disagree about the stream, and going again would never end.
      const serverAt = err.actualVersion === 'no_stream' ? -1n : err.actualVersion;
      if (serverAt === base && (disagreements += 1) >= MAX_DISAGREEMENTS) {
        throw new Error(`stream ${streamName}: the server refuses appends at revision ${base}, which it reports as the stream's end (a deleted or truncated stream?)`);
      }
      if (expected === 'any' || expected === 'stream_exists') await retry.pause(attempt);
      continue;
    }
    // The write was guarded by `base`, so the batch sits right after it, where it was hashed; the
    // reply's revision says so too, or the links do not fit the stored events.
    const last = base + BigInt(batch.length);
    if (nextRevision !== last) {
      throw new Error(`stream ${streamName}: the server put the batch's last event at revision ${nextRevision}, but it was hashed for revision ${last}`);
    }
    // The head is read back: its position is the one every read reports (an append's own reply may
    // name another record), and its hash says whose content is stored. The server compares event ids
    // only, so a rival that sent these very ids with other content (a redelivered command with a new
    // occurredAt) first gets "success" for us too: then the stored hash is not the one computed here,
    // nothing of ours was written, and our links must not be cached (the next append would chain on a
    // hash that is not stored).
    // Two writers sending the same batch with the same content are both told "success" as well; the
    // writer id sealed into the last link (outside the hash) says which one wrote, so exactly one of
    // them reports written: true.
    const head = await storedAt(client, streamName, last, batch.at(-1)?.id);
    const ours = head.event.hash === chained.links.at(-1)?.hash && head.writer === writer;
    if (head.event.hash === chained.links.at(-1)?.hash) facts.appended(streamName, chained.links);
    return { nextExpectedRevision: last, position: head.event.position, written: ours };
  }
}
