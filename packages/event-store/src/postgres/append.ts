// One append = one call of event_store.append_json (a named, prepared statement; append_to_stream with the
// events' data and metadata as one JSON array each): one round trip.
import type pg from 'pg';
import { InvalidEventStoreInputError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../types.js';
import { type AppendArrays, prepareAppend } from './append-input.js';
import { RAW_TEXT } from './rows.js';

/** What the append function returns for one append: a status and the numbers that go with it. */
export type AppendRow = [status: string, revision: string | null, commit: string | null, prepare: string | null, index: string | null];

const APPEND_SQL = 'select * from event_store.append_json($1, $2, $3::uuid[], $4::text[], $5::json, $6::json, $7, $8)';

/** Anything that runs a query: the store's pool, or a caller's client inside its transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

export async function appendEvents(
  db: Queryable,
  streamName: string,
  events: readonly EventToAppend[],
  options: { readonly expectedRevision?: ExpectedRevision } = {},
  notifyInTransaction = false,
): Promise<AppendResult> {
  const expected = options.expectedRevision ?? 'any';
  return appendPrepared(db, streamName, expected, prepareAppend(streamName, events, expected), notifyInTransaction);
}

/** The append of input already validated and turned into arrays (prepareAppend). */
export async function appendPrepared(
  db: Queryable,
  streamName: string,
  expected: ExpectedRevision,
  input: AppendArrays,
  notifyInTransaction = false,
): Promise<AppendResult> {
  let row: AppendRow | undefined;
  try {
    const result = await db.query<AppendRow>({
      name: 'event_store_append',
      text: APPEND_SQL,
      values: [streamName, input.expectedCode, input.ids, input.types, `[${input.dataElements}]`, `[${input.metadataElements}]`, input.idsGiven, notifyInTransaction],
      rowMode: 'array',
      types: RAW_TEXT,
    });
    row = result.rows[0];
  } catch (error) {
    throw duplicateIdError(error) ?? error;
  }
  if (row === undefined) throw new Error('event_store.append_to_stream returned no row');
  return appendOutcome(streamName, expected, row);
}

/** SQLSTATE serialization_failure: the stream's last event came from a younger transaction (event_store.assert_stream_order). */
const STREAM_ORDER_CONFLICT = '40001';
const ORDER_CONFLICT_TRIES = 5;

/**
 * The append in a transaction of its own (autocommit on the pool), tried again when it was refused for
 * stream order: nothing was written, and the next try's transaction gets a younger id. A caller's own
 * transaction cannot be retried here; it gets the error, as with any serialization failure.
 */
export async function appendAlone(pool: Queryable, streamName: string, expected: ExpectedRevision, input: AppendArrays): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await appendPrepared(pool, streamName, expected, input);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (code !== STREAM_ORDER_CONFLICT || attempt >= ORDER_CONFLICT_TRIES) throw error;
    }
  }
}

/** Two concurrent appends of one new id to two different streams: the unique index decides. */
export function duplicateIdError(error: unknown): InvalidEventStoreInputError | undefined {
  if (error instanceof Error && 'constraint' in error && error.constraint === 'events_event_id_key') {
    return new InvalidEventStoreInputError('events[].id', 'duplicate event id: already used by another event');
  }
  return undefined;
}

/** Turns the append function's row into the result, or into the typed error its status names. */
export function appendOutcome(streamName: string, expected: ExpectedRevision, row: AppendRow): AppendResult {
  const [status, revision, commit, prepare, index] = row;
  switch (status) {
    case 'appended':
    case 'idempotent':
      return {
        nextExpectedRevision: BigInt(revision ?? ''),
        position: { commit: BigInt(commit ?? ''), prepare: BigInt(prepare ?? '') },
        written: status === 'appended',
      };
    case 'wrong_expected_revision':
      throw new WrongExpectedRevisionError(streamName, expected, BigInt(revision ?? '-1'));
    case 'duplicate_event_id':
      throw new InvalidEventStoreInputError(
        `events[${Number(index) - 1}].id`,
        'duplicate event id: already used by another event, and this append is not a retry of it',
      );
    default:
      throw new Error(`event_store.append_to_stream returned unknown status ${status}`);
  }
}
