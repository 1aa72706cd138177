// Several streams' appends written together or not at all (README "All or nothing"): one call of
// event_store.append_batch_all_json (migration 20261208T000000), one round trip, one transaction. Each
// append is judged as it would be alone (append_batch's rules); if any is refused, the function raises
// and the transaction rolls back, and the caller learns which appends were refused and why. Every append
// a retry recognised: nothing written, each result `written: false`; such a retry beside new appends is
// refused (InvalidEventStoreInputError on `events`), as the whole call is not the same call again.
import type pg from 'pg';
import { AppendsRefusedError, InvalidEventStoreInputError } from '../errors.js';
import type { AppendResult } from '../types.js';
import { type AppendArrays, prepareAppend } from './append-input.js';
import { type AppendRow, appendOutcome, duplicateIdError } from './append.js';
import type { StreamAppend } from './group-commit.js';
import { RAW_TEXT } from './rows.js';

const ALL_SQL = `select event_store.append_batch_all_json($1::text[], $2::int8[], $3::bool[], $4::int4[],
  $5::uuid[], $6::text[], $7::json, $8::json)`;

/** The SQLSTATE the function raises when an append is refused (its detail: every append's outcome). */
const REFUSED = 'ES001';
// After these the transaction certainly rolled back, and another try sees what the concurrent one
// committed (a new stream or an id it also wrote, a deadlock, a stream's order: as group-commit.ts).
const ROLLED_BACK = new Set(['23505', '40P01', '40001']);
const TRIES = 5;

export async function appendAllOrNothing(pool: Pick<pg.Pool, 'query'>, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
  if (appends.length === 0) return [];
  // Bad input in any append: nothing is sent.
  const inputs: AppendArrays[] = appends.map((a) => prepareAppend(a.streamName, a.events, a.expectedRevision ?? 'any'));
  // Stable by the UTF-8 bytes of the stream name, as group-commit.ts sends a batch: appends to one stream
  // keep their order, and every batch locks in one order.
  const order = appends.map((a, i) => ({ i, key: Buffer.from(a.streamName, 'utf8') })).sort((a, b) => Buffer.compare(a.key, b.key) || a.i - b.i).map((k) => k.i);
  const values = [
    order.map((i) => appends[i]!.streamName),
    order.map((i) => inputs[i]!.expectedCode),
    order.map((i) => inputs[i]!.idsGiven),
    order.map((i) => inputs[i]!.ids.length),
    order.flatMap((i) => inputs[i]!.ids),
    order.flatMap((i) => inputs[i]!.types),
    `[${order.map((i) => inputs[i]!.dataElements).join(',')}]`,
    `[${order.map((i) => inputs[i]!.metadataElements).join(',')}]`,
  ];
  for (let attempt = 1; ; attempt += 1) {
    let rows: AppendRow[];
    try {
      const result = await pool.query<[string]>({ name: 'event_store_append_batch_all', text: ALL_SQL, values, rowMode: 'array', types: RAW_TEXT });
      rows = JSON.parse(result.rows[0]?.[0] ?? 'null') as AppendRow[];
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (code === REFUSED && error instanceof Error && 'detail' in error) throw refusalOf(appends, order, JSON.parse(String(error.detail)) as AppendRow[]);
      if (ROLLED_BACK.has(code) && attempt < TRIES) continue;
      throw duplicateIdError(error) ?? error;
    }
    if (!Array.isArray(rows) || rows.length !== appends.length) throw new Error('event_store.append_batch_all_json returned another number of outcomes than appends');
    const results = new Array<AppendResult>(appends.length);
    order.forEach((i, at) => {
      const a = appends[i]!;
      results[i] = appendOutcome(a.streamName, a.expectedRevision ?? 'any', rows[at]!);
    });
    return results;
  }
}

function refusalOf(appends: readonly StreamAppend[], order: readonly number[], rows: readonly AppendRow[]): AppendsRefusedError {
  const refusals: { index: number; error: Error }[] = [];
  order.forEach((i, at) => {
    const a = appends[i]!;
    if (rows[at]?.[0] === 'idempotent') {
      refusals.push({ index: i, error: new InvalidEventStoreInputError('events', 'already appended (a retry recognised) beside appends not yet written: all or nothing') });
      return;
    }
    try {
      appendOutcome(a.streamName, a.expectedRevision ?? 'any', rows[at]!);
    } catch (error) {
      refusals.push({ index: i, error: error instanceof Error ? error : new Error(String(error)) });
    }
  });
  return new AppendsRefusedError(refusals.sort((x, y) => x.index - y.index));
}
