// Reading one stream through the client, with the client's errors mapped to the store's.
import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError as EsdbStreamNotFoundError } from '@eventstore/db-client';
import { StreamNotFoundError } from '../errors.js';
import type { RecordedEvent } from '../types.js';
import type { EsdbClientPort } from './client-port.js';
import { toRecordedEvent } from './recorded-event.js';

export interface StreamReadPlan {
  readonly direction: 'forwards' | 'backwards';
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

/** Yields the stream's events; throws the store's StreamNotFoundError when it has none. */
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
    if (err instanceof EsdbStreamNotFoundError) throw new StreamNotFoundError(streamName);
    throw err;
  } finally {
    // Stopped before the end (caller broke off, error): stop the server sending.
    if (!exhausted) await read.cancel();
  }
}

/** Reads a stream into an array; a missing stream reads as empty. */
export async function readStreamSlice(client: EsdbClientPort, streamName: string, plan: StreamReadPlan): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of readStreamEvents(client, streamName, plan)) events.push(e);
  } catch (err) {
    if (err instanceof StreamNotFoundError) return [];
    throw err;
  }
  return events;
}
