// Appending with a client-side hash chain. EventStoreDB cannot compute the chain, so each attempt
// reads the stream's tail, computes the batch's links from the tail's hash, and appends with the
// exact revision it read: a concurrent appender then fails with a wrong expected version instead of
// forking the chain. The caller's own expectation is checked against what was read.
import { NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { GENESIS_HASH } from '../canonical.js';
import { WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision, GlobalPosition, RecordedEvent } from '../types.js';
import { assertNoReservedKey } from './chain-metadata.js';
import { chainBatch } from './chain-batch.js';
import type { EsdbClientPort } from './client-port.js';
import { readStreamSlice } from './stream-read.js';
import { validateAppend, type ValidEvent } from './validate.js';

export interface AppendRetry {
  /** Attempts of read + append before a lost race is reported (only `any`/`stream_exists` retry). */
  readonly maxAttempts: number;
  /** Waits before attempt `attempt + 1`. */
  pause(attempt: number): Promise<void>;
}

/** Exponential backoff with full jitter, so racing appenders spread out instead of colliding again. */
export const defaultAppendRetry: AppendRetry = {
  maxAttempts: 25,
  pause: (attempt) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 5 * 2 ** attempt))),
};

function sameIds(stored: readonly RecordedEvent[], batch: readonly ValidEvent[]): boolean {
  return stored.length === batch.length && stored.every((e, i) => e.id === batch[i]?.id);
}

function resultAt(last: RecordedEvent): AppendResult {
  return { nextExpectedRevision: last.revision, position: last.position };
}

/**
 * The earlier append of this very batch, if a retry finds it already stored: where the caller's
 * expectation puts it (right after an exact revision, or at 0 for no_stream), or for any and
 * stream_exists at the end of the stream. Ids are compared, as EventStoreDB's own idempotency does.
 */
async function findEarlierAppend(
  client: EsdbClientPort,
  streamName: string,
  batch: readonly ValidEvent[],
  expected: ExpectedRevision,
  tail: readonly RecordedEvent[],
): Promise<AppendResult | undefined> {
  const actual = tail[0]?.revision ?? -1n;
  if (expected === 'any' || expected === 'stream_exists') {
    const lastN = [...tail].reverse();
    const last = tail[0];
    return last && sameIds(lastN, batch) ? resultAt(last) : undefined;
  }
  const start = expected === 'no_stream' ? 0n : expected + 1n;
  if (actual < start + BigInt(batch.length) - 1n) return undefined;
  const span = await readStreamSlice(client, streamName, { direction: 'forwards', fromRevision: start, maxCount: batch.length });
  const last = span.at(-1);
  return last && sameIds(span, batch) ? resultAt(last) : undefined;
}

function meetsExpectation(expected: ExpectedRevision, actual: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1n;
  if (expected === 'stream_exists') return actual >= 0n;
  return actual === expected;
}

/** The appended last event's global position, read back so it equals what reads report. */
async function positionOf(client: EsdbClientPort, streamName: string, revision: bigint, reported: GlobalPosition | undefined): Promise<GlobalPosition> {
  const [last] = await readStreamSlice(client, streamName, { direction: 'forwards', fromRevision: revision, maxCount: 1 });
  const position = last?.position ?? reported;
  if (!position) throw new Error(`EventStoreDB reported no position for the append to stream ${streamName}`);
  return position;
}

export async function appendWithChain(
  client: EsdbClientPort,
  retry: AppendRetry,
  streamName: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision,
): Promise<AppendResult> {
  const valid = validateAppend(streamName, events, expectedRevision);
  valid.events.forEach((e, i) => assertNoReservedKey(e.metadata, `events[${i}].metadata`));
  const { events: batch, expectedRevision: expected } = valid;
  // any/stream_exists look for an earlier append of this batch at the stream's end: read that much.
  const tailLength = expected === 'any' || expected === 'stream_exists' ? batch.length : 1;
  for (let attempt = 1; ; attempt += 1) {
    const tail = await readStreamSlice(client, streamName, { direction: 'backwards', maxCount: tailLength });
    const actual = tail[0]?.revision ?? -1n;
    const earlier = await findEarlierAppend(client, streamName, batch, expected, tail);
    if (earlier) return earlier;
    if (!meetsExpectation(expected, actual)) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const chained = chainBatch(streamName, { revision: actual, hash: tail[0]?.hash ?? GENESIS_HASH }, batch);
    try {
      const appended = await client.appendToStream(streamName, chained.events, { expectedRevision: actual === -1n ? NO_STREAM : actual });
      return {
        nextExpectedRevision: appended.nextExpectedRevision,
        position: await positionOf(client, streamName, appended.nextExpectedRevision, appended.position),
      };
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError)) throw err;
      // Someone appended between our read and our write. The next read decides: an exact
      // expectation then fails (or finds this batch already stored), any/stream_exists go again.
      if (attempt >= retry.maxAttempts) {
        throw new WrongExpectedRevisionError(streamName, expected, err.actualVersion === 'no_stream' ? -1n : err.actualVersion);
      }
      if (expected === 'any' || expected === 'stream_exists') await retry.pause(attempt);
    }
  }
}
