// 工作清单 per station and per office: the open files the caller's organisations have work on, green
// channel first (under every sort: the law's priority for those cases), then by next deadline with the
// overdue first, or as sorted. Filters: waiting for materials, transferred in, overdue, due today.
// Overdue is judged against now AND the timers' recorded events. Paged by keyset, the file's id
// breaking ties; a walk's pages judge "overdue" at its first page's instant, so a file falling overdue
// meanwhile neither repeats nor goes missing. The count is of the same filtered, scoped files: kept by
// the projection (worklist-counts.ts) unless the filter depends on the instant, then counted from the rows.
import { readPage, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { listAsked, type ListShape, type ListValues, type WorklistFilter } from './worklist-asked.js';
import { countIsKept, keptCount } from './worklist-counts.js';
import { readDeadlinePage } from './worklist-page.js';
import { NEXT_DUE } from './worklist-rows.js';
import { listedColumns, type LegalAidReadDatabase, type ListedFileRow } from './tables.js';

export type { WorklistFilter } from './worklist-asked.js';

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

/** The rows of the list asked, each open file once, within the caller's reach (never another district's). */
function openFiles(db: Kysely<LegalAidReadDatabase>, shape: ListShape, values: ListValues) {
  // Constants as literals: a statement's shape holds no value but its slots (statement-shapes.ts).
  let query = db.selectFrom('legal_aid_worklist');
  // One organisation's list; else each file once: its first row (the city: every file).
  query = shape.single ? query.where('organisation', '=', values.organisation) : query.where('place', '=', sql.lit(1));
  // Another organisation's list, only its files that the reach also has work on; a list over several, the reach's.
  if (shape.withinReach) query = query.where(sql<boolean>`worklist_orgs && ${values.reach}::text[]`);
  if (shape.waitingForMaterials) query = query.where('status', '=', sql.lit('awaiting_materials'));
  if (shape.transferredIn) query = query.where(sql<boolean>`transfer_received_at IS NOT NULL`).where(sql<boolean>`holder_office = transferred_to`);
  if (shape.overdue !== undefined) {
    // overdueAt(now) written over the index's deadline key, so a range of it can bound a scan.
    query = query.where(shape.overdue
      ? sql<boolean>`(overdue_recorded OR ${nextDue} < ${values.now})`
      : sql<boolean>`(NOT overdue_recorded AND ${nextDue} >= ${values.now})`);
  }
  if (shape.dueToday !== undefined) {
    const dueToday = sql<boolean>`(${nextDue} > ${values.dayStart} AND ${nextDue} <= ${values.dayEnd})`;
    query = query.where(shape.dueToday ? dueToday : sql<boolean>`NOT ${dueToday}`);
  }
  return query;
}

/** The count of the open files the list asked selects within the caller's reach (never another district's), as a one-column query. */
function totalOf(db: Kysely<LegalAidReadDatabase>, shape: ListShape, values: ListValues) {
  if (countIsKept(shape)) return keptCount(db, shape, values);
  return openFiles(db, shape, values).select((eb) => eb.fn.countAll<string>().as('n'));
}

/** How many open files the filter selects within the caller's reach (never another district's). */
export async function countWorklist(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter): Promise<number> {
  const { shape, values } = listAsked(filter);
  const { n } = await totalOf(db, shape, values).executeTakeFirstOrThrow();
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
  const { shape, values } = listAsked(filter);
  const keys = [greenFirst, ...fileKeys(order.sort, order.direction, order.asOf)];
  const recount = () => countWorklist(db, filter);
  if (order.sort === 'nextDueAt') {
    // By deadline: a page read from the index's ranges, stopped once full, its statement built once per shape (worklist-page.ts).
    const list = {
      shape: JSON.stringify(shape),
      values,
      rows: (v: ListValues) => openFiles(db, shape, v).select(listedColumns).select(overdueAt(v.now).as('overdue')),
      total: (v: ListValues) => totalOf(db, shape, v),
    };
    return withTotal(await readDeadlinePage(db, pool, list, [...listedColumns, 'overdue'], order, keys, page), page, recount);
  }
  const query = openFiles(db, shape, values)
    .select(listedColumns)
    .select(overdueAt(filter.now).as('overdue'))
    .select(totalOf(db, shape, values).as('total'));
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
