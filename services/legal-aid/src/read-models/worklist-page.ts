// One organisation's worklist by next deadline, a page at a time, read from its btree (worklist-rows.ts)
// and stopped once the page is full. The order (green channel first, overdue first at the walk's
// instant, the deadline, the receipt, the id) is not one an index holds, since "overdue" depends on the
// instant. But within one green-channel flag and one recorded-overdue flag, the files due before the
// instant and those due from it are each a range of the index in (deadline, receipt, id) order, and
// every file in such a range is alike overdue or not. So the page is the first rows of the union of
// those eight ranges in the list's order: each range read up to a page (from the cursor on, as a row
// comparison that bounds the scan), and only those few rows sorted. The cursor is the generic keyset's
// (readPage in @bureau/service-kit/paging): the text of each key of the row it points at, here made from
// the row (a timestamp as ISO text, which ::timestamptz reads back the same) rather than cast by
// PostgreSQL for every row of the page: a page's cursors need the first row's and the last's only.
import { encodeCursor, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type pg from 'pg';
import { queryPrepared } from './prepared.js';
import { NEXT_DUE } from './worklist-rows.js';

type AnySelect = SelectQueryBuilder<any, any, any>;
const valueAlias = (i: number) => `page_value_${i}`;

/** What the cursor's keys are made from: the deadline order's columns of a row of the page. */
interface DeadlineKeyed {
  readonly green_channel: boolean;
  readonly overdue_recorded: boolean;
  readonly next_due_at: Date | null;
  readonly received_at: Date;
  readonly case_id: string;
}

/** The row's keys as text, as `(key)::text` read them back (booleans 'true'/'false'; no deadline: 'infinity'). */
function keyTextsOf(row: DeadlineKeyed, asOf: Date): string[] {
  const overdue = row.overdue_recorded || (row.next_due_at !== null && row.next_due_at < asOf);
  return [String(row.green_channel), String(overdue), row.next_due_at?.toISOString() ?? 'infinity', row.received_at.toISOString(), row.case_id];
}

/** Where a range lies against the cursor, by the keys its rows all share (green channel, overdue). */
function placeOf(shared: readonly boolean[], at: readonly string[], directions: readonly ('asc' | 'desc')[]): 'before' | 'at' | 'after' {
  for (let i = 0; i < shared.length; i += 1) {
    const mine = shared[i] as boolean;
    const theirs = at[i] === 'true';
    if (mine === theirs) continue;
    return (directions[i] === 'asc') === mine ? 'after' : 'before';
  }
  return 'at';
}

/**
 * A page of `rows` (the list's filtered rows, its columns selected, among them the deadline order's) in
 * the order `keys` (greenFirst then fileKeys('nextDueAt', …): green, overdue at `order.asOf`, deadline,
 * receipt, id), with `total` (the list's count query) as a column of every row.
 */
export async function readDeadlinePage<O extends DeadlineKeyed>(
  db: Kysely<any>,
  pool: pg.Pool,
  rows: SelectQueryBuilder<any, any, O>,
  /** What `rows` selects, by name: the page gives these (the sort's values stay in the statement). */
  columns: readonly string[],
  total: AnySelect,
  order: { readonly asOf: Date },
  keys: readonly SortKey[],
  request: PageRequest,
): Promise<Page<O & { total: string }>> {
  if (keys.length !== 5) throw new Error('The deadline page reads the five keys of the deadline order.');
  const backwards = request.cursor?.towards === 'previous';
  const directions = keys.map((key) => ((key.direction === 'asc') !== backwards ? 'asc' : 'desc'));
  const at = request.cursor?.key;
  if (at !== undefined && at.length !== keys.length) throw new Error('A cursor of another order.');
  const within = directions[2] as 'asc' | 'desc';
  const ranges: RawBuilder<unknown>[] = [];
  for (const green of [true, false]) {
    // Recorded overdue (all overdue, any deadline); not recorded, due before the instant (overdue); due from it (not).
    for (const [recorded, due, overdue] of [[true, null, true], [false, 'before', true], [false, 'from', false]] as const) {
      const place = at === undefined ? 'after' : placeOf([green, overdue], at, directions);
      if (place === 'before') continue;
      let range: AnySelect = (rows as AnySelect)
        .where('green_channel', '=', green)
        .where('overdue_recorded', '=', recorded);
      if (due === 'before') range = range.where(sql<boolean>`${NEXT_DUE} < ${order.asOf}`);
      if (due === 'from') range = range.where(sql<boolean>`${NEXT_DUE} >= ${order.asOf}`);
      if (place === 'at' && at !== undefined) {
        range = range.where(sql<boolean>`(${NEXT_DUE}, received_at, case_id) ${sql.raw(within === 'asc' ? '>' : '<')} (${at[2]}::timestamptz, ${at[3]}::timestamptz, ${at[4]}::text)`);
      }
      // Green and overdue are the range's own (every row of it alike): constants, not evaluated per row.
      const values = keys.map((key, i) => (i === 0 ? sql.lit(green) : i === 1 ? sql.lit(overdue) : key.value));
      range = range
        .select(values.map((value, i) => sql`${value}`.as(valueAlias(i))))
        .orderBy(sql`${NEXT_DUE} ${sql.raw(within)}`)
        .orderBy(sql`received_at ${sql.raw(within)}`)
        .orderBy(sql`case_id ${sql.raw(within)}`)
        .limit(request.limit + 1);
      ranges.push(sql`(${range})`);
    }
  }
  // Every range before the cursor: past the list's end (or before its start), as readPage answers it.
  if (ranges.length === 0) return { rows: [], nextCursor: null, previousCursor: null };
  const orderBy = sql.join(keys.map((_, i) => sql`${sql.ref(valueAlias(i))} ${sql.raw(directions[i] as string)}`));
  const statement = sql<O & { total: string }>`
    SELECT ${sql.join(columns.map((c) => sql.ref(`page.${c}`)))}, (${total}) AS total
      FROM (${sql.join(ranges, sql` UNION ALL `)}) AS page
     ORDER BY ${orderBy} LIMIT ${request.limit + 1}`.compile(db);
  // Planning the six ranges cost about as much as running them (2 ms against 3.5 ms at 240,000 files):
  // a named statement is planned once per connection (prepared.ts).
  const fetched = await queryPrepared<O & { total: string }>(pool, statement);
  const more = fetched.length > request.limit;
  const page = fetched.slice(0, request.limit);
  if (backwards) page.reverse();
  const cursorAt = (row: O | undefined, towards: 'next' | 'previous') =>
    row === undefined ? null : encodeCursor({ sort: request.sort, towards, key: keyTextsOf(row, order.asOf), asOf: request.asOf });
  // As readPage: going forward there is a previous page once a cursor was followed; going back, a next one always.
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : request.cursor !== undefined;
  return {
    rows: page,
    nextCursor: hasNext ? cursorAt(page.at(-1), 'next') : null,
    previousCursor: hasPrevious ? cursorAt(page[0], 'previous') : null,
  };
}
