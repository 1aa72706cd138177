// An event id belongs to one stream (the contract, and PostgreSQL's unique index, say so), but
// EventStoreDB has no index by event id. So before an append, each id the caller chose is claimed
// (a generated uuid v4 cannot be in use already): one event in the system stream
// `$bureau-event-id-<id>`, appended with no_stream and naming the owning stream.
// A claim by another stream means the id is taken. Claims are `$` streams, so no read or
// subscription of the store ever shows them. A claim whose append then loses a race stays behind;
// it only stops the id being used in a *different* stream, which the contract forbids anyway.
import { createHash } from 'node:crypto';
import { FORWARDS, NO_STREAM, START, WrongExpectedVersionError } from '@eventstore/db-client';
import { InvalidEventStoreInputError } from '../errors.js';
import type { EsdbClientPort } from './client-port.js';
import type { ValidEvent } from '../validate.js';

export const CLAIM_STREAM_PREFIX = '$bureau-event-id-';
export const CLAIM_EVENT_TYPE = '$EventIdClaimed';

export function claimStreamName(eventId: string): string {
  return `${CLAIM_STREAM_PREFIX}${eventId}`;
}

/**
 * The claim's own id is derived from (event id, stream), so claiming again for the same stream is
 * the same write and EventStoreDB treats it as an idempotent retry.
 */
export function claimEventId(eventId: string, streamName: string): string {
  const h = createHash('sha256').update(`${eventId}\n${streamName}`, 'utf8').digest('hex');
  // RFC 9562 version 8 (custom), variant 10xx.
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The stream named by the existing claim on `eventId`, or undefined when none can be read. */
async function claimOwner(client: EsdbClientPort, eventId: string): Promise<string | undefined> {
  const read = client.readStream(claimStreamName(eventId), { direction: FORWARDS, fromRevision: START, maxCount: 1 });
  for await (const resolved of read) {
    const data = resolved.event?.data;
    if (typeof data === 'object' && data !== null && !Array.isArray(data) && !(data instanceof Uint8Array)) {
      const owner: unknown = data.streamName;
      return typeof owner === 'string' ? owner : undefined;
    }
  }
  return undefined;
}

async function claim(client: EsdbClientPort, streamName: string, eventId: string): Promise<boolean> {
  try {
    const reply = await client.appendToStream(
      claimStreamName(eventId),
      [{ id: claimEventId(eventId, streamName), contentType: 'application/json', type: CLAIM_EVENT_TYPE, data: { streamName }, metadata: {} }],
      { expectedRevision: NO_STREAM },
    );
    // A failure that resolves (a client with throwOnAppendFailure=false, refused by the store) is no grant.
    if (!reply.success) throw new Error(`claim of event id ${eventId}: the client answered success: false (throwOnAppendFailure=false?)`);
    return true;
  } catch (err) {
    if (!(err instanceof WrongExpectedVersionError)) throw err;
    return (await claimOwner(client, eventId)) === streamName;
  }
}

/**
 * Claims the batch's event ids for `streamName`; refuses the batch if one is taken. Ids the adapter
 * generated (random uuid v4) cannot be in use, so only ids the caller chose are claimed.
 */
export async function claimEventIds(client: EsdbClientPort, streamName: string, events: readonly ValidEvent[]): Promise<void> {
  const granted = await Promise.all(events.map((e) => !e.idGiven || claim(client, streamName, e.id)));
  const taken = granted.indexOf(false);
  if (taken !== -1) {
    throw new InvalidEventStoreInputError(`events[${taken}].id`, 'duplicate event id: already used by an event of another stream');
  }
}
