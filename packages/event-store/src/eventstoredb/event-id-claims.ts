// An event id belongs to one stream (the contract, and PostgreSQL's unique index, say so), but
// EventStoreDB has no index by event id. So before an append, each id the caller chose is claimed:
// one event in the system stream `$bureau-event-id-<id>`, appended with no_stream and naming the
// owning stream. A claim by another stream means the id is taken. Claims are `$` streams, so no read
// or subscription of the store ever shows them.
//
// Ids the adapter generates are not claimed (a claim costs a write per event), yet they cannot turn
// up in a second stream either: they carry a mark (generatedEventId below), and an id with the mark
// that a caller sends is one it read back from a stored event, so unless it is a retry into the
// stream that holds it (recognised before any claim), it belongs to another stream and is refused.
//
// Claims left behind when the append then fails (a lost race, a wrong expected revision, another id
// of the batch taken, a crash) are not released, and are harmless: a claim reserves the id for the
// stream it names, so the same id sent to that stream again (a retry, or the next attempt) is
// granted, and any other stream was not allowed to use it anyway once the append succeeds. The one
// difference from PostgreSQL: an id whose append failed and that the caller then sends to *another*
// stream is refused as a duplicate. Releasing a claim cannot be made safe: a concurrent retry of the
// same batch may have been granted the same claim and be about to append, and EventStoreDB has no
// transaction over the claim stream and the event stream to tell the two apart.
import { createHash, randomBytes } from 'node:crypto';
import { FORWARDS, NO_STREAM, START, WrongExpectedVersionError } from '@eventstore/db-client';
import { InvalidEventStoreInputError } from '../errors.js';
import type { EsdbClientPort } from './client-port.js';
import type { ValidEvent } from '../validate.js';

export const CLAIM_STREAM_PREFIX = '$bureau-event-id-';
export const CLAIM_EVENT_TYPE = '$EventIdClaimed';

export function claimStreamName(eventId: string): string {
  return `${CLAIM_STREAM_PREFIX}${eventId}`;
}

/** The mark: uuid version 8, then the 12 bits `b1d`, then variant bits 10 and the 14 bits `0x3b1d`. */
const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-8b1d-bb1d-[0-9a-f]{12}$/;

/**
 * An id for an event the caller gave none: an RFC 9562 version 8 uuid carrying the adapter's mark in
 * 26 fixed bits and 96 random ones (as unlikely to collide, for any count of events one store
 * holds, as a v4). A caller's own ids (v4, v7, or another v8 layout) bear the mark with a chance of
 * 2^-26 for a random v8 and none for the other versions.
 */
export function generatedEventId(): string {
  const h = randomBytes(12).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8b1d-bb1d-${h.slice(12, 24)}`;
}

export function isGeneratedEventId(id: string): boolean {
  return GENERATED.test(id);
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
 * generated for this batch cannot be in use, so only ids the caller chose are claimed.
 */
export async function claimEventIds(client: EsdbClientPort, streamName: string, events: readonly ValidEvent[]): Promise<void> {
  const granted = await Promise.all(events.map((e) => !e.idGiven || claim(client, streamName, e.id)));
  const taken = granted.indexOf(false);
  if (taken !== -1) {
    throw new InvalidEventStoreInputError(`events[${taken}].id`, 'duplicate event id: already used by an event of another stream');
  }
}
