// The city's total row (全市合计): its districts' rows and the city's own (市本级) added up, each as the
// report states it (a closed district as closed), so the total is the sum of the rows above it. Rates
// are the summed numerators over the summed denominators; the median is taken over the decisions of
// every row, each as its row counts them (it cannot be added up).
import type { Period } from '../periods/period.js';
import type { DistrictReport, FigureValue, RateValue, Restatement } from './build-report.js';
import { factValues, type Db } from './fact-queries.js';
import { figures, rates } from './figures.js';
import type { DistrictUnit } from './count.js';
import { formatPosition, type GlobalPosition } from '@bureau/event-store';
import type { Remember } from './figure-cache.js';

const round = (n: number) => Math.round(n * 100) / 100;
const ratio = (n: number | null | undefined, d: number | null | undefined) => (n === null || n === undefined || !d ? null : n / d);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const addInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = round((into[k] ?? 0) + v);
};

export interface TotalInput {
  readonly db: Db;
  readonly id: string;
  readonly rows: readonly DistrictReport[];
  readonly units: readonly DistrictUnit[];
  readonly period: Period;
  readonly previous: Period;
  /** The position each unit's row is counted at (its close), per period; null: as things stand. */
  readonly asOf: (unitId: string, period: Period) => GlobalPosition | null;
  readonly remember: Remember;
}

export async function cityTotal({ db, id, rows, units, period, previous, asOf, remember }: TotalInput): Promise<DistrictReport> {
  const sum = (pick: (d: DistrictReport) => number | null | undefined) => round(rows.reduce((n, d) => n + (pick(d) ?? 0), 0));
  const medianOf = async (p: Period) => {
    const def = figures.find((f) => f.measure === 'median')!;
    const standing = units.map((u) => asOf(u.id, p));
    // Kept as things stand: the key names each unit's own standing (a close, or now).
    return remember(['median', units.map((u) => u.orgIds), standing.map((s) => (s ? formatPosition(s) : null)), p.id], null, async () => {
      // One read per standing (the units closed at one close, the units counted now), not one per unit.
      const groups = new Map<string, { asOf: GlobalPosition | null; orgIds: string[] }>();
      units.forEach((u, i) => {
        const asOf = standing[i] ?? null;
        const key = asOf ? formatPosition(asOf) : 'now';
        (groups.get(key) ?? groups.set(key, { asOf, orgIds: [] }).get(key)!).orgIds.push(...u.orgIds);
      });
      // Joined, not spread into push: a province's decisions (hundreds of thousands) as arguments
      // overflow the call stack (the 100x bench's city report died on it).
      let values: number[] = [];
      for (const g of groups.values()) values = values.concat(await factValues(db, g.orgIds, def.kinds, p.from, p.to, g.asOf));
      return median(values);
    });
  };
  const figureValues: Record<string, FigureValue> = {};
  for (const def of figures) {
    const [value, prev] = def.measure === 'median'
      ? [await medianOf(period), await medianOf(previous)]
      : [sum((d) => d.figures[def.key]?.value), sum((d) => d.figures[def.key]?.previous)];
    const change = value === null || prev === null ? null : round(value - prev);
    figureValues[def.key] = { value, previous: prev, change, changeRatio: ratio(change, prev) };
  }
  const rateValues: Record<string, RateValue> = {};
  for (const r of rates) {
    const numerator = figureValues[r.numerator]?.value ?? 0;
    const denominator = figureValues[r.denominator]?.value ?? 0;
    rateValues[r.key] = { value: ratio(numerator, denominator), numerator, denominator, previous: ratio(figureValues[r.numerator]?.previous, figureValues[r.denominator]?.previous) };
  }
  const breakdowns: Record<string, Record<string, number>> = {};
  const monthly: Record<string, Record<string, number>> = {};
  for (const d of rows) {
    for (const [k, split] of Object.entries(d.breakdowns)) addInto((breakdowns[k] ??= {}), split);
    for (const [k, series] of Object.entries(d.monthly)) addInto((monthly[k] ??= {}), series);
  }
  // A figure restated in some row: the total as closed (the rows' figures) and now (each row's now).
  const restatements: Restatement[] = [];
  for (const def of figures) {
    if (def.measure === 'median') continue;
    const moved = rows.flatMap((d) => d.restatements.filter((r) => r.figure === def.key).map((r) => ({ d, r })));
    if (moved.length === 0) continue;
    const asClosed = sum((d) => d.figures[def.key]?.value);
    const now = round(asClosed + moved.reduce((n, { r }) => n + (r.now ?? 0) - (r.asClosed ?? 0), 0));
    if (asClosed !== now) restatements.push({ figure: def.key, asClosed, now, changes: moved.flatMap(({ r }) => r.changes) });
  }
  return {
    districtId: id,
    name: '全市合计',
    closed: null,
    previousClosed: false,
    peerReviewRank: null,
    figures: figureValues,
    rates: rateValues,
    breakdowns,
    monthly,
    villagesMetEveryMonth: {
      value: sum((d) => d.villagesMetEveryMonth.value), previous: sum((d) => d.villagesMetEveryMonth.previous),
      villageIds: rows.flatMap((d) => d.villagesMetEveryMonth.villageIds), judgedMonths: rows[0]?.villagesMetEveryMonth.judgedMonths ?? [], villages: sum((d) => d.villagesMetEveryMonth.villages),
    },
    restatements,
  };
}
