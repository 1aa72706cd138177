// The figures of some districts for one period, counted over facts as they stand now or at a position.
// A count is made of tallies (per district: each figure's sum, month by month, its breakdowns, the
// decisions' working days for the median, each village's months that met the minimum); tallies as things
// stand are carried forward from an earlier count of the same inputs by adding the facts' versions
// recorded since and taking away those superseded since, so the first report after an event costs the
// events since the last one, not the period's facts (a province-year: 3.4 million).
import type { GlobalPosition } from '@bureau/event-store';
import type { Period } from '../periods/period.js';
import { changedSince, checkpointOf, decisionTallies, factTallies, standingAt, villageTallies, type Db, type FactSource, type TallyRow } from './fact-queries.js';
import type { Carried } from './figure-cache.js';
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
  /** The median's facts as working days → how many (the city's median is taken over every row's). */
  readonly decisions: ReadonlyMap<number, number>;
}

/** One district's tallies, unrounded: what its figures are computed from, and what changes are added to. */
interface UnitTally {
  readonly sums: Map<string, number>;
  readonly monthly: Map<string, Map<string, number>>;
  readonly splits: Map<string, Map<string, number>>;
  readonly decisions: Map<number, number>;
  /** Village → its months (of those judged) that met the minimum. */
  readonly villageMonths: Map<string, number>;
}

export type Tallies = ReadonlyMap<string, UnitTally>;

const medianDef = figures.find((d) => d.measure === 'median')!;
const medianKinds: readonly string[] = medianDef.kinds;
const allKinds = [...new Set(figures.flatMap((d) => d.kinds))];
const matches = (def: FigureDef, row: TallyRow) => def.kinds.includes(row.kind as never) && Object.entries(def.where ?? {}).every(([k, v]) => row.dims[k] === v);
const measureOf = (def: FigureDef, row: TallyRow) => (def.measure === 'sum' ? row.total : row.n);
const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
const within = <K>(map: Map<string, Map<K, number>>, key: string) => map.get(key) ?? map.set(key, new Map()).get(key)!;

/** Months of the period that had ended by `cutoff`: the ones the monthly minimum is judged on. */
export const judgedMonthsOf = (period: Period, monthEnds: (month: string) => Date, cutoff: Date) => period.months.filter((m) => monthEnds(m).getTime() <= cutoff.getTime());

const emptyTally = (): UnitTally => ({ sums: new Map(), monthly: new Map(), splits: new Map(), decisions: new Map(), villageMonths: new Map() });
const copyTally = (t: UnitTally): UnitTally => ({
  sums: new Map(t.sums),
  monthly: new Map([...t.monthly].map(([k, m]) => [k, new Map(m)])),
  splits: new Map([...t.splits].map(([k, m]) => [k, new Map(m)])),
  decisions: new Map(t.decisions),
  villageMonths: new Map(t.villageMonths),
});

/** Adds the tallies of `source` (facts counted +1, or -1 for a version taken away) to each unit's. */
async function addTallies(db: Db, into: Map<string, UnitTally>, units: readonly DistrictUnit[], period: Period, judged: readonly string[], source: FactSource) {
  const orgDistricts = new Map<string, string>();
  const villageDistricts = new Map<string, string>();
  for (const unit of units) {
    for (const org of unit.orgIds) orgDistricts.set(org, unit.id);
    for (const village of unit.villageIds) villageDistricts.set(village, unit.id);
  }
  const [rows, decisions, villages] = await Promise.all([
    factTallies(db, orgDistricts, allKinds, period.from, period.to, source),
    decisionTallies(db, orgDistricts, medianKinds, period.from, period.to, source),
    villageTallies(db, [...villageDistricts.keys()], judged, period.from, period.to, source),
  ]);
  for (const row of rows) {
    const tally = into.get(row.district)!;
    for (const def of figures) {
      if (def.measure === 'median' || !matches(def, row)) continue;
      add(tally.sums, def.key, measureOf(def, row));
      add(within(tally.monthly, def.key), row.month, measureOf(def, row));
    }
    for (const b of breakdowns) {
      const def = figures.find((d) => d.key === b.figure);
      if (def && matches(def, row)) add(within(tally.splits, b.key), row.dims[b.dim] ?? 'unknown', measureOf(def, row));
    }
  }
  for (const d of decisions) add(into.get(d.district)!.decisions, d.value, d.n);
  for (const v of villages) add(into.get(villageDistricts.get(v.villageId)!)!.villageMonths, v.villageId, v.n);
}

/** The units' tallies as they stood at a position (a close): every fact standing there, counted once. */
export async function talliesAt(db: Db, units: readonly DistrictUnit[], period: Period, asOf: GlobalPosition, judged: readonly string[]): Promise<Tallies> {
  const tallies = new Map(units.map((u) => [u.id, emptyTally()]));
  await addTallies(db, tallies, units, period, judged, standingAt(asOf));
  return tallies;
}

/**
 * The units' tallies as things stand, where the facts projection's checkpoint stands (read in the same
 * snapshot as the facts, so the tallies are exactly those of that position): from `since` (an earlier
 * count of the same inputs) by its changes, or counted whole.
 */
export async function talliesNow(db: Db, units: readonly DistrictUnit[], period: Period, judged: readonly string[], since: Carried<Tallies> | null): Promise<Carried<Tallies>> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const position = await checkpointOf(trx);
    if (since && position && since.position.commit === position.commit && since.position.prepare === position.prepare) return since;
    if (!position) {
      // Nothing projected yet: nothing counts.
      return { position: { commit: -1n, prepare: -1n }, tallies: new Map(units.map((u) => [u.id, emptyTally()])) };
    }
    const tallies = new Map(units.map((u) => [u.id, since ? copyTally(since.tallies.get(u.id) ?? emptyTally()) : emptyTally()]));
    await addTallies(trx, tallies, units, period, judged, since && since.position.commit >= 0n ? changedSince(since.position) : standingAt(null));
    return { position, tallies };
  });
}

function median(decisions: ReadonlyMap<number, number>): number | null {
  const sorted = [...decisions].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The value at a 0-based rank: the one whose run of equal values covers it.
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (rank < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** The median of several rows' decisions together (the city's total row). */
export function medianOf(decisions: Iterable<ReadonlyMap<number, number>>): number | null {
  const merged = new Map<number, number>();
  for (const d of decisions) for (const [value, n] of d) add(merged, value, n);
  return median(merged);
}

/** The figures of each unit from its tallies. */
export function countedOf(tallies: Tallies, units: readonly DistrictUnit[], period: Period, judged: readonly string[]): Map<string, Counted> {
  const out = new Map<string, Counted>();
  for (const unit of units) {
    const tally = tallies.get(unit.id) ?? emptyTally();
    const counted: Counted = {
      figures: {}, breakdowns: {}, monthly: {}, judgedMonths: judged,
      villagesMetEveryMonth: judged.length === 0 ? [] : [...tally.villageMonths].filter(([, n]) => n === judged.length).map(([id]) => id).sort(),
      decisions: tally.decisions,
    };
    for (const def of figures) {
      if (def.measure === 'median') {
        counted.figures[def.key] = median(tally.decisions);
        continue;
      }
      counted.figures[def.key] = round(tally.sums.get(def.key) ?? 0);
      const months = tally.monthly.get(def.key);
      counted.monthly[def.key] = Object.fromEntries(period.months.map((m) => [m, round(months?.get(m) ?? 0)]));
    }
    for (const b of breakdowns) {
      // A value whose facts have all been taken away since is no longer there (as a count afresh has it).
      counted.breakdowns[b.key] = Object.fromEntries([...(tally.splits.get(b.key) ?? [])].filter(([, n]) => round(n) !== 0).map(([k, n]) => [k, round(n)]));
    }
    out.set(unit.id, counted);
  }
  return out;
}

/** Sums of hours keep two places (each entry's hours have two). */
const round = (n: number) => Math.round(n * 100) / 100;
