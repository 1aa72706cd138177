// The city's total row (全市合计): its districts' rows and the city's own (市本级) added up, each as the
// report states it (a closed district as closed), so the total is the sum of the rows above it. Rates
// are the summed numerators over the summed denominators; the median is taken over the decisions of
// every row, each as its row counts them (it cannot be added up).
import type { DistrictReport, FigureValue, RateValue, Restatement } from './build-report.js';
import { medianOf } from './count.js';
import { figures, rates } from './figures.js';

const round = (n: number) => Math.round(n * 100) / 100;
const ratio = (n: number | null | undefined, d: number | null | undefined) => (n === null || n === undefined || !d ? null : n / d);

const addInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = round((into[k] ?? 0) + v);
};

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
      judgedMonths: rows[0]?.villagesMetEveryMonth.judgedMonths ?? [], villages: sum((d) => d.villagesMetEveryMonth.villages),
    },
    restatements,
  };
}
