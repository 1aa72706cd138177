// Maps an event as the EventStoreDB client returns it to the store's RecordedEvent.
import type { AllStreamRecordedEvent, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventStoreError } from '../errors.js';
import type { RecordedEvent } from '../types.js';
import { openMetadata } from './chain-metadata.js';
import { asJson } from './json.js';

/**
 * An event in the database that this adapter did not write (binary, not JSON, or without a hash
 * chain link). The platform owns its EventStoreDB; finding one means someone wrote around it.
 */
export class ForeignEventError extends EventStoreError {
  readonly code = 'foreign_event';
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly reason: string,
  ) {
    super(`event ${revision} of stream ${streamName} was not written by this adapter: ${reason}`);
    this.name = 'ForeignEventError';
  }
}

/** System streams and events ($-prefixed) are the server's own: never delivered to callers. */
export function isSystemEvent(streamName: string, type: string): boolean {
  return streamName.startsWith('$') || type.startsWith('$');
}

export function toRecordedEvent(e: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  const foreign = (reason: string) => new ForeignEventError(e.streamId, e.revision, reason);
  if (!e.isJson) throw foreign('its content type is not application/json');
  const data = asJson(e.data);
  if (data === undefined) throw foreign('its data is not JSON');
  const opened = openMetadata(asJson(e.metadata));
  if (!opened) throw foreign('its metadata carries no hash chain link');
  // Servers before 22.6 send no $all position on stream reads; the contract needs it everywhere. The
  // client never says "none": it reads protobuf's default, so a missing position arrives as 0/0, which
  // no event of the adapter's can have (the log starts with the server's own records).
  if (!e.position || (e.position.commit === 0n && e.position.prepare === 0n)) {
    throw new Error(`EventStoreDB sent no global position for event ${e.revision} of stream ${e.streamId}: the adapter needs a server >= 22.6`);
  }
  return {
    id: e.id,
    streamName: e.streamId,
    revision: e.revision,
    position: { commit: e.position.commit, prepare: e.position.prepare },
    type: e.type,
    data,
    metadata: opened.metadata,
    recordedAt: e.created,
    hash: opened.hash,
  };
}
