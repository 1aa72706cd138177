// Group commit (README "Group commit"): the store's own appends that arrive while earlier ones are still
// in flight wait (coalescer.ts), and leave together in one call of event_store.append_batch: one round
// trip and one transaction (one commit, one WAL flush) for all of them. Every append keeps its own
// outcome, exactly as if it had been sent alone.
import type pg from 'pg';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../types.js';
import { type AppendArrays, prepareAppend } from './append-input.js';
import { type AppendRow, appendAlone, appendOutcome } from './append.js';
import { Coalescer } from './coalescer.js';
import { RAW_TEXT } from './rows.js';

/** One stream's append among many sent together. */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision?: ExpectedRevision;
}

export interface GroupCommitOptions {
  /** Batches in flight at once (default 2); an append finding them all busy waits for the next one. */
  readonly maxInFlight?: number;
  /** Most events in one batch (default 500); a larger single append still goes, alone. */
  readonly maxBatchEvents?: number;
}

interface Waiting {
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly input: AppendArrays;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

const BATCH_SQL = `select * from event_store.append_batch_json($1::text[], $2::int8[], $3::bool[], $4::int4[],
  $5::uuid[], $6::text[], $7::json, $8::json)`;

// SQLSTATEs after which the whole batch certainly rolled back and each append can be tried again alone:
// unique violation (a new event id or a new stream that a concurrent transaction also wrote; only one
// append of the batch is at fault), deadlock (two batches that reused ids across streams), serialization
// failure (a stream's last event came from a younger transaction: event_store.assert_stream_order).
const ROLLED_BACK = new Set(['23505', '40P01', '40001']);

export class GroupCommit {
  readonly #pool: pg.Pool;
  readonly #queue: Coalescer<Waiting>;

  constructor(pool: pg.Pool, options: GroupCommitOptions = {}) {
    this.#pool = pool;
    this.#queue = new Coalescer<Waiting>({
      maxInFlight: options.maxInFlight ?? 2,
      maxWeight: options.maxBatchEvents ?? 500,
      weight: (w) => w.input.ids.length,
      send: (batch) => this.#send(batch),
    });
  }

  /** Validates at once (bad input never enters the queue), then appends with the next batch. */
  append(streamName: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision | undefined): Promise<AppendResult> {
    const expected = expectedRevision ?? 'any';
    let input: AppendArrays;
    try {
      input = prepareAppend(streamName, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => this.#queue.push({ streamName, expected, input, resolve, reject }));
  }

  /**
   * Many appends sent now as one batch, past the queue and its limits (README "Many streams in one
   * call"): one call of append_batch, one transaction. Each append keeps its own outcome; the promises
   * are in the order given. Bad input in any of them rejects the call before anything is sent.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult>[] {
    const inputs = appends.map((a) => prepareAppend(a.streamName, a.events, a.expectedRevision ?? 'any'));
    const waiting: Waiting[] = [];
    const results = appends.map((a, i) => new Promise<AppendResult>((resolve, reject) => {
      waiting.push({ streamName: a.streamName, expected: a.expectedRevision ?? 'any', input: inputs[i]!, resolve, reject });
    }));
    void this.#send(waiting);
    return results;
  }

  /** Resolves once every append handed in so far has its answer. */
  drained(): Promise<void> {
    return this.#queue.drained();
  }

  async #send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.#sendAlone(batch);
    // Stable sort by the UTF-8 bytes of the stream name (the order append_batch locks rows in):
    // appends to one stream keep their order of arrival, and every batch locks in one order.
    const keyed = batch.map((w) => ({ w, key: Buffer.from(w.streamName, 'utf8') }));
    const ordered = keyed.sort((a, b) => Buffer.compare(a.key, b.key)).map((k) => k.w);
    let rows: AppendRow[];
    try {
      const result = await this.#pool.query<AppendRow>({
        name: 'event_store_append_batch',
        text: BATCH_SQL,
        values: [
          ordered.map((w) => w.streamName),
          ordered.map((w) => w.input.expectedCode),
          ordered.map((w) => w.input.idsGiven),
          ordered.map((w) => w.input.ids.length),
          ordered.flatMap((w) => w.input.ids),
          ordered.flatMap((w) => w.input.types),
          `[${ordered.map((w) => w.input.dataElements).join(',')}]`,
          `[${ordered.map((w) => w.input.metadataElements).join(',')}]`,
        ],
        rowMode: 'array',
        types: RAW_TEXT,
      });
      rows = result.rows;
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      // Nothing of the batch was written: each append is tried again on its own, so only the one at
      // fault fails. Any other failure leaves the outcome unknown (the commit may have happened), so
      // every caller gets the error, as a lost response would give it, and retries idempotently.
      if (ROLLED_BACK.has(code)) return this.#sendAlone(ordered);
      for (const w of ordered) w.reject(error);
      return;
    }
    ordered.forEach((w, i) => {
      const row = rows[i];
      if (row === undefined) return w.reject(new Error('event_store.append_batch returned too few rows'));
      try {
        w.resolve(appendOutcome(w.streamName, w.expected, row));
      } catch (error) {
        w.reject(error);
      }
    });
  }

  /** Each append in its own transaction, one after another. */
  async #sendAlone(appends: Waiting[]): Promise<void> {
    for (const w of appends) {
      try {
        w.resolve(await appendAlone(this.#pool, w.streamName, w.expected, w.input));
      } catch (error) {
        // appendPrepared already names a duplicate id.
        w.reject(error);
      }
    }
  }
}
