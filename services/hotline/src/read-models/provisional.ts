// The orders whose deadlines were counted provisionally (a year with no official calendar loaded): the
// ones to count again when the year is loaded, and what the administrator is told meanwhile.
import { sql, type Kysely } from 'kysely';
import type { HotlineReadDatabase } from './tables.js';

/** Every order (open or not) with provisional deadlines, for the recount. */
export async function ordersWithProvisionalDeadlines(db: Kysely<HotlineReadDatabase>): Promise<{ workOrderId: string; owner: string }[]> {
  const rows = await db
    .selectFrom('hotline_work_orders')
    .select(['work_order_id', 'owner'])
    .where(sql<boolean>`provisional_years <> '{}'`)
    .orderBy('work_order_id')
    .execute();
  return rows.map((r) => ({ workOrderId: r.work_order_id, owner: r.owner }));
}

export interface ProvisionalSummary {
  /** The years waiting for their official calendar, each with its count of open orders. */
  readonly years: readonly { readonly year: number; readonly openOrders: number }[];
}

/** Open orders with provisional deadlines by year, within `owners` (null: every owner). */
export async function provisionalSummary(db: Kysely<HotlineReadDatabase>, owners: readonly string[] | null): Promise<ProvisionalSummary> {
  const { rows } = await sql<{ year: number; open_orders: string }>`
    SELECT y.year, count(*) AS open_orders
      FROM hotline_work_orders o, unnest(o.provisional_years) AS y(year)
     WHERE o.provisional_years <> '{}' AND o.status IN ('awaiting_sign_for', 'handling')
       ${owners === null ? sql`` : sql`AND o.owner = ANY(${owners.length > 0 ? [...owners] : ['']}::text[])`}
     GROUP BY y.year ORDER BY y.year`.execute(db);
  return { years: rows.map((r) => ({ year: Number(r.year), openOrders: Number(r.open_orders) })) };
}

/** What the administrator reads (health, worklist): null when nothing waits for a calendar year. */
export function provisionalWarning(summary: ProvisionalSummary): string | null {
  if (summary.years.length === 0) return null;
  const years = summary.years.map((y) => `${y.year}`).join(', ');
  const orders = summary.years.reduce((n, y) => Math.max(n, y.openOrders), 0);
  return `${years}年的官方工作日历尚未加载：${orders}件工单的时限按周末暂算，加载后自动重算 / no official working-day calendar is loaded for ${years}: ${orders} open order(s) have provisional deadlines (weekends only), recounted when the year is loaded (PUT /calendar/years/:year)`;
}
