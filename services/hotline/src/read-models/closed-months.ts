// 关账: a month the statistician has closed for a district answers as it stood at the close. The month's
// figures for the districts that closed it are counted on the work orders as of the close's position in
// $all (the projection replayed up to it: `queryAsOf`), the rest as they stand; a figure recorded
// differently since shows as a restatement (figure, as closed, now), never as a silently different number.
import { districtOf, organisationsWithin, type RegistryState } from '@bureau/organisations';
import { formatPosition, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { queryAsOf, type Projection } from '@bureau/projections';
import { readPeriodCloses, restatedFigures, type PeriodClose, type Restated } from '@bureau/service-kit';
import type { Kysely } from 'kysely';
import { monthlyMetrics, type MonthlyMetrics, type Ratio } from './monthly-metrics.js';
import type { HotlineReadDatabase } from './tables.js';

/** The month's counts (every figure is a count over orders, so the counts of disjoint owners add up). */
const countsOf = (m: MonthlyMetrics) => ({
  dispatched: m.dispatched,
  signedForOnTime: m.timelySignForRate.numerator,
  returned: m.returnRate.numerator,
  replied: m.onTimeReplyRate.denominator,
  repliedOnTime: m.onTimeReplyRate.numerator,
  rated: m.satisfactionRate.denominator,
  satisfied: m.satisfactionRate.numerator,
  resolved: m.resolutionRate.numerator,
  overdue: m.overdueCount,
});
type Counts = ReturnType<typeof countsOf>;

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator });

function metricsOf(base: MonthlyMetrics, c: Counts): MonthlyMetrics {
  return {
    ...base,
    dispatched: c.dispatched,
    timelySignForRate: ratio(c.signedForOnTime, c.dispatched),
    returnRate: ratio(c.returned, c.dispatched),
    onTimeReplyRate: ratio(c.repliedOnTime, c.replied),
    satisfactionRate: ratio(c.satisfied, c.rated),
    resolutionRate: ratio(c.resolved, c.rated),
    overdueCount: c.overdue,
  };
}

export interface ClosedMonthly {
  readonly metrics: MonthlyMetrics;
  readonly closes: readonly PeriodClose[];
  readonly restatements: readonly Restated[];
}

export interface ClosedMonthlyInput {
  readonly db: Kysely<HotlineReadDatabase>;
  readonly store: EventStore;
  readonly projection: Projection;
  readonly registry: RegistryState;
  readonly month: string;
  /** The caller's reach (owners); null: every owner. */
  readonly owners: readonly string[] | null;
}

export async function closedMonthlyMetrics({ db, store, projection, registry, month, owners }: ClosedMonthlyInput): Promise<ClosedMonthly> {
  const now = await monthlyMetrics(db, month, owners);
  const districts = owners === null
    ? [...registry.organisations.values()].filter((o) => o.kind === 'district').map((o) => o.id)
    : owners.flatMap((o) => districtOf(registry, o)?.id ?? []);
  const closes = await readPeriodCloses(store, districts, month);
  if (closes.size === 0) return { metrics: now, closes: [], restatements: [] };
  // Districts closed at the same position are counted together.
  const groups = new Map<string, { position: GlobalPosition; owners: string[] }>();
  for (const close of closes.values()) {
    const within = organisationsWithin(registry, registry.organisations.get(close.districtId)).filter((o) => owners === null || owners.includes(o));
    const key = formatPosition(close.position);
    const group = groups.get(key) ?? groups.set(key, { position: close.position, owners: [] }).get(key)!;
    group.owners.push(...within);
  }
  const total = countsOf(now);
  const asClosed = { ...total };
  for (const group of groups.values()) {
    const [then, standing] = [
      countsOf(await queryAsOf(db, store, projection, group.position, (trx) => monthlyMetrics(trx, month, group.owners))),
      countsOf(await monthlyMetrics(db, month, group.owners)),
    ];
    for (const k of Object.keys(asClosed) as Array<keyof Counts>) asClosed[k] += then[k] - standing[k];
  }
  return { metrics: metricsOf(now, asClosed), closes: [...closes.values()], restatements: restatedFigures(asClosed, total) };
}
