// 关账: a month the statistician has closed for a district (or the city's statistician for the city's own
// organisations, 市本级) answers as it stood at the close. The month's figures for the units that closed it
// (service-kit, periods/closing-units.ts: the reports service's rows) are counted on the work orders as of
// the close's position in $all (the projection replayed up to it: `queryAsOf`), the rest as they stand; a
// figure recorded differently since shows as a restatement (figure, as closed, now, and the events
// recorded after the close that moved it), never as a silently different number. The events: the orders
// of the month (any moment it counts them by, as of the close or now) whose rows changed since, their
// later events applied on the replay as of the close one by one (service-kit, periods/moved-by.ts); the
// unit's own orders only. Orders are owned by public legal service centres, which sit in districts: the
// city's own row holds orders only of a centre left in a district since closed (or none).
import type { RegistryState } from '@bureau/organisations';
import { formatPosition, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { queryAsOf, type Projection } from '@bureau/projections';
import { changedStreams, closingUnitsFor, eventsThatMoved, mergeMoved, organisationsClosedUnder, readPeriodCloses, restatedFigures, type MovingEvent, type PeriodClose, type Restated } from '@bureau/service-kit';
import { sql, type Kysely } from 'kysely';
import { workOrderStreamName } from '../domain/index.js';
import { monthBounds, monthlyMetrics, type MonthlyMetrics, type Ratio } from './monthly-metrics.js';
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
  /** Per restated figure, the events after the close that moved it ($all order). */
  readonly moved: ReadonlyMap<string, readonly MovingEvent[]>;
}

/**
 * The revisions of the owners' orders the month may count (dispatched, replied, followed up or due in
 * it, loosely: a due time at 24:00 of the last day is the next day's 00:00), by stream name.
 */
async function monthOrderRevisions(db: Kysely<HotlineReadDatabase>, month: string, owners: readonly string[]): Promise<Map<string, bigint>> {
  const { from, to } = monthBounds(month);
  const within = (column: 'dispatched_at' | 'replied_at' | 'followed_up_at' | 'reply_due_at') => sql<boolean>`(${sql.ref(column)} >= ${from} AND ${sql.ref(column)} <= ${to})`;
  const rows = await db.selectFrom('hotline_work_orders').select(['work_order_id', 'revision'])
    .where('owner', 'in', owners.length > 0 ? [...owners] : [''])
    .where(sql<boolean>`(${within('dispatched_at')} OR ${within('replied_at')} OR ${within('followed_up_at')} OR ${within('reply_due_at')})`)
    .execute();
  return new Map(rows.map((r) => [workOrderStreamName(r.work_order_id), BigInt(r.revision)]));
}

async function ownsOrders(db: Kysely<HotlineReadDatabase>, owners: readonly string[]): Promise<boolean> {
  if (owners.length === 0) return false;
  return (await db.selectFrom('hotline_work_orders').select('work_order_id').where('owner', 'in', [...owners]).limit(1).executeTakeFirst()) !== undefined;
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
  const closes = await readPeriodCloses(store, closingUnitsFor(registry, owners), month);
  if (closes.size === 0) return { metrics: now, closes: [], restatements: [], moved: new Map() };
  // Units closed at the same position are counted together.
  const inReach = owners === null ? null : new Set(owners);
  const groups = new Map<string, { position: GlobalPosition; owners: string[] }>();
  for (const close of closes.values()) {
    const within = organisationsClosedUnder(registry, close.districtId).filter((o) => inReach === null || inReach.has(o));
    const key = formatPosition(close.position);
    const group = groups.get(key) ?? groups.set(key, { position: close.position, owners: [] }).get(key)!;
    group.owners.push(...within);
  }
  const total = countsOf(now);
  const asClosed = { ...total };
  const moved = new Map<string, MovingEvent[]>();
  for (const group of groups.values()) {
    // A unit that owns no order at all (rows are never deleted) owned none at its close: nothing to replay
    // (the city's own row, whose organisations are no centres, most of all).
    if (!(await ownsOrders(db, group.owners))) continue;
    const count = async (trx: Kysely<HotlineReadDatabase>) => countsOf(await monthlyMetrics(trx, month, group.owners));
    const standing = await count(db);
    const { then, movedInGroup } = await queryAsOf(db, store, projection, group.position, async (trx) => {
      const then = await count(trx);
      const restated = new Set(Object.keys(then).filter((k) => then[k as keyof Counts] !== standing[k as keyof Counts]));
      // Only when something moved: the orders whose rows changed since (as of the close, and now).
      const streams = restated.size === 0 ? [] : changedStreams(await monthOrderRevisions(trx, month, group.owners), await monthOrderRevisions(db, month, group.owners));
      return { then, movedInGroup: await eventsThatMoved({ trx, store, projection, close: group.position, streams, figures: count, restated }) };
    });
    for (const k of Object.keys(asClosed) as Array<keyof Counts>) asClosed[k] += then[k] - standing[k];
    mergeMoved(moved, movedInGroup);
  }
  return { metrics: metricsOf(now, asClosed), closes: [...closes.values()], restatements: restatedFigures(asClosed, total), moved };
}
