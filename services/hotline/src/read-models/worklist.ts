// 工作清单: the orders still with the centre (awaiting sign-for or in handling), the most urgent first.
// "Due" is the next deadline: the sign-for due time until signed for, then the reply due time.
// Overdue is judged against now AND the durable timers' events, so neither a late timer nor a stopped
// clock hides an overdue order. Paged by keyset in the order asked (next deadline, dispatch, number),
// the order's id breaking ties; the count is of the same filtered, scoped orders.
import { readPage, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import { endOfLocalDay, localDateOf, startOfLocalDay } from '@bureau/working-calendar';
import { sql, type Kysely } from 'kysely';
import type { HotlineReadDatabase, WorkOrderStatus } from './tables.js';

export interface WorklistFilter {
  readonly now: Date;
  /** Only orders owned by these organisations (the caller's reach); null: every owner (a city-wide role). */
  readonly owners: readonly string[] | null;
  readonly assignee?: string | undefined;
  /** Only orders whose next deadline falls today (Asia/Shanghai), up to 24:00. */
  readonly dueToday?: boolean | undefined;
  readonly overdue?: boolean | undefined;
}

/** The worklist's sorts (the `sort` query's fields): the next deadline, the dispatch, the platform's number. */
export const worklistSorts = ['dueAt', 'dispatchedAt', 'externalNumber'] as const;
export type WorklistSort = (typeof worklistSorts)[number];

/** Written exactly as the projection's index on it (work-orders-projection.ts), so the index orders the pages. */
const nextDue = sql<Date>`CASE WHEN status = 'awaiting_sign_for' THEN sign_for_due_at ELSE reply_due_at END`;

function keysOf(sort: WorklistSort, direction: 'asc' | 'desc'): SortKey[] {
  const id: SortKey = { value: sql`work_order_id`, type: 'uuid', direction };
  switch (sort) {
    case 'dueAt':
      return [{ value: nextDue, type: 'timestamptz', direction }, id];
    case 'dispatchedAt':
      return [{ value: sql`dispatched_at`, type: 'timestamptz', direction }, id];
    case 'externalNumber':
      return [{ value: sql`external_number`, type: 'text', direction }, id];
    default: {
      const unknown: never = sort;
      return unknown;
    }
  }
}

export interface WorklistEntry {
  readonly workOrderId: string;
  readonly externalNumber: string;
  readonly platformId: string;
  readonly category: string;
  readonly status: WorkOrderStatus;
  readonly dispatchedAt: Date;
  readonly dueAt: Date;
  readonly dueKind: 'sign_for' | 'reply';
  readonly signForDueAt: Date;
  readonly replyDueAt: Date;
  readonly assigneeStaffId: string | null;
  readonly returnPending: boolean;
  readonly extensionPending: boolean;
  readonly signForOverdue: boolean;
  readonly replyOverdue: boolean;
  readonly overdue: boolean;
  readonly dueToday: boolean;
  readonly provisionalYears: readonly number[];
}

function flagsAt(now: Date) {
  const today = localDateOf(now);
  const dayStarts = startOfLocalDay(today);
  const dayEnds = endOfLocalDay(today);
  const signForOverdue = sql<boolean>`(status = 'awaiting_sign_for' AND (sign_for_due_at < ${now} OR sign_for_overdue_recorded))`;
  const replyOverdue = sql<boolean>`(reply_due_at < ${now} OR reply_overdue_recorded_for IS NOT DISTINCT FROM reply_due_at)`;
  // A deadline is 24:00 of its day, which as an instant is the next day's 00:00: due today includes it.
  const dueToday = sql<boolean>`(${nextDue} > ${dayStarts} AND ${nextDue} <= ${dayEnds})`;
  return { signForOverdue, replyOverdue, dueToday };
}

/** The open orders the filter and the caller's reach select: the list and its count read the same. */
function openOrders(db: Kysely<HotlineReadDatabase>, filter: WorklistFilter) {
  const { signForOverdue, replyOverdue, dueToday } = flagsAt(filter.now);
  let query = db.selectFrom('hotline_work_orders').where('status', 'in', ['awaiting_sign_for', 'handling']);
  if (filter.owners !== null) query = query.where('owner', 'in', filter.owners.length > 0 ? [...filter.owners] : ['']);
  if (filter.assignee !== undefined) query = query.where('assignee_staff_id', '=', filter.assignee);
  if (filter.dueToday !== undefined) query = query.where(filter.dueToday ? dueToday : sql<boolean>`NOT ${dueToday}`);
  if (filter.overdue !== undefined) {
    const overdue = sql<boolean>`(${signForOverdue} OR ${replyOverdue})`;
    query = query.where(filter.overdue ? overdue : sql<boolean>`NOT ${overdue}`);
  }
  return query;
}

/** How many open orders the filter selects within the caller's reach (never another centre's). */
export async function countWorklist(db: Kysely<HotlineReadDatabase>, filter: WorklistFilter): Promise<number> {
  const { n } = await openOrders(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function listWorklist(
  db: Kysely<HotlineReadDatabase>,
  filter: WorklistFilter,
  order: { readonly sort: WorklistSort; readonly direction: 'asc' | 'desc' },
  page: PageRequest,
): Promise<Page<WorklistEntry>> {
  const { signForOverdue, replyOverdue, dueToday } = flagsAt(filter.now);
  const query = openOrders(db, filter).select([
    'work_order_id', 'external_number', 'platform_id', 'category', 'status', 'dispatched_at', 'sign_for_due_at', 'reply_due_at',
    'assignee_staff_id', 'return_requested_at', 'extension_requested_days', 'provisional_years',
    nextDue.as('due_at'), signForOverdue.as('sign_for_overdue'), replyOverdue.as('reply_overdue'), dueToday.as('due_today'),
  ]);
  const { rows, ...cursors } = await readPage(query, keysOf(order.sort, order.direction), page);
  return { ...cursors, rows: rows.map((r) => ({
    workOrderId: r.work_order_id,
    externalNumber: r.external_number,
    platformId: r.platform_id,
    category: r.category,
    status: r.status,
    dispatchedAt: r.dispatched_at,
    dueAt: r.due_at,
    dueKind: r.status === 'awaiting_sign_for' ? 'sign_for' : 'reply',
    signForDueAt: r.sign_for_due_at,
    replyDueAt: r.reply_due_at,
    assigneeStaffId: r.assignee_staff_id,
    returnPending: r.return_requested_at !== null,
    extensionPending: r.extension_requested_days !== null,
    signForOverdue: r.sign_for_overdue,
    replyOverdue: r.reply_overdue,
    overdue: r.sign_for_overdue || r.reply_overdue,
    dueToday: r.due_today,
    provisionalYears: r.provisional_years,
  })) };
}
