// Every figure's drill-down at once for one district (the auditor checking a report row, the bench's
// "every list"): each figure's first page and its totals in two statements over the district's facts of
// the period, instead of two per figure. The pages are the ones the figure's own drill-down gives (same
// order, same cursor keys), so a client pages on from here with the figure's route.
import type { GlobalPosition } from '@bureau/event-store';
import { sql } from 'kysely';
import { standing, type Db, type FactListItem, type FactSort } from './fact-queries.js';
import type { FigureDef } from './figures.js';

export interface FirstPage {
  /** The list's length (the figure, for a count). */
  readonly count: number;
  /** The sum of its values (the figure, for 人次 and hours). */
  readonly sum: number;
  readonly rows: readonly FactListItem[];
  /** The last row's sort keys (as the figure's route's cursor holds them) when a next page exists. */
  readonly nextKey: readonly [string, string] | null;
}

export interface FirstPagesQuery {
  readonly orgIds: readonly string[];
  readonly from: Date;
  readonly to: Date;
  readonly asOf: GlobalPosition | null;
}

type Row = {
  key: string; rn: string; sort_key: string;
  fact_id: string; kind: string; case_kind: string; case_id: string; org_id: string; occurred_at: Date; value: number; dims: Record<string, string>; event_id: string; recorded_at: Date;
};

/**
 * The first `limit` facts of each figure (by `order`, then the fact's id), with each figure's count and
 * sum: two statements side by side, each going figure by figure through the district's index (a
 * figure's facts of the district, not the city's); only the page's rows are read whole.
 */
export async function firstPages(db: Db, q: FirstPagesQuery, defs: readonly FigureDef[], order: { readonly sort: FactSort; readonly direction: 'asc' | 'desc' }, limit: number): Promise<Map<string, FirstPage>> {
  const pages = new Map<string, FirstPage>(defs.map((d) => [d.key, { count: 0, sum: 0, rows: [], nextKey: null }]));
  if (q.orgIds.length === 0 || defs.length === 0) return pages;
  const fig = sql`SELECT * FROM jsonb_to_recordset(${JSON.stringify(defs.map((d) => ({ key: d.key, kinds: d.kinds, cond: d.where ?? {} })))}::jsonb) AS x(key text, kinds text[], cond jsonb)`;
  const ofFigure = sql`l.kind = ANY(fig.kinds) AND l.dims @> fig.cond AND l.org_id = ANY(${[...q.orgIds]}::text[])
    AND l.occurred_at >= ${q.from} AND l.occurred_at < ${q.to} AND ${standing(q.asOf, 'l')}`;
  const column = sql.ref(order.sort === 'recordedAt' ? 'l.recorded_at' : 'l.occurred_at');
  const direction = sql.raw(order.direction);
  const [listed, totals] = await Promise.all([
    sql<Row>`
      WITH fig AS (${fig})
      SELECT fig.key, p.rn, p.sort_key, f.fact_id, f.kind, f.case_kind, f.case_id, f.org_id, f.occurred_at, f.value, f.dims, f.event_id, f.recorded_at
      FROM fig CROSS JOIN LATERAL (
        SELECT l.fact_id, l.version, (${column})::text AS sort_key, row_number() OVER (ORDER BY ${column} ${direction}, l.fact_id ${direction}) AS rn
        FROM report_facts l WHERE ${ofFigure}
        ORDER BY ${column} ${direction}, l.fact_id ${direction} LIMIT ${limit + 1}) p
      JOIN report_facts f ON f.fact_id = p.fact_id AND f.version = p.version
      ORDER BY fig.key, p.rn`.execute(db),
    sql<{ key: string; n: string; total: number | null }>`
      WITH fig AS (${fig})
      SELECT fig.key, t.n, t.total FROM fig CROSS JOIN LATERAL (SELECT count(*) AS n, sum(l.value) AS total FROM report_facts l WHERE ${ofFigure}) t`.execute(db),
  ]);
  const byKey = new Map<string, Row[]>();
  for (const row of listed.rows) (byKey.get(row.key) ?? byKey.set(row.key, []).get(row.key)!).push(row);
  for (const { key, n, total } of totals.rows) {
    const rows = byKey.get(key) ?? [];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    pages.set(key, {
      count: Number(n),
      sum: Number(total ?? 0),
      rows: page.map((r) => ({
        factId: r.fact_id, kind: r.kind, caseKind: r.case_kind, caseId: r.case_id, orgId: r.org_id, occurredAt: r.occurred_at.toISOString(),
        value: Number(r.value), dims: r.dims, eventId: r.event_id, recordedAt: r.recorded_at.toISOString(),
      })),
      nextKey: rows.length > limit && last ? [last.sort_key, last.fact_id] : null,
    });
  }
  return pages;
}
