// The figures of some districts for one period, counted over facts as they stand now or at a position.
import type { GlobalPosition } from '@bureau/event-store';
import type { Period } from '../periods/period.js';
import { medians, tallies, villagesMetEvery, type Db, type TallyRow } from './fact-queries.js';
import { breakdowns, figures, type FigureDef } from './figures.js';

export interface DistrictUnit {
  readonly id: string;
  readonly name: string;
  /** Every organisation within the district (the registry's subtree). */
  readonly orgIds: readonly string[];
  readonly villageIds: readonly string[];
}

export interface Counted {
  readonly figures: Record<string, number | null>;
  readonly breakdowns: Record<string, Record<string, number>>;
  /** Each figure month by month (charts). */
  readonly monthly: Record<string, Record<string, number>>;
  readonly villagesMetEveryMonth: readonly string[];
  readonly judgedMonths: readonly string[];
}

const allKinds = [...new Set(figures.flatMap((d) => d.kinds))];
const matches = (def: FigureDef, row: TallyRow) => def.kinds.includes(row.kind as never) && Object.entries(def.where ?? {}).every(([k, v]) => row.dims[k] === v);
const measureOf = (def: FigureDef, row: TallyRow) => (def.measure === 'sum' ? row.total : row.n);

/** Months of the period that had ended by `cutoff`: the ones the monthly minimum is judged on. */
export const judgedMonthsOf = (period: Period, monthEnds: (month: string) => Date, cutoff: Date) => period.months.filter((m) => monthEnds(m).getTime() <= cutoff.getTime());

export async function countDistricts(db: Db, units: readonly DistrictUnit[], period: Period, asOf: GlobalPosition | null, judgedMonths: readonly string[]): Promise<Map<string, Counted>> {
  const orgDistricts = new Map<string, string>();
  for (const unit of units) for (const org of unit.orgIds) orgDistricts.set(org, unit.id);
  const [rows, medianOf] = await Promise.all([
    tallies(db, orgDistricts, allKinds, period.from, period.to, asOf),
    medians(db, orgDistricts, ['legal_aid.approved', 'legal_aid.refused'], period.from, period.to, asOf),
  ]);
  const byDistrict = new Map<string, TallyRow[]>();
  for (const row of rows) (byDistrict.get(row.district) ?? byDistrict.set(row.district, []).get(row.district)!).push(row);
  const out = new Map<string, Counted>();
  for (const unit of units) {
    const mine = byDistrict.get(unit.id) ?? [];
    const counted: Counted = {
      figures: {}, breakdowns: {}, monthly: {},
      villagesMetEveryMonth: await villagesMetEvery(db, unit.villageIds, judgedMonths, period.from, period.to, asOf),
      judgedMonths,
    };
    for (const def of figures) {
      if (def.measure === 'median') {
        counted.figures[def.key] = medianOf.get(unit.id) ?? null;
        continue;
      }
      let value = 0;
      const monthly: Record<string, number> = Object.fromEntries(period.months.map((m) => [m, 0]));
      for (const row of mine) {
        if (!matches(def, row)) continue;
        value += measureOf(def, row);
        monthly[row.month] = (monthly[row.month] ?? 0) + measureOf(def, row);
      }
      counted.figures[def.key] = round(value);
      counted.monthly[def.key] = monthly;
    }
    for (const b of breakdowns) {
      const def = figures.find((d) => d.key === b.figure);
      if (!def) continue;
      const split: Record<string, number> = {};
      for (const row of mine) {
        if (!matches(def, row)) continue;
        const at = row.dims[b.dim] ?? 'unknown';
        split[at] = round((split[at] ?? 0) + measureOf(def, row));
      }
      counted.breakdowns[b.key] = split;
    }
    out.set(unit.id, counted);
  }
  return out;
}

/** Sums of hours keep two places (each entry's hours have two). */
const round = (n: number) => Math.round(n * 100) / 100;
