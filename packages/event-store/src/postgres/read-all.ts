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

// A subscriber's page: the page of visible events, and a last row with no event id that says two things
// about the same snapshot (README "Global order"):
//  - the horizon, the newest visible position: when the page comes back short, every visible event up
//    to there has been looked at, so the subscriber moves its search on to there instead of passing
//    over the same unmatched events (another category's thousands) on every poll;
//  - whether a matching event exists after max(horizon, start), visible or not: one held back by an
//    older open transaction, which will become readable without any notification, so the subscriber
//    must look again soon rather than at the next poll. (One committed after this snapshot notifies.)
// Asked in the page's own statement, not a second one, so a subscriber's round costs one round trip.
// The look-ahead is a scalar subquery with ORDER BY and LIMIT 1, not EXISTS: PostgreSQL drops those
// inside EXISTS and then prefers a sequential scan (23 ms at 200,000 events); this walks the
// global-order index from the bound and stops at the first match.
const HORIZON = `horizon as (select e.transaction_id, e.sequence from event_store.events e where ${VISIBLE}
  order by e.transaction_id desc, e.sequence desc limit 1)`;
const BOUND = `bound as (select h.transaction_id as h_commit, h.sequence as h_prepare,
    case when h.transaction_id is null or (h.transaction_id, h.sequence) < ($1::xid8, $2::int8) then $1::xid8 else h.transaction_id end as commit,
    case when h.transaction_id is null or (h.transaction_id, h.sequence) < ($1::xid8, $2::int8) then $2::int8 else h.sequence end as prepare
  from (select 1) one left join horizon h on true)`;
const trailer = (match: string) => `select null::uuid, null::text, null::int8, b.h_commit, b.h_prepare, null::text, null::json, null::json, null::int8, null::bytea,
    (select 1 from event_store.events e where (e.transaction_id, e.sequence) > (b.commit, b.prepare) ${match} order by e.transaction_id, e.sequence limit 1) is not null
  from bound b`;
const subscriptionPage = (name: string, page: string, match: string) => ({
  name,
  text: `with page as (${page}), ${HORIZON}, ${BOUND}
    select *, null::bool from page union all ${trailer(match)}
    order by 4, 5, 1 nulls last`,
});
const SUBSCRIPTION_PAGES = {
  all: subscriptionPage('event_store_subscription_page', QUERIES.all.text, ''),
  category: subscriptionPage('event_store_subscription_page_by_category', QUERIES.category.text, "and split_part(e.stream_name, '-', 1) = any($4::text[])"),
  typePrefix: subscriptionPage('event_store_subscription_page_by_type_prefix', QUERIES.typePrefix.text, 'and e.type ^@ any($4::text[])'),
} as const;

export interface SubscriptionPage {
  readonly events: RecordedEvent[];
  /** The newest position visible to the same read; undefined while nothing is. */
  readonly horizon: GlobalPosition | undefined;
  /** A matching event lies after max(horizon, `after`), not yet readable: look again soon. */
  readonly pending: boolean;
}

/** One page strictly after `after` for a subscriber, with its horizon and look-ahead (above). */
export async function readSubscriptionPage(db: Queryable, after: GlobalPosition, limit: number, filter?: AllFilter): Promise<SubscriptionPage> {
  const { query, extra } = forFilter(SUBSCRIPTION_PAGES, filter);
  const values = [after.commit.toString(), after.prepare.toString(), limit, ...extra];
  const { rows } = await db.query<[...EventRow, string | null]>({ ...query, values, rowMode: 'array', types: RAW_TEXT });
  const events: RecordedEvent[] = [];
  let horizon: GlobalPosition | undefined;
  let pending = false;
  for (const row of rows) {
    if ((row[0] as string | null) !== null) {
      events.push(toRecordedEvent(row as unknown as EventRow));
      continue;
    }
    if (row[3] !== null) horizon = { commit: BigInt(row[3]), prepare: BigInt(row[4]) };
    pending = row[10] === 't';
  }
  return { events, horizon, pending };
}

type NamedQuery = { readonly name: string; readonly text: string };

/** The query variant a filter needs, and its values to append after the others. */
function forFilter(queries: { readonly all: NamedQuery; readonly category: NamedQuery; readonly typePrefix: NamedQuery }, filter: AllFilter | undefined): { query: NamedQuery; extra: unknown[] } {
  if (filter !== undefined && 'streamCategories' in filter) return { query: queries.category, extra: [filter.streamCategories] };
  if (filter !== undefined && 'eventTypePrefixes' in filter) return { query: queries.typePrefix, extra: [filter.eventTypePrefixes] };
  return { query: queries.all, extra: [] };
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
