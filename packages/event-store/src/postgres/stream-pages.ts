// Batched stream reads (README "Batched stream reads"): pages of different streams asked for while
// other reads are in flight wait (coalescer.ts), and are fetched together by one query, one lateral
// index scan per stream. A short stream read costs little more than its round trip, so under
// concurrent load this saves most of the work; alone, a read goes at once with its own query.
import type pg from 'pg';
import { Coalescer } from './coalescer.js';
import { EVENT_COLUMNS, type EventRow, RAW_TEXT } from './rows.js';

export interface StreamReadBatchingOptions {
  /** Queries in flight at once (default 2). */
  readonly maxInFlight?: number;
  /** Most stream pages fetched by one query (default 64). */
  readonly maxStreams?: number;
}

interface PageRequest {
  readonly streamName: string;
  readonly from: string;
  readonly limit: number;
  readonly resolve: (rows: EventRow[]) => void;
  readonly reject: (error: unknown) => void;
}

export const FORWARDS_SQL = `select ${EVENT_COLUMNS} from event_store.events e
  where e.stream_name = $1 and e.revision >= $2 order by e.revision limit $3`;

const PAGES_SQL = `select q.ord, ${EVENT_COLUMNS}
  from unnest($1::text[], $2::int8[], $3::int8[]) with ordinality q(stream_name, from_revision, max_count, ord)
  cross join lateral (select * from event_store.events s where s.stream_name = q.stream_name and s.revision >= q.from_revision
                       order by s.revision limit q.max_count) e
  order by q.ord, e.revision`;

type OrdinalRow = [ord: string, ...row: EventRow];

export class StreamPageReader {
  readonly #pool: pg.Pool;
  readonly #queue: Coalescer<PageRequest>;

  constructor(pool: pg.Pool, options: StreamReadBatchingOptions = {}) {
    this.#pool = pool;
    this.#queue = new Coalescer<PageRequest>({
      maxInFlight: options.maxInFlight ?? 2,
      maxWeight: options.maxStreams ?? 64,
      weight: () => 1,
      send: (batch) => this.#send(batch),
    });
  }

  /** Up to `limit` events of the stream from revision `from` on, in revision order. */
  forwardsPage(streamName: string, from: string, limit: number): Promise<EventRow[]> {
    return new Promise((resolve, reject) => this.#queue.push({ streamName, from, limit, resolve, reject }));
  }

  async #send(batch: PageRequest[]): Promise<void> {
    try {
      if (batch.length === 1) {
        const [only] = batch as [PageRequest];
        const { rows } = await this.#pool.query<EventRow>({
          name: 'event_store_read_stream_forwards',
          text: FORWARDS_SQL,
          values: [only.streamName, only.from, only.limit],
          rowMode: 'array',
          types: RAW_TEXT,
        });
        only.resolve(rows);
        return;
      }
      const { rows } = await this.#pool.query<OrdinalRow>({
        name: 'event_store_read_stream_pages',
        text: PAGES_SQL,
        values: [batch.map((r) => r.streamName), batch.map((r) => r.from), batch.map((r) => r.limit)],
        rowMode: 'array',
        types: RAW_TEXT,
      });
      const pages: EventRow[][] = batch.map(() => []);
      for (const row of rows) pages[Number(row[0]) - 1]?.push(row.slice(1) as EventRow);
      batch.forEach((request, i) => request.resolve(pages[i] ?? []));
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }
}
