// 工作清单 per station and per office: the open files the caller's organisations have work on, green
// channel first (under every sort: the law's priority for those cases), then by next deadline with the
// overdue first, or as sorted. Filters: waiting for materials, transferred in, overdue, due today.
// Overdue is judged against now AND the timers' recorded events. Paged by keyset, the file's id
// breaking ties; a walk's pages judge "overdue" at its first page's instant, so a file falling overdue
// meanwhile neither repeats nor goes missing. The count is of the same filtered, scoped files.
import { readPage, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import { endOfLocalDay, localDateOf, startOfLocalDay } from '@bureau/working-calendar';
import { sql, type Kysely } from 'kysely';
import { overlaps } from './scope.js';
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

/** Written as the projection's indexes write them (files-projection.ts). */
const nextDue = sql`COALESCE(next_due_at, 'infinity'::timestamptz)`;
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

function openFiles(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter) {
  // The narrow table of open files (tables.ts): a list reads a few hundred bytes per file, not the file's row.
  let query = db.selectFrom('legal_aid_worklist').where(overlaps('worklist_orgs', filter.reach));
  if (filter.organisationId !== undefined) query = query.where(overlaps('worklist_orgs', [filter.organisationId]));
  if (filter.waitingForMaterials) query = query.where('status', '=', 'awaiting_materials');
  if (filter.transferredIn) query = query.where('transfer_received_at', 'is not', null).where(sql<boolean>`holder_office = transferred_to`);
  if (filter.overdue !== undefined) query = query.where(filter.overdue ? overdueAt(filter.now) : sql<boolean>`NOT ${overdueAt(filter.now)}`);
  if (filter.dueToday !== undefined) {
    const today = localDateOf(filter.now);
    const dueToday = sql<boolean>`(next_due_at IS NOT NULL AND next_due_at > ${startOfLocalDay(today)} AND next_due_at <= ${endOfLocalDay(today)})`;
    query = query.where(filter.dueToday ? dueToday : sql<boolean>`NOT ${dueToday}`);
  }
  return query;
}

/** How many open files the filter selects within the caller's reach (never another district's). */
export async function countWorklist(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter): Promise<number> {
  const { n } = await openFiles(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function listWorklist(
  db: Kysely<LegalAidReadDatabase>,
  filter: WorklistFilter,
  order: { readonly sort: WorklistSort; readonly direction: 'asc' | 'desc'; readonly asOf: Date },
  page: PageRequest,
): Promise<Page<WorklistRow> & { readonly total: number }> {
  // The count rides along as a column (computed once, an uncounted subquery): one round trip, not two.
  const query = openFiles(db, filter)
    .select(listedColumns)
    .select(overdueAt(filter.now).as('overdue'))
    .select(openFiles(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).as('total'));
  return withTotal(await readPage(query, [greenFirst, ...fileKeys(order.sort, order.direction, order.asOf)], page), page, () => countWorklist(db, filter));
}

/** The page with its count (asked on its own only when the page came back empty after a cursor); the rows keep the count column, which no list shows. */
export async function withTotal<R extends { total: string | number | bigint | null }>(
  page: Page<R>, request: PageRequest, count: () => Promise<number>,
): Promise<Page<R> & { readonly total: number }> {
  const first = page.rows[0];
  const total = first !== undefined ? Number(first.total) : request.cursor === undefined ? 0 : await count();
  return { ...page, total };
}
