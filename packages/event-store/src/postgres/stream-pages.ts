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
  readonly resolve: (page: StreamPage) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One page of a stream, and whether the stream exists: a page comes back empty both past a stream's end
 * and for a stream never written, and a reader must tell them apart (StreamNotFoundError). Asked in the
 * same query, by a look-up of the stream's row, so an empty page costs no second round trip. A page
 * with no events is one row with a null event id. Both look-ups are LATERAL with LIMIT, so each is an
 * index probe per stream: as a plain join, PostgreSQL's generic plan (made on a small table) joined the
 * batch with a sequential scan of event_store.streams.
 */
export interface StreamPage {
  readonly rows: EventRow[];
  readonly streamExists: boolean;
}

/** An event row, then whether its stream exists (`t`, or `f`/null), then (batched only) the request's number. */
export type FlaggedRow = [...row: EventRow, streamExists: string | null, ord?: string];

const STREAM_EXISTS = 's.revision >= 0';

/**
 * One stream's page, in either direction: $1 stream, $2 first revision wanted, $3 most events. The
 * stream's row is looked up only when the page is empty (a page of events proves the stream exists),
 * so reading a stream costs one index probe more only where a second query was needed before.
 */
export const pageSql = (direction: 'forwards' | 'backwards') => {
  const [compare, order, outer] = direction === 'forwards' ? ['>=', 'e.revision', 'asc'] : ['<=', 'e.revision desc', 'desc'];
  return `with page as (select ${EVENT_COLUMNS} from event_store.events e
                     where e.stream_name = $1 and e.revision ${compare} $2 order by ${order} limit $3)
  select *, true from page
  union all
  select null::uuid, null::text, null::int8, null::xid8, null::int8, null::text, null::json, null::json, null::int8, null::bytea,
    (select ${STREAM_EXISTS} from event_store.streams s where s.stream_name = $1 limit 1)
  where not exists (select 1 from page)
  order by 3 ${outer} nulls last`;
};

export const FORWARDS_SQL = pageSql('forwards');

const PAGES_SQL = `select ${EVENT_COLUMNS}, ${STREAM_EXISTS}, q.ord
  from unnest($1::text[], $2::int8[], $3::int8[]) with ordinality q(stream_name, from_revision, max_count, ord)
  left join lateral (select s.revision from event_store.streams s where s.stream_name = q.stream_name limit 1) s on true
  left join lateral (select * from event_store.events e where e.stream_name = q.stream_name and e.revision >= q.from_revision
                     order by e.revision limit q.max_count) e on true
  order by q.ord, e.revision`;

/** The rows of one page query (or of one stream's part of a batched one) as a page. */
export function streamPageOf(rows: readonly FlaggedRow[]): StreamPage {
  const first = rows[0];
  if (first === undefined || first[0] === null) return { rows: [], streamExists: first?.[10] === 't' };
  // Event rows carry the flag (and ord) after the event's columns, where the row mapper does not look.
  return { rows: rows as unknown as EventRow[], streamExists: true };
}

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
  forwardsPage(streamName: string, from: string, limit: number): Promise<StreamPage> {
    return new Promise((resolve, reject) => this.#queue.push({ streamName, from, limit, resolve, reject }));
  }

  async #send(batch: PageRequest[]): Promise<void> {
    try {
      if (batch.length === 1) {
        const [only] = batch as [PageRequest];
        const { rows } = await this.#pool.query<FlaggedRow>({
          name: 'event_store_read_stream_forwards',
          text: FORWARDS_SQL,
          values: [only.streamName, only.from, only.limit],
          rowMode: 'array',
          types: RAW_TEXT,
        });
        only.resolve(streamPageOf(rows));
        return;
      }
      const { rows } = await this.#pool.query<FlaggedRow>({
        name: 'event_store_read_stream_pages',
        text: PAGES_SQL,
        values: [batch.map((r) => r.streamName), batch.map((r) => r.from), batch.map((r) => r.limit)],
        rowMode: 'array',
        types: RAW_TEXT,
      });
      const pages: FlaggedRow[][] = batch.map(() => []);
      for (const row of rows) pages[Number(row[11]) - 1]?.push(row);
      batch.forEach((request, i) => request.resolve(streamPageOf(pages[i] ?? [])));
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }
}
