// A report: for each district of the scope, the period's figures (as closed, when closed), the previous
// period's and the change, the rates with their numerators and denominators, the breakdowns, the monthly
// series, the villages that met the minimum every month, the peer-review rank, and, for a closed period,
// the restatements (the figure as closed, as it stands now, and the events recorded since that moved it).
import type { EventStore, GlobalPosition } from '@bureau/event-store';
import { formatPosition } from '@bureau/event-store';
import { previousPeriod, type Period } from '../periods/period.js';
import { readDistrictPeriods, type PeerReviewRank, type PeriodClose } from '../periods/read-periods.js';
import { countedOf, judgedMonthsOf, talliesAt, talliesNow, unitsDigest, type Counted, type DistrictUnit, type Keeping } from './count.js';
import { changesAfter, type ChangeAfterClose, type Db } from './fact-queries.js';
import { cityTotal } from './city-total.js';
import { figures, rates } from './figures.js';
import { carryNothing, countAfresh, type Carry, type Remember, type TallyInputs } from './figure-cache.js';

export interface FigureValue {
  readonly value: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  /** change / previous; null when the previous is zero or missing. */
  readonly changeRatio: number | null;
}

export interface RateValue {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly previous: number | null;
}

export interface Restatement {
  readonly figure: string;
  readonly asClosed: number | null;
  readonly now: number | null;
  readonly changes: readonly ChangeAfterClose[];
}

export interface DistrictReport {
  readonly districtId: string;
  readonly name: string;
  readonly closed: { readonly closedAt: string; readonly position: string; readonly closedBy: string | null } | null;
  readonly previousClosed: boolean;
  readonly peerReviewRank: PeerReviewRank | null;
  readonly figures: Record<string, FigureValue>;
  readonly rates: Record<string, RateValue>;
  readonly breakdowns: Record<string, Record<string, number>>;
  readonly monthly: Record<string, Record<string, number>>;
  /** The villages themselves are the figure's drill-down (links.figures.villages_met_every_month), not carried here: a city's year would carry every district's list twice (its rows and its total), most of its JSON. */
  readonly villagesMetEveryMonth: { readonly value: number; readonly previous: number; readonly judgedMonths: readonly string[]; readonly villages: number };
  readonly restatements: readonly Restatement[];
}

export interface Report {
  readonly scope: { readonly id: string; readonly name: string };
  readonly period: { readonly id: string; readonly label: string; readonly from: string; readonly to: string };
  readonly previousPeriod: { readonly id: string; readonly label: string };
  readonly generatedAt: string;
  readonly districts: readonly DistrictReport[];
  /** The city's total row (全市合计), the sum of the rows (districts and 市本级); null for a district. */
  readonly total: DistrictReport | null;
}

const ratio = (n: number | null | undefined, d: number | null | undefined) => (n === null || n === undefined || !d ? null : n / d);

export interface ReportInput {
  readonly db: Db;
  readonly store: EventStore;
  readonly scope: { readonly id: string; readonly name: string };
  readonly units: readonly DistrictUnit[];
  /** Add the total row (the city). */
  readonly withTotal?: boolean;
  readonly period: Period;
  readonly now: Date;
  readonly monthEnds: (month: string) => Date;
  /** Waits until the facts projection has applied everything up to a close (a closed figure must not move while it catches up). */
  readonly ensureApplied: (position: GlobalPosition) => Promise<void>;
  /** Counts kept between requests (figure-cache.ts); default: every count made afresh. */
  readonly remember?: Remember;
  /** Tallies as things stand carried forward from the last count (figure-cache.ts); default: counted whole. */
  readonly carry?: Carry;
  /** Where tallies are kept in the database (figure-cache.ts); default: not kept. */
  readonly keeping?: (what: TallyInputs) => Keeping;
}

/**
 * The districts' figures, kept by what they are counted over: the units, the period, the standing, the
 * months judged. As things stand, the tallies are carried forward from the last count of the same inputs.
 */
const countKept = (input: ReportInput, units: readonly DistrictUnit[], period: Period, asOf: GlobalPosition | null, judged: readonly string[]) =>
  (input.remember ?? countAfresh)(['count', unitsDigest(units), period.id, judged], asOf, async () => {
    // What the tallies count over (names aside): the same inputs, the same tallies.
    const inputs = ['tallies', unitsDigest(units), period.id, judged];
    const keeping = input.keeping?.({ scopeId: input.scope.id, periodId: period.id, standing: asOf ? 'closed' : 'now', inputs: asOf ? [...inputs, formatPosition(asOf)] : inputs }) ?? null;
    const tallies = asOf
      ? await talliesAt(input.db, units, period, asOf, judged, keeping)
      : await (input.carry ?? carryNothing)(inputs, (since) => talliesNow(input.db, units, period, judged, since, keeping));
    return countedOf(tallies, units, period, judged);
  });

/** Each district counted as of its own close (if closed), else as things stand. */
async function countPeriod(input: ReportInput, period: Period, closes: ReadonlyMap<string, PeriodClose | undefined>) {
  const out = new Map<string, Counted>();
  const groups = new Map<string, DistrictUnit[]>();
  for (const unit of input.units) {
    const close = closes.get(unit.id);
    const key = close ? formatPosition(close.position) : 'now';
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(unit);
  }
  for (const units of groups.values()) {
    const close = closes.get(units[0]!.id);
    const judged = judgedMonthsOf(period, input.monthEnds, close ? new Date(close.closedAt) : input.now);
    for (const [id, counted] of await countKept(input, units, period, close?.position ?? null, judged)) out.set(id, counted);
  }
  return out;
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const { period } = input;
  const previous = previousPeriod(period);
  const periods = new Map(await Promise.all(input.units.map(async (u) => [u.id, await readDistrictPeriods(input.store, u.id)] as const)));
  const closeOf = (p: Period) => new Map(input.units.map((u) => [u.id, periods.get(u.id)?.closes.get(p.id)]));
  for (const p of [period, previous]) for (const close of closeOf(p).values()) if (close) await input.ensureApplied(close.position);
  const [current, before] = await Promise.all([countPeriod(input, period, closeOf(period)), countPeriod(input, previous, closeOf(previous))]);
  const closes = closeOf(period);
  const closedUnits = input.units.filter((u) => closes.get(u.id));
  const now = closedUnits.length > 0 ? await countKept(input, closedUnits, period, null, judgedMonthsOf(period, input.monthEnds, input.now)) : new Map<string, Counted>();
  const remember = input.remember ?? countAfresh;

  const districts: DistrictReport[] = [];
  for (const unit of input.units) {
    const c = current.get(unit.id)!;
    const p = before.get(unit.id)!;
    const close = closes.get(unit.id);
    const figureValues: Record<string, FigureValue> = {};
    for (const def of figures) {
      const value = c.figures[def.key] ?? null;
      const prev = p.figures[def.key] ?? null;
      const change = value === null || prev === null ? null : Math.round((value - prev) * 100) / 100;
      figureValues[def.key] = { value, previous: prev, change, changeRatio: ratio(change, prev) };
    }
    const rateValues: Record<string, RateValue> = {};
    for (const r of rates) {
      const numerator = c.figures[r.numerator] ?? 0;
      const denominator = c.figures[r.denominator] ?? 0;
      rateValues[r.key] = { value: ratio(numerator, denominator), numerator, denominator, previous: ratio(p.figures[r.numerator], p.figures[r.denominator]) };
    }
    const restatements: Restatement[] = [];
    const later = now.get(unit.id);
    if (close && later) {
      for (const def of figures) {
        const asClosed = c.figures[def.key] ?? null;
        const standsNow = later.figures[def.key] ?? null;
        if (asClosed === standsNow) continue;
        restatements.push({ figure: def.key, asClosed, now: standsNow, changes: await remember(['changes', unit.orgIds, def.kinds, period.id, formatPosition(close.position)], null, () => changesAfter(input.db, unit.orgIds, def.kinds, period.from, period.to, close.position)) });
      }
    }
    districts.push({
      districtId: unit.id,
      name: unit.name,
      closed: close ? { closedAt: close.closedAt, position: formatPosition(close.position), closedBy: close.closedBy } : null,
      previousClosed: Boolean(closeOf(previous).get(unit.id)),
      peerReviewRank: periods.get(unit.id)?.ranks.get(Number(period.id.slice(0, 4))) ?? null,
      figures: figureValues,
      rates: rateValues,
      breakdowns: c.breakdowns,
      monthly: c.monthly,
      villagesMetEveryMonth: { value: c.villagesMetEveryMonth.length, previous: p.villagesMetEveryMonth.length, judgedMonths: c.judgedMonths, villages: unit.villageIds.length },
      restatements,
    });
  }
  return {
    scope: input.scope,
    period: { id: period.id, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
    previousPeriod: { id: previous.id, label: previous.label },
    generatedAt: input.now.toISOString(),
    districts,
    total: input.withTotal
      ? cityTotal({
        id: input.scope.id, rows: districts,
        decisions: [...input.units.map((u) => current.get(u.id)!.decisions)],
        previousDecisions: [...input.units.map((u) => before.get(u.id)!.decisions)],
      })
      : null,
  };
}
