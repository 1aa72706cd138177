// 工作清单 per station and per office: the open files the caller's organisations have work on, green
// channel first (under every sort: the law's priority for those cases), then by next deadline with the
// overdue first, or as sorted. Filters: waiting for materials, transferred in, overdue, due today.
// Overdue is judged against now AND the timers' recorded events. Paged by keyset, the file's id
// breaking ties; a walk's pages judge "overdue" at its first page's instant, so a file falling overdue
// meanwhile neither repeats nor goes missing. The count is of the same filtered, scoped files: kept by
// the projection (worklist-counts.ts) unless the filter depends on the instant, then counted from the rows.
import { readPage, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import { endOfLocalDay, localDateOf, startOfLocalDay } from '@bureau/working-calendar';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { overlaps } from './scope.js';
import { countIsKept, keptCount } from './worklist-counts.js';
import { readDeadlinePage } from './worklist-page.js';
import { NEXT_DUE } from './worklist-rows.js';
import { listedColumns, type LegalAidReadDatabase, type ListedFileRow } from './tables.js';

export interface WorklistFilter {
  readonly now: Date;
  readonly reach: readonly string[] | null;
  /** Only files received by, held by or competent at this organisation (a station's or an office's own list). */
  readonly organisationId?: string | undefined;
  readonly waitingForMaterials?: boolean | undefined;
  readonly transferredIn?: boolean | undefined;
  readonly overdue?: boolean | undefined;
  /** Only files whose next deadline is 24:00 today (Asia/Shanghai): as an instant, up to the next day's 00:00. */
  readonly dueToday?: boolean | undefined;
}

/** The worklist's sorts (the `sort` query's fields). */
export const worklistSorts = ['nextDueAt', 'receivedAt', 'applicationNumber'] as const;
export type WorklistSort = (typeof worklistSorts)[number];

export type WorklistRow = ListedFileRow & { overdue: boolean };

const overdueAt = (at: Date) => sql<boolean>`(overdue_recorded OR (next_due_at IS NOT NULL AND next_due_at < ${at}))`;

/** Written as the worklist's index writes it (worklist-rows.ts). */
const nextDue = NEXT_DUE;
const greenFirst: SortKey = { value: sql`green_channel`, type: 'boolean', direction: 'desc' };

/** The sort keys after the green channel; shared with search (which has no green channel first). */
export function fileKeys(sort: WorklistSort, direction: 'asc' | 'desc', asOf: Date): SortKey[] {
  const id: SortKey = { value: sql`case_id`, type: 'text', direction };
  switch (sort) {
    case 'nextDueAt':
      // Overdue first going up (the most urgent), last going down: the exact reverse.
      return [
        { value: overdueAt(asOf), type: 'boolean', direction: direction === 'asc' ? 'desc' : 'asc' },
        { value: nextDue, type: 'timestamptz', direction },
        { value: sql`received_at`, type: 'timestamptz', direction },
        id,
      ];
    case 'receivedAt':
      return [{ value: sql`received_at`, type: 'timestamptz', direction }, id];
    case 'applicationNumber':
      // Notified cases have no number: after the numbered ones either way.
      return [{ value: sql`(application_number IS NULL)`, type: 'boolean', direction: 'asc' }, { value: sql`COALESCE(application_number, '')`, type: 'text', direction }, id];
    default: {
      const unknown: never = sort;
      return unknown;
    }
  }
}

/**
 * The one organisation whose list is asked: `?organisationId=`, or a reach of one organisation (a
 * station's clerk): its rows are ranges of the table's btrees that begin with the organisation.
 */
function singleList(filter: WorklistFilter): string | undefined {
  return filter.organisationId ?? (filter.reach?.length === 1 ? filter.reach[0] : undefined);
}

/** The rows of the lists asked, each open file once, within the caller's reach (never another district's). */
function openFiles(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter) {
  const reach = filter.reach;
  const organisation = singleList(filter);
  let query = db.selectFrom('legal_aid_worklist');
  if (organisation !== undefined) {
    query = query.where('organisation', '=', organisation);
    // Its own list within the reach needs no further look; another organisation's, only its files that the reach also has work on.
    if (reach !== null && !reach.includes(organisation)) query = query.where(overlaps('worklist_orgs', reach));
  } else {
    // Each file once: its first row, found by the reach's overlap with its organisations (the city: every file).
    query = query.where('place', '=', 1).where(overlaps('worklist_orgs', reach));
  }
  if (filter.waitingForMaterials) query = query.where('status', '=', 'awaiting_materials');
  if (filter.transferredIn) query = query.where('transfer_received_at', 'is not', null).where(sql<boolean>`holder_office = transferred_to`);
  if (filter.overdue !== undefined) {
    // overdueAt(now) written over the index's deadline key, so a range of it can bound a scan.
    query = query.where(filter.overdue
      ? sql<boolean>`(overdue_recorded OR ${nextDue} < ${filter.now})`
      : sql<boolean>`(NOT overdue_recorded AND ${nextDue} >= ${filter.now})`);
  }
  if (filter.dueToday !== undefined) {
    const today = localDateOf(filter.now);
    const dueToday = sql<boolean>`(${nextDue} > ${startOfLocalDay(today)} AND ${nextDue} <= ${endOfLocalDay(today)})`;
    query = query.where(filter.dueToday ? dueToday : sql<boolean>`NOT ${dueToday}`);
  }
  return query;
}

/** The count of the open files the filter selects within the caller's reach (never another district's), as a one-column query. */
function totalOf(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter) {
  if (countIsKept(filter)) return keptCount(db, { ...filter, organisation: singleList(filter) });
  return openFiles(db, filter).select((eb) => eb.fn.countAll<string>().as('n'));
}

/** How many open files the filter selects within the caller's reach (never another district's). */
export async function countWorklist(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter): Promise<number> {
  const { n } = await totalOf(db, filter).executeTakeFirstOrThrow();
  return Number(n);
}

export async function listWorklist(
  db: Kysely<LegalAidReadDatabase>,
  pool: pg.Pool,
  filter: WorklistFilter,
  order: { readonly sort: WorklistSort; readonly direction: 'asc' | 'desc'; readonly asOf: Date },
  page: PageRequest,
): Promise<Page<WorklistRow> & { readonly total: number }> {
  // The count rides along as a column (computed once, an uncorrelated subquery): one round trip, not two,
  // and the page and its count read one snapshot.
  const total = totalOf(db, filter);
  const keys = [greenFirst, ...fileKeys(order.sort, order.direction, order.asOf)];
  const recount = () => countWorklist(db, filter);
  if (order.sort === 'nextDueAt') {
    // By deadline: a page read from the index's ranges, stopped once full (worklist-page.ts).
    const rows = openFiles(db, filter).select(listedColumns).select(overdueAt(filter.now).as('overdue'));
    return withTotal(await readDeadlinePage(db, pool, rows, [...listedColumns, 'overdue'], total, order, keys, page), page, recount);
  }
  const query = openFiles(db, filter)
    .select(listedColumns)
    .select(overdueAt(filter.now).as('overdue'))
    .select(total.as('total'));
  return withTotal(await readPage(query, keys, page), page, recount);
}

/** The page with its count (asked on its own only when the page came back empty after a cursor); the rows keep the count column, which no list shows. */
export async function withTotal<R extends { total: string | number | bigint | null }>(
  page: Page<R>, request: PageRequest, count: () => Promise<number>,
): Promise<Page<R> & { readonly total: number }> {
  const first = page.rows[0];
  const total = first !== undefined ? Number(first.total) : request.cursor === undefined ? 0 : await count();
  return { ...page, total };
}
