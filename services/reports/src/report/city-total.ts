// The city's total row (全市合计): its districts' rows and the city's own (市本级) added up, each as the
// report states it (a closed district as closed), so the total is the sum of the rows above it. Rates
// are the summed numerators over the summed denominators; the median is taken over the decisions of
// every row, each as its row counts them (it cannot be added up).
import type { DistrictReport, FigureValue, RateValue, Restatement } from './build-report.js';
import { medianOf } from './count.js';
import { figures, rates } from './figures.js';

const round = (n: number) => Math.round(n * 100) / 100;
const ratio = (n: number | null | undefined, d: number | null | undefined) => (n === null || n === undefined || !d ? null : n / d);

/**
 * Each key's sum over the rows' records (a breakdown, a monthly series), rounded once at the end: the rows'
 * values have two places, so the float sum is within far less than half a cent of the exact one and rounds
 * to it, as rounding after every addition did (in Maps: a record grown key by key a hundred times over
 * cost most of a city's total).
 */
function sumsOf(records: Iterable<Readonly<Record<string, Readonly<Record<string, number>>>>>): Record<string, Record<string, number>> {
  const sums = new Map<string, Map<string, number>>();
  for (const record of records) {
    for (const key in record) {
      const into = sums.get(key) ?? sums.set(key, new Map()).get(key)!;
      const from = record[key]!;
      for (const k in from) into.set(k, (into.get(k) ?? 0) + from[k]!);
    }
  }
  return Object.fromEntries([...sums].map(([key, into]) => [key, Object.fromEntries([...into].map(([k, n]) => [k, round(n)]))]));
}

export interface TotalInput {
  readonly id: string;
  readonly rows: readonly DistrictReport[];
  /** Each row's decisions (working days → how many), as the row counts them (a closed row as closed), this period and the previous. */
  readonly decisions: readonly ReadonlyMap<number, number>[];
  readonly previousDecisions: readonly ReadonlyMap<number, number>[];
}

export function cityTotal({ id, rows, decisions, previousDecisions }: TotalInput): DistrictReport {
  const sum = (pick: (d: DistrictReport) => number | null | undefined) => round(rows.reduce((n, d) => n + (pick(d) ?? 0), 0));
  const figureValues: Record<string, FigureValue> = {};
  for (const def of figures) {
    const [value, prev] = def.measure === 'median'
      ? [medianOf(decisions), medianOf(previousDecisions)]
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
  const breakdowns = sumsOf(rows.map((d) => d.breakdowns));
  const monthly = sumsOf(rows.map((d) => d.monthly));
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
      judgedMonths: rows[0]?.villagesMetEveryMonth.judgedMonths ?? [], villages: sum((d) => d.villagesMetEveryMonth.villages),
    },
    restatements,
  };
}
