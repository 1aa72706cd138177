// Reads $all in global order, (transaction_id, sequence), and only rows whose transaction is older
// than every transaction still running: those can no longer be joined by an event with a smaller
// position, so a reader never skips one (README "Global order").
import { InvalidEventStoreInputError } from '../errors.js';
import type { AllFilter, GlobalPosition, RecordedEvent } from '../types.js';
import type { Queryable } from './append.js';
import { EVENT_COLUMNS, type EventRow, RAW_TEXT, START_POSITION, toRecordedEvent } from './rows.js';

export const READ_ALL_PAGE_SIZE = 2000;

const VISIBLE = 'e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))';
const AFTER = '(e.transaction_id, e.sequence) > ($1::xid8, $2::int8)';
const ORDER = 'order by e.transaction_id, e.sequence limit $3';

const QUERIES = {
  all: { name: 'event_store_read_all', text: `select ${EVENT_COLUMNS} from event_store.events e where ${AFTER} and ${VISIBLE} ${ORDER}` },
  category: {
    name: 'event_store_read_all_by_category',
    text: `select ${EVENT_COLUMNS} from event_store.events e
      where ${AFTER} and ${VISIBLE} and split_part(e.stream_name, '-', 1) = any($4::text[]) ${ORDER}`,
  },
  typePrefix: {
    name: 'event_store_read_all_by_type_prefix',
    text: `select ${EVENT_COLUMNS} from event_store.events e
      where ${AFTER} and ${VISIBLE} and e.type ^@ any($4::text[]) ${ORDER}`,
  },
} as const;

// Any matching event after a position, visible or not yet. A subscriber asks after reading a short page:
// a row it did not get is either held back by an older transaction or became visible after its read
// (and its notification was already spent), so either way it must look again soon, not at the next poll.
// Asked as "the first such row", not EXISTS: PostgreSQL drops ORDER BY and LIMIT inside EXISTS and
// then prefers a sequential scan, which read the whole table on every check (23 ms at 200,000 events).
// With them the plan walks the global-order index from the position and stops at the first match.
const FIRST_AFTER = 'order by e.transaction_id, e.sequence limit 1';
const PENDING = {
  all: { name: 'event_store_pending', text: `select 1 from event_store.events e where ${AFTER} ${FIRST_AFTER}` },
  category: {
    name: 'event_store_pending_by_category',
    text: `select 1 from event_store.events e where ${AFTER} and split_part(e.stream_name, '-', 1) = any($3::text[]) ${FIRST_AFTER}`,
  },
  typePrefix: {
    name: 'event_store_pending_by_type_prefix',
    text: `select 1 from event_store.events e where ${AFTER} and e.type ^@ any($3::text[]) ${FIRST_AFTER}`,
  },
} as const;

// A filtered page, plus (as a last row with no event id) the newest visible position in the same
// snapshot: when the page comes back short, every visible event up to there has been looked at, so a
// filtered subscriber moves its search on to there instead of passing over the same unmatched events
// (another category's thousands) on every poll.
const HORIZON = `horizon as (select e.transaction_id, e.sequence from event_store.events e where ${VISIBLE}
  order by e.transaction_id desc, e.sequence desc limit 1)`;
const HORIZON_ROW = `select null::uuid, null::text, null::int8, h.transaction_id, h.sequence, null::text, null::json, null::json, null::int8, null::bytea from horizon h`;
const WITH_HORIZON = {
  category: {
    name: 'event_store_read_all_by_category_with_horizon',
    text: `with page as (${QUERIES.category.text}), ${HORIZON} select * from page union all ${HORIZON_ROW} order by 4, 5, 1 nulls last`,
  },
  typePrefix: {
    name: 'event_store_read_all_by_type_prefix_with_horizon',
    text: `with page as (${QUERIES.typePrefix.text}), ${HORIZON} select * from page union all ${HORIZON_ROW} order by 4, 5, 1 nulls last`,
  },
} as const;

/**
 * One filtered page strictly after `after`, and the horizon: the newest position visible to the same
 * read, before which no matching event can appear later (README "Global order").
 */
export async function readFilteredPage(
  db: Queryable,
  after: GlobalPosition,
  limit: number,
  filter: AllFilter,
): Promise<{ events: RecordedEvent[]; horizon: GlobalPosition | undefined }> {
  // (A filter is required here, so the `all` variant is never chosen.)
  const { query, extra } = forFilter({ all: WITH_HORIZON.category, ...WITH_HORIZON }, filter);
  const values = [after.commit.toString(), after.prepare.toString(), limit, ...extra];
  const { rows } = await db.query<EventRow>({ ...query, values, rowMode: 'array', types: RAW_TEXT });
  const events: RecordedEvent[] = [];
  let horizon: GlobalPosition | undefined;
  for (const row of rows) {
    if ((row[0] as string | null) === null) horizon = { commit: BigInt(row[3]), prepare: BigInt(row[4]) };
    else events.push(toRecordedEvent(row));
  }
  return { events, horizon };
}

type NamedQuery = { readonly name: string; readonly text: string };

/** The query variant a filter needs, and its values to append after the others. */
function forFilter(queries: { readonly all: NamedQuery; readonly category: NamedQuery; readonly typePrefix: NamedQuery }, filter: AllFilter | undefined): { query: NamedQuery; extra: unknown[] } {
  if (filter !== undefined && 'streamCategories' in filter) return { query: queries.category, extra: [filter.streamCategories] };
  if (filter !== undefined && 'eventTypePrefixes' in filter) return { query: queries.typePrefix, extra: [filter.eventTypePrefixes] };
  return { query: queries.all, extra: [] };
}

export async function hasEventsAfter(db: Queryable, after: GlobalPosition, filter?: AllFilter): Promise<boolean> {
  const { query, extra } = forFilter(PENDING, filter);
  const values = [after.commit.toString(), after.prepare.toString(), ...extra];
  const { rows } = await db.query<[number]>({ ...query, values, rowMode: 'array' });
  return rows.length > 0;
}

export function checkFilter(filter: AllFilter | undefined): void {
  if (filter === undefined) return;
  const values = 'streamCategories' in filter ? filter.streamCategories : 'eventTypePrefixes' in filter ? filter.eventTypePrefixes : undefined;
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
    throw new InvalidEventStoreInputError('filter', 'must list at least one stream category or event type prefix');
  }
}

/** The raw rows of one page of $all strictly after `after`, at most `limit`. */
function fetchRows(db: Queryable, after: GlobalPosition, limit: number, filter?: AllFilter): Promise<EventRow[]> {
  const { query, extra } = forFilter(QUERIES, filter);
  const values = [after.commit.toString(), after.prepare.toString(), limit, ...extra];
  return db.query<EventRow>({ ...query, values, rowMode: 'array', types: RAW_TEXT }).then((r) => r.rows);
}

/** One page of $all strictly after `after`, at most `limit` events. */
export async function readAllPage(db: Queryable, after: GlobalPosition, limit: number, filter?: AllFilter): Promise<RecordedEvent[]> {
  return (await fetchRows(db, after, limit, filter)).map(toRecordedEvent);
}

/**
 * Pages through $all. The next page is requested as soon as this one's rows arrive, before they are
 * turned into events, so PostgreSQL produces page n+1 while this process parses page n.
 */
export async function* readAllEvents(
  db: Queryable,
  options: { readonly after?: GlobalPosition; readonly maxCount?: number; readonly filter?: AllFilter } = {},
): AsyncGenerator<RecordedEvent> {
  checkFilter(options.filter);
  if (options.maxCount !== undefined && (!Number.isSafeInteger(options.maxCount) || options.maxCount < 0)) {
    throw new InvalidEventStoreInputError('maxCount', 'must be a whole number >= 0');
  }
  let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (remaining === 0) return;
  let limit = Math.min(READ_ALL_PAGE_SIZE, remaining);
  let next: Promise<EventRow[]> | undefined = fetchRows(db, options.after ?? START_POSITION, limit, options.filter);
  while (next !== undefined) {
    const rows: EventRow[] = await next;
    next = undefined;
    remaining -= rows.length;
    const last = rows.at(-1);
    if (rows.length === limit && remaining > 0 && last !== undefined) {
      limit = Math.min(READ_ALL_PAGE_SIZE, remaining);
      next = fetchRows(db, { commit: BigInt(last[3]), prepare: BigInt(last[4]) }, limit, options.filter);
      // Marked handled now: a failure surfaces when the loop awaits it, not as an unhandled rejection
      // while the consumer is still busy with this page (nor after it stopped early).
      next.catch(() => undefined);
    }
    for (const row of rows) yield toRecordedEvent(row);
  }
}
