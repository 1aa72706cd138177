// Reads one stream in revision order (either direction). Not filtered by the global visibility rule:
// a stream's revisions are gap-free by its row lock, and a reader must see its own committed appends.
import { InvalidEventStoreInputError, StreamNotFoundError } from '../errors.js';
import type { ReadStreamOptions, RecordedEvent } from '../types.js';
import type { Queryable } from './append.js';
import { validateStreamNameToRead } from '../validate.js';
import { fromPages } from './pages.js';
import { type EventRow, RAW_TEXT, toRecordedEvent } from './rows.js';
import { FORWARDS_SQL, pageSql, type StreamPage, type StreamPageReader } from './stream-pages.js';

const PAGE_SIZE = 1000;
const LAST_REVISION = '9223372036854775807';

const BACKWARDS_SQL = pageSql('backwards');
const STREAM_EXISTS_SQL = 'select 1 from event_store.streams where stream_name = $1 and revision >= 0';

export function checkReadStreamOptions(options: ReadStreamOptions): void {
  const { direction, fromRevision, maxCount } = options;
  if (direction !== undefined && direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidEventStoreInputError('direction', 'must be forwards or backwards');
  }
  if (fromRevision !== undefined && (typeof fromRevision !== 'bigint' || fromRevision < 0n)) {
    throw new InvalidEventStoreInputError('fromRevision', 'must be a revision >= 0n');
  }
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new InvalidEventStoreInputError('maxCount', 'must be a whole number >= 0');
  }
}

/** `pages`, when given, fetches forwards pages batched with other readers' (stream-pages.ts). */
export function readStreamEvents(
  db: Queryable,
  streamName: string,
  options: ReadStreamOptions = {},
  pages?: StreamPageReader,
): AsyncIterable<RecordedEvent> {
  return fromPages(() => {
    // Checked when iteration starts, as before any read: a bad option is the first thing the reader sees.
    // A name PostgreSQL cannot take would fail every read sharing its query, not only this one.
    validateStreamNameToRead(streamName);
    checkReadStreamOptions(options);
    const backwards = options.direction === 'backwards';
    let from = options.fromRevision?.toString() ?? (backwards ? LAST_REVISION : '0');
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let first = true;
    let finished = false;
    return async () => {
      if (finished || remaining <= 0) return undefined;
      const limit = Math.min(PAGE_SIZE, remaining);
      const page: StreamPage =
        pages !== undefined && !backwards
          ? await pages.forwardsPage(streamName, from, limit)
          : {
              rows: (
                await db.query<EventRow>({
                  name: backwards ? 'event_store_read_stream_backwards' : 'event_store_read_stream_forwards',
                  text: backwards ? BACKWARDS_SQL : FORWARDS_SQL,
                  values: [streamName, from, limit],
                  rowMode: 'array',
                  types: RAW_TEXT,
                })
              ).rows,
              streamExists: undefined,
            };
      if (first && page.rows.length === 0) {
        // Every stream holds revision 0 on: an empty first page backwards, or forwards from 0, is no stream.
        const exists = backwards || from === '0' ? false
          : page.streamExists ?? (await db.query({ name: 'event_store_stream_exists', text: STREAM_EXISTS_SQL, values: [streamName] })).rowCount !== 0;
        if (!exists) throw new StreamNotFoundError(streamName);
      }
      const rows = page.rows;
      first = false;
      remaining -= rows.length;
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) {
        finished = true;
      } else {
        const lastRevision = BigInt(last[2]);
        if (backwards && lastRevision === 0n) finished = true;
        from = (backwards ? lastRevision - 1n : lastRevision + 1n).toString();
      }
      return rows.map(toRecordedEvent);
    };
  });
}
