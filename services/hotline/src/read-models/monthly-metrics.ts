// 月度指标 of the 12345 work orders (domain reference §1), for one month in Asia/Shanghai. Which month a
// fact counts in:
// - 及时签收率 timely sign-for rate = signed for in time / dispatched        — the DISPATCH month
// - 退单率 return rate              = returned (approved) / dispatched       — the DISPATCH month
// - 按时办结率 on-time reply rate    = replied by the due time / replied      — the REPLY month (latest reply)
// - 满意率 satisfaction rate         = (satisfied + basically satisfied) / rated — the FOLLOW-UP month
// - 解决率 resolution rate           = resolved / rated                        — the FOLLOW-UP month
// - 超期 overdue count               = orders whose current reply due time falls in the month and that
//   were not replied by it: replied after it, or still open and recorded overdue for it by the deadline
//   timer (ReplyOverdue); returned orders excluded. One rule with the annual report
//   (docs/reports/counting-rules.md): what was recorded, not the clock, so a closed month's figure
//   is the same whenever it is asked.                                           — the DUE month
// After a redo (重办) the earlier reply and follow-up keep counting in their months until the next reply
// and follow-up replace them (each order counts once, with its latest facts).
import { atLocalTime } from '@bureau/working-calendar';
import { sql, type Kysely } from 'kysely';
import type { HotlineReadDatabase } from './tables.js';

export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator; null when nothing counts this month. */
  readonly rate: number | null;
}

export interface MonthlyMetrics {
  readonly month: string;
  readonly from: Date;
  readonly to: Date;
  readonly dispatched: number;
  readonly timelySignForRate: Ratio;
  readonly returnRate: Ratio;
  readonly onTimeReplyRate: Ratio;
  readonly satisfactionRate: Ratio;
  readonly resolutionRate: Ratio;
  readonly overdueCount: number;
}

/** A month the report can be asked for: 1900-01 to 9999-12 (the calendar's instants start in 1900). */
export const MONTH_PATTERN = /^(19\d\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' → [00:00 of the 1st, 00:00 of the next month's 1st) in Asia/Shanghai. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number);
  if (!MONTH_PATTERN.test(month) || year === undefined || m === undefined) throw new RangeError(`not a month: ${month}`);
  // The month after 9999-12 has no YYYY-MM name: its start is written out (UTC+8, as the calendar counts).
  if (year === 9999 && m === 12) return { from: atLocalTime(`${month}-01`), to: new Date(Date.UTC(10_000, 0, 1) - 8 * 3_600_000) };
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: atLocalTime(`${month}-01`), to: atLocalTime(`${next}-01`) };
}

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

/** `owners`: only the orders of these organisations (the caller's reach); null: every owner. */
export async function monthlyMetrics(db: Kysely<HotlineReadDatabase>, month: string, owners: readonly string[] | null): Promise<MonthlyMetrics> {
  const { from, to } = monthBounds(month);
  const inMonth = (column: string) => sql`(${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to})`;
  // A due time is 24:00 of its day (the next day's 00:00 as an instant): 24:00 on the last day is this month's.
  const dueInMonth = sql`(reply_due_at > ${from} AND reply_due_at <= ${to})`;
  const count = (condition: ReturnType<typeof sql>) => sql<string>`count(*) FILTER (WHERE ${condition})`;
  const row = await db
    .selectFrom('hotline_work_orders')
    .select([
      count(inMonth('dispatched_at')).as('dispatched'),
      count(sql`${inMonth('dispatched_at')} AND signed_for_on_time`).as('signed_for_on_time'),
      count(sql`${inMonth('dispatched_at')} AND status = 'returned'`).as('returned'),
      count(inMonth('replied_at')).as('replied'),
      count(sql`${inMonth('replied_at')} AND replied_on_time`).as('replied_on_time'),
      count(inMonth('followed_up_at')).as('rated'),
      count(sql`${inMonth('followed_up_at')} AND satisfaction IN ('satisfied', 'basically_satisfied')`).as('satisfied'),
      count(sql`${inMonth('followed_up_at')} AND resolved`).as('resolved'),
      count(sql`${dueInMonth} AND status <> 'returned' AND (
        (status = 'replied' AND replied_at > reply_due_at) OR (status <> 'replied' AND reply_overdue_recorded_for = reply_due_at))`).as('overdue'),
    ])
    .$if(owners !== null, (q) => q.where('owner', 'in', owners && owners.length > 0 ? [...owners] : ['']))
    .executeTakeFirstOrThrow();
  const n = (text: string) => Number(text);
  return {
    month,
    from,
    to,
    dispatched: n(row.dispatched),
    timelySignForRate: ratio(n(row.signed_for_on_time), n(row.dispatched)),
    returnRate: ratio(n(row.returned), n(row.dispatched)),
    onTimeReplyRate: ratio(n(row.replied_on_time), n(row.replied)),
    satisfactionRate: ratio(n(row.satisfied), n(row.rated)),
    resolutionRate: ratio(n(row.resolved), n(row.rated)),
    overdueCount: n(row.overdue),
  };
}
