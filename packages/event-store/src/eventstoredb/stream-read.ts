// Reading one stream through the client, with the client's errors mapped to the store's.
import { BACKWARDS, END, FORWARDS, START, StreamDeletedError as EsdbStreamDeletedError, StreamNotFoundError as EsdbStreamNotFoundError } from '@eventstore/db-client';
import { StreamNotFoundError } from '../errors.js';
import type { RecordedEvent } from '../types.js';
import type { EsdbClientPort } from './client-port.js';
import { toRecordedEvent } from './recorded-event.js';

export interface StreamReadPlan {
  readonly direction: 'forwards' | 'backwards';
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

/**
 * A tombstoned (hard-deleted) stream: its name can never hold events again. Reads report it as the
 * store's StreamNotFoundError (it has no events), appends as invalid input (see append.ts).
 */
export class TombstonedStreamError extends StreamNotFoundError {
  constructor(streamName: string) {
    super(streamName);
    this.message = `stream ${streamName} not found: it was tombstoned (hard-deleted) in EventStoreDB`;
  }
}

/** The client's errors for a stream with no events to read, as the store's. */
export function mapStreamReadError(err: unknown, streamName: string): unknown {
  if (err instanceof EsdbStreamDeletedError) return new TombstonedStreamError(streamName);
  if (err instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(streamName);
  return err;
}

/**
 * Yields the stream's events; throws the store's StreamNotFoundError when it has none to read
 * (never written, soft-deleted, or tombstoned: TombstonedStreamError, a StreamNotFoundError).
 */
export async function* readStreamEvents(client: EsdbClientPort, streamName: string, plan: StreamReadPlan): AsyncGenerator<RecordedEvent> {
  const forwards = plan.direction === 'forwards';
  const read = client.readStream(streamName, {
    direction: forwards ? FORWARDS : BACKWARDS,
    fromRevision: plan.fromRevision ?? (forwards ? START : END),
    ...(plan.maxCount === undefined ? {} : { maxCount: plan.maxCount }),
  });
  let exhausted = false;
  try {
    for await (const resolved of read) {
      // A stream written by this adapter holds no links, so every entry carries its event.
      if (resolved.event) yield toRecordedEvent(resolved.event);
    }
    exhausted = true;
  } catch (err) {
    throw mapStreamReadError(err, streamName);
  } finally {
    // Stopped before the end (caller broke off, error): stop the server sending.
    if (!exhausted) await read.cancel();
  }
}

/** What a read found: the events, and whether the stream has any to read at all. */
export interface StreamSlice {
  readonly events: RecordedEvent[];
  /** False when the server reports the stream missing (never written, or soft-deleted). */
  readonly found: boolean;
}

/** Reads a stream into an array; a missing stream reads as empty and not found; a tombstoned one throws. */
export async function readStreamSlice(client: EsdbClientPort, streamName: string, plan: StreamReadPlan): Promise<StreamSlice> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of readStreamEvents(client, streamName, plan)) events.push(e);
  } catch (err) {
    if (err instanceof StreamNotFoundError && !(err instanceof TombstonedStreamError)) return { events: [], found: false };
    throw err;
  }
  return { events, found: true };
}
