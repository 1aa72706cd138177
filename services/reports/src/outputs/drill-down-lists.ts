// The headline figures' drill-down lists of every district of a report, whole (for the workbook): a sheet
// per district and figure, each read when the workbook comes to it (a closed district as closed), ready
// as the sheet's rows. A province's lists run to millions of facts: never all in memory at once.
import type { GlobalPosition } from '@bureau/event-store';
import { sql } from 'kysely';
import type { Period } from '../periods/period.js';
import type { DistrictUnit } from '../report/count.js';
import { standing, type Db } from '../report/fact-queries.js';
import { figures, type FigureDef } from '../report/figures.js';
import type { XlsxCell } from './xlsx-writer.js';

export const LIST_HEAD: readonly XlsxCell[] = ['事实', '案件类型', '案件', '机构', '发生时间', '数值', '记录事件', '记录时间'];

/** The instant as the lists show it (what Date's toISOString writes), formatted by the database. */
const iso = (column: string) => sql`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One figure's whole list for one unit, in the list's order (when it happened, then the fact's id), as sheet rows. */
export async function listRows(db: Db, unit: DistrictUnit, def: FigureDef, period: Period, asOf: GlobalPosition | null): Promise<XlsxCell[][]> {
  if (unit.orgIds.length === 0) return [];
  const dims = def.where && Object.keys(def.where).length > 0 ? sql` AND f.dims @> ${JSON.stringify(def.where)}::jsonb` : sql``;
  const { rows } = await sql<{ fact_id: string; case_kind: string; case_id: string; org_id: string; occurred_at: string; value: number; event_id: string; recorded_at: string }>`
    SELECT f.fact_id, f.case_kind, f.case_id, f.org_id, ${iso('f.occurred_at')} AS occurred_at, f.value, f.event_id, ${iso('f.recorded_at')} AS recorded_at
    FROM report_facts f
    WHERE f.kind = ANY(${[...def.kinds]}::text[]) AND f.org_id = ANY(${[...unit.orgIds]}::text[]) AND f.occurred_at >= ${period.from} AND f.occurred_at < ${period.to} AND ${standing(asOf)}${dims}
    ORDER BY f.occurred_at, f.fact_id`.execute(db);
  return rows.map((r) => [r.fact_id, r.case_kind, r.case_id, r.org_id, r.occurred_at, Number(r.value), r.event_id, r.recorded_at]);
}

/** The headline lists of every unit, unit by unit, each a sheet whose rows are read when asked for. */
export function headlineLists(db: Db, units: readonly DistrictUnit[], period: Period, asOfOf: (districtId: string) => GlobalPosition | null) {
  const headline = figures.filter((f) => f.section === 'headline');
  return units.flatMap((unit) => headline.map((def) => ({
    title: `${unit.name}${def.title}明细`,
    rows: async (): Promise<XlsxCell[][]> => [[...LIST_HEAD], ...(await listRows(db, unit, def, period, asOfOf(unit.id)))],
  })));
}
