// How stored events come back: every column as raw text (rowMode array, no per-type parsers), then one
// mapping function. This keeps full reads cheap: no Date or Buffer parsing, one JSON.parse per column.
import type { CustomTypesConfig } from 'pg';
import type { GlobalPosition, Json, JsonObject, RecordedEvent } from '../types.js';

/**
 * Column list shared by every read, in the order of `EventRow`. recorded_at goes out as epoch
 * milliseconds: date_part's double arithmetic costs the server half what extract's numeric does.
 */
export const EVENT_COLUMNS = `e.event_id, e.stream_name, e.revision, e.transaction_id, e.sequence, e.type, e.data, e.metadata,
  floor(date_part('epoch', e.recorded_at) * 1000)::int8, e.hash`;

export type EventRow = [
  id: string,
  streamName: string,
  revision: string,
  commit: string,
  prepare: string,
  type: string,
  data: string,
  metadata: string,
  recordedAtMs: string,
  hash: string,
];

const asText = (value: string): string => value;
/** Leaves every column as the text PostgreSQL sent. */
export const RAW_TEXT: CustomTypesConfig = {
  getTypeParser: (() => asText) as CustomTypesConfig['getTypeParser'],
};

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[0],
    streamName: row[1],
    revision: BigInt(row[2]),
    position: { commit: BigInt(row[3]), prepare: BigInt(row[4]) },
    type: row[5],
    data: JSON.parse(row[6]) as Json,
    metadata: JSON.parse(row[7]) as JsonObject,
    recordedAt: new Date(Number(row[8])),
    // bytea's text form is "\x" followed by hex.
    hash: row[9].slice(2),
  };
}

/** Where $all reading starts when no position is given: before every real transaction id. */
export const START_POSITION: GlobalPosition = { commit: 0n, prepare: 0n };
