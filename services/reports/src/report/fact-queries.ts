// Counting over facts: the tallies a report is made of, a figure's drill-down list, and what changed
// after a close. Every query reads the facts as they stand now (asOf null) or as they stood at a position
// (a closed period): the version recorded by then and not yet superseded by then.
import type { GlobalPosition } from '@bureau/event-store';
import { readPage, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ReportsReadDatabase } from '../read-models/tables.js';

export type Db = Kysely<ReportsReadDatabase>;

/** Which version of each fact counts: the current one, or the one standing at a position. */
export function standing(asOf: GlobalPosition | null, alias = 'f'): RawBuilder<unknown> {
  const t = sql.raw(alias);
  if (!asOf) return sql`${t}.superseded_commit IS NULL AND ${t}.present`;
  const at = sql`(${String(asOf.commit)}::bigint, ${String(asOf.prepare)}::bigint)`;
  return sql`${t}.present AND (${t}.commit_pos, ${t}.prepare_pos) <= ${at}
    AND (${t}.superseded_commit IS NULL OR (${t}.superseded_commit, ${t}.superseded_prepare) > ${at})`;
}

export interface TallyRow {
  readonly district: string;
  readonly kind: string;
  readonly month: string;
  readonly dims: Record<string, string>;
  /** How many facts (negative: taken away), and the sum of their values. */
  readonly n: number;
  readonly total: number;
}

/**
 * The facts a tally counts, each with its sign: those standing (now, or at a position) counted once;
 * or the changes since a position (the versions recorded since and standing now, +1; those standing then
 * and superseded since, -1), which added to the tallies at that position give the tallies now.
 */
export type FactSource = RawBuilder<unknown>;

export const standingAt = (asOf: GlobalPosition | null): FactSource => sql`(SELECT f.*, 1 AS sign FROM report_facts f WHERE ${standing(asOf)})`;

export function changedSince(since: GlobalPosition): FactSource {
  const at = sql`(${String(since.commit)}::bigint, ${String(since.prepare)}::bigint)`;
  const commit = sql`${String(since.commit)}::bigint`;
  // The plain `>= commit` beside each row comparison says the same thing in a form the planner estimates
  // from its statistics (a row comparison it guesses at a third of the table): so it reads the few
  // versions since through the position indexes, not the period's facts through the kind's.
  return sql`(SELECT f.*, 1 AS sign FROM report_facts f WHERE f.commit_pos >= ${commit} AND (f.commit_pos, f.prepare_pos) > ${at} AND f.superseded_commit IS NULL AND f.present
    UNION ALL
    SELECT f.*, -1 AS sign FROM report_facts f WHERE f.superseded_commit >= ${commit} AND (f.superseded_commit, f.superseded_prepare) > ${at} AND (f.commit_pos, f.prepare_pos) <= ${at} AND f.present)`;
}

/** Text as an element of a PostgreSQL array literal. */
export const arrayElement = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Organisations and the district each counts under, as two PostgreSQL array literals (`{"a","b"}`) of the
 * same length: a city's are 21,800 (a province's registry), built once per set of units (count.ts) rather
 * than escaped element by element on every statement.
 */
export interface OrgDistricts {
  readonly orgIds: string;
  readonly districts: string;
}

const orgMap = (orgDistricts: OrgDistricts) =>
  sql`m(org_id, district) AS (SELECT * FROM unnest(${orgDistricts.orgIds}::text[], ${orgDistricts.districts}::text[]))`;

/** Count and sum of facts per district, kind, month and dims, over the organisations mapped to districts. */
export async function factTallies(db: Db, orgDistricts: OrgDistricts, kinds: readonly string[], from: Date, to: Date, source: FactSource): Promise<TallyRow[]> {
  const { rows } = await sql<{ district: string; kind: string; month: string; dims: Record<string, string>; n: string; total: number }>`
    WITH ${orgMap(orgDistricts)}
    SELECT m.district, f.kind, to_char(f.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, f.dims, sum(f.sign) AS n, sum(f.sign * f.value) AS total
    FROM ${source} f JOIN m ON m.org_id = f.org_id
    WHERE f.kind = ANY(${[...kinds]}::text[]) AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    GROUP BY 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n), total: Number(r.total) }));
}

/** How many facts of each value per district (the median's working days). */
export async function decisionTallies(db: Db, orgDistricts: OrgDistricts, kinds: readonly string[], from: Date, to: Date, source: FactSource): Promise<{ district: string; value: number; n: number }[]> {
  const { rows } = await sql<{ district: string; value: number; n: string }>`
    WITH ${orgMap(orgDistricts)}
    SELECT m.district, f.value, sum(f.sign) AS n
    FROM ${source} f JOIN m ON m.org_id = f.org_id
    WHERE f.kind = ANY(${[...kinds]}::text[]) AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({ district: r.district, value: Number(r.value), n: Number(r.n) }));
}

/** Per village (of those given), how many of `months` met the minimum (one fact per village and month). */
export async function villageTallies(db: Db, villageIds: string, months: readonly string[], from: Date, to: Date, source: FactSource): Promise<{ villageId: string; n: number }[]> {
  if (months.length === 0 || villageIds === '{}') return [];
  const { rows } = await sql<{ org_id: string; n: string }>`
    SELECT f.org_id, sum(f.sign) AS n FROM ${source} f
    WHERE f.kind = 'advisors.month_met' AND f.org_id = ANY(${villageIds}::text[]) AND f.dims->>'month' = ANY(${[...months]}::text[])
      AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    GROUP BY f.org_id`.execute(db);
  return rows.map((r) => ({ villageId: r.org_id, n: Number(r.n) }));
}

/**
 * The tallies of a few facts (the changes since a position) per organisation rather than per district:
 * the caller maps the organisations to its units, so the statement carries no list of them (a city's
 * 21,800 organisations and 19,000 villages, parsed by the server on every carried count).
 */
export interface OrgTallyRow {
  readonly orgId: string;
  readonly kind: string;
  readonly month: string;
  readonly dims: Record<string, string>;
  readonly n: number;
  readonly total: number;
}

export async function factTalliesByOrg(db: Db, kinds: readonly string[], from: Date, to: Date, source: FactSource): Promise<OrgTallyRow[]> {
  const { rows } = await sql<{ org_id: string; kind: string; month: string; dims: Record<string, string>; n: string; total: number }>`
    SELECT f.org_id, f.kind, to_char(f.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, f.dims, sum(f.sign) AS n, sum(f.sign * f.value) AS total
    FROM ${source} f
    WHERE f.kind = ANY(${[...kinds]}::text[]) AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    GROUP BY 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({ orgId: r.org_id, kind: r.kind, month: r.month, dims: r.dims, n: Number(r.n), total: Number(r.total) }));
}

/** decisionTallies per organisation (see factTalliesByOrg). */
export async function decisionTalliesByOrg(db: Db, kinds: readonly string[], from: Date, to: Date, source: FactSource): Promise<{ orgId: string; value: number; n: number }[]> {
  const { rows } = await sql<{ org_id: string; value: number; n: string }>`
    SELECT f.org_id, f.value, sum(f.sign) AS n FROM ${source} f
    WHERE f.kind = ANY(${[...kinds]}::text[]) AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({ orgId: r.org_id, value: Number(r.value), n: Number(r.n) }));
}

/** villageTallies over every village (the caller keeps its own; see factTalliesByOrg). */
export async function villageTalliesByOrg(db: Db, months: readonly string[], from: Date, to: Date, source: FactSource): Promise<{ villageId: string; n: number }[]> {
  if (months.length === 0) return [];
  const { rows } = await sql<{ org_id: string; n: string }>`
    SELECT f.org_id, sum(f.sign) AS n FROM ${source} f
    WHERE f.kind = 'advisors.month_met' AND f.dims->>'month' = ANY(${[...months]}::text[]) AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    GROUP BY f.org_id`.execute(db);
  return rows.map((r) => ({ villageId: r.org_id, n: Number(r.n) }));
}

/** Villages (of those given) with a met month in each of `months`. */
export async function villagesMetEvery(db: Db, villageIds: readonly string[], months: readonly string[], from: Date, to: Date, asOf: GlobalPosition | null): Promise<string[]> {
  if (months.length === 0 || villageIds.length === 0) return [];
  const { rows } = await sql<{ org_id: string }>`
    SELECT f.org_id FROM report_facts f
    WHERE f.kind = 'advisors.month_met' AND f.org_id = ANY(${[...villageIds]}::text[]) AND f.dims->>'month' = ANY(${[...months]}::text[])
      AND f.occurred_at >= ${from} AND f.occurred_at < ${to} AND ${standing(asOf)}
    GROUP BY f.org_id HAVING count(DISTINCT f.dims->>'month') = ${months.length}
    ORDER BY f.org_id`.execute(db);
  return rows.map((r) => r.org_id);
}

export interface FactListItem {
  readonly factId: string;
  readonly kind: string;
  readonly caseKind: string;
  readonly caseId: string;
  readonly orgId: string;
  readonly occurredAt: string;
  readonly value: number;
  readonly dims: Record<string, string>;
  readonly eventId: string;
  readonly recordedAt: string;
}

export interface FactFilter {
  readonly orgIds: readonly string[];
  readonly kinds: readonly string[];
  readonly where?: Readonly<Record<string, string>> | undefined;
  readonly from: Date;
  readonly to: Date;
  readonly asOf: GlobalPosition | null;
  /** Only the facts of these organisations (a village's, for 每月达标). */
  readonly dims?: Readonly<Record<string, string>> | undefined;
}

function filterOf(q: FactFilter): RawBuilder<unknown> {
  const where = { ...q.where, ...q.dims };
  const dimsMatch = Object.keys(where).length > 0 ? sql` AND f.dims @> ${JSON.stringify(where)}::jsonb` : sql``;
  return sql`f.kind = ANY(${[...q.kinds]}::text[]) AND f.org_id = ANY(${[...q.orgIds]}::text[])
    AND f.occurred_at >= ${q.from} AND f.occurred_at < ${q.to} AND ${standing(q.asOf)}${dimsMatch}`;
}

type FactRow = { fact_id: string; kind: string; case_kind: string; case_id: string; org_id: string; occurred_at: Date; value: number; dims: Record<string, string>; event_id: string; recorded_at: Date };
const listedColumns = sql`f.fact_id, f.kind, f.case_kind, f.case_id, f.org_id, f.occurred_at, f.value, f.dims, f.event_id, f.recorded_at`;
const itemOf = (r: FactRow): FactListItem => ({
  factId: r.fact_id, kind: r.kind, caseKind: r.case_kind, caseId: r.case_id, orgId: r.org_id, occurredAt: r.occurred_at.toISOString(),
  value: Number(r.value), dims: r.dims, eventId: r.event_id, recordedAt: r.recorded_at.toISOString(),
});

/** A figure's whole list: its length (the figure) and the sum of its values (the figure, for 人次 and hours). */
export async function factTotals(db: Db, q: FactFilter): Promise<{ count: number; sum: number }> {
  const { rows } = await sql<{ n: string; total: number | null }>`SELECT count(*) AS n, sum(f.value) AS total FROM report_facts f WHERE ${filterOf(q)}`.execute(db);
  return { count: Number(rows[0]?.n ?? 0), sum: Number(rows[0]?.total ?? 0) };
}

/** The drill-down's sorts (the `sort` query's fields); each ends in the fact's id, so the order is total. */
export const factSorts = ['occurredAt', 'recordedAt'] as const;
export type FactSort = (typeof factSorts)[number];

/** One page of a figure's facts, by keyset: the facts after (or before) the cursor's in the sort's order. */
export async function factPage(db: Db, q: FactFilter, order: { readonly sort: FactSort; readonly direction: 'asc' | 'desc' }, page: PageRequest): Promise<Page<FactListItem>> {
  const column = order.sort === 'recordedAt' ? 'f.recorded_at' : 'f.occurred_at';
  const keys: SortKey[] = [
    { value: sql.ref(column), type: 'timestamptz', direction: order.direction },
    { value: sql.ref('f.fact_id'), type: 'text', direction: order.direction },
  ];
  const query = db.selectFrom('report_facts as f')
    .select(['f.fact_id', 'f.kind', 'f.case_kind', 'f.case_id', 'f.org_id', 'f.occurred_at', 'f.value', 'f.dims', 'f.event_id', 'f.recorded_at'])
    .where(sql<boolean>`${filterOf(q)}`);
  const read = await readPage(query, keys, page);
  return { ...read, rows: read.rows.map((r) => itemOf(r)) };
}

/**
 * The whole lists of several figures over several units, in one read of their facts (the workbook's):
 * each fact goes to the unit its organisation is in and to every figure it matches, in the lists' order
 * (when it happened, then the fact's id).
 */
export async function factLists<U extends string, F extends { readonly key: string; readonly kinds: readonly string[]; readonly where?: Readonly<Record<string, string>> | undefined }>(
  db: Db, orgUnits: ReadonlyMap<string, U>, defs: readonly F[], from: Date, to: Date, asOf: GlobalPosition | null,
): Promise<Map<U, Map<string, FactListItem[]>>> {
  const lists = new Map<U, Map<string, FactListItem[]>>();
  const kinds = [...new Set(defs.flatMap((d) => d.kinds))];
  if (orgUnits.size === 0 || kinds.length === 0) return lists;
  const { rows } = await sql<FactRow>`
    SELECT ${listedColumns} FROM report_facts f
    WHERE f.kind = ANY(${kinds}::text[]) AND f.org_id = ANY(${[...orgUnits.keys()]}::text[]) AND f.occurred_at >= ${from} AND f.occurred_at < ${to} AND ${standing(asOf)}
    ORDER BY f.occurred_at, f.fact_id`.execute(db);
  for (const row of rows) {
    const unit = orgUnits.get(row.org_id);
    if (unit === undefined) continue;
    const mine = lists.get(unit) ?? lists.set(unit, new Map()).get(unit)!;
    for (const def of defs) {
      if (!def.kinds.includes(row.kind) || !Object.entries(def.where ?? {}).every(([k, v]) => row.dims[k] === v)) continue;
      (mine.get(def.key) ?? mine.set(def.key, []).get(def.key)!).push(itemOf(row));
    }
  }
  return lists;
}

export interface ChangeAfterClose {
  readonly eventId: string;
  readonly eventType: string;
  readonly streamName: string;
  readonly recordedAt: string;
  readonly factId: string;
  readonly kind: string;
  readonly caseId: string;
  /** counted: the fact (as now) counts; withdrawn: it no longer counts. */
  readonly change: 'counted' | 'withdrawn' | 'changed';
}

/** The fact versions recorded after `close` that touch the period's facts of these kinds (new, changed, withdrawn). */
export async function changesAfter(db: Db, orgIds: readonly string[], kinds: readonly string[], from: Date, to: Date, close: GlobalPosition): Promise<ChangeAfterClose[]> {
  const at = sql`(${String(close.commit)}::bigint, ${String(close.prepare)}::bigint)`;
  const inPeriod = (a: string) => sql`(${sql.raw(a)}.occurred_at >= ${from} AND ${sql.raw(a)}.occurred_at < ${to} AND ${sql.raw(a)}.org_id = ANY(${[...orgIds]}::text[]))`;
  const { rows } = await sql<{ event_id: string; event_type: string; stream_name: string; recorded_at: Date; fact_id: string; kind: string; case_id: string; present: boolean; had: boolean }>`
    SELECT n.event_id, n.event_type, n.stream_name, n.recorded_at, n.fact_id, n.kind, n.case_id, n.present, (o.fact_id IS NOT NULL AND o.present) AS had
    FROM report_facts n LEFT JOIN report_facts o ON o.fact_id = n.fact_id AND o.version = n.version - 1
    WHERE (n.commit_pos, n.prepare_pos) > ${at} AND n.kind = ANY(${[...kinds]}::text[]) AND (${inPeriod('n')} OR (o.fact_id IS NOT NULL AND ${inPeriod('o')}))
    ORDER BY n.commit_pos, n.prepare_pos, n.fact_id`.execute(db);
  return rows.map((r) => ({
    eventId: r.event_id, eventType: r.event_type, streamName: r.stream_name, recordedAt: r.recorded_at.toISOString(), factId: r.fact_id, kind: r.kind, caseId: r.case_id,
    change: !r.present ? 'withdrawn' : r.had ? 'changed' : 'counted',
  }));
}
