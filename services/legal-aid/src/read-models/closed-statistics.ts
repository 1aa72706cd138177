// 关账: a month or year the statistician has closed for a district answers as it stood at the close. The
// offices and stations of the districts that closed the period are counted on the files as of the close's
// position in $all (the files projection replayed up to it: `queryAsOf`), the others as they stand; a
// figure recorded differently since shows as a restatement (office.figure, as closed, now), never as a
// silently different number. The figures themselves are statistics.ts's, unchanged.
import { districtOf, organisationsWithin, type RegistryState } from '@bureau/organisations';
import { formatPosition, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { queryAsOf, type Projection } from '@bureau/projections';
import { readPeriodCloses, restatedFigures, type PeriodClose, type Restated } from '@bureau/service-kit';
import type { Kysely } from 'kysely';
import { officeStatistics } from './statistics.js';
import type { LegalAidReadDatabase } from './tables.js';

type Statistics = Awaited<ReturnType<typeof officeStatistics>>;

export interface ClosedStatisticsInput {
  readonly db: Kysely<LegalAidReadDatabase>;
  readonly store: EventStore;
  readonly projection: Projection;
  readonly registry: RegistryState;
  /** The period's id as the statistician closes it: 'YYYY-MM' or 'YYYY'. */
  readonly period: string;
  readonly bounds: [Date, Date];
  readonly withinReach: (organisationId: string) => boolean;
}

export interface ClosedStatistics extends Statistics {
  readonly closes: readonly PeriodClose[];
  readonly restatements: readonly Restated[];
}

/** Every number of an office's or station's figures, by `<id>.<figure>` (overdue per limit as `overdueByLimit.<limit>`). */
function flatten(s: Statistics): Record<string, number | null> {
  const flat: Record<string, number | null> = {};
  for (const [id, figures] of [...s.offices.map((o) => [o.officeId, o] as const), ...s.stations.map((o) => [o.stationId, o] as const)]) {
    for (const [name, value] of Object.entries(figures)) {
      if (typeof value === 'number' || value === null) flat[`${id}.${name}`] = value;
      else if (value && typeof value === 'object') for (const [limit, n] of Object.entries(value)) flat[`${id}.${name}.${limit}`] = n as number;
    }
  }
  return flat;
}

export async function closedStatistics({ db, store, projection, registry, period, bounds, withinReach }: ClosedStatisticsInput): Promise<ClosedStatistics> {
  const districts = [...registry.organisations.values()].filter((o) => o.kind === 'district' && organisationsWithin(registry, o).some(withinReach)).map((o) => o.id);
  // The figures and the closes side by side; each district's closes read at once (the store batches reads made together).
  const [now, ...closesOf] = await Promise.all([officeStatistics(db, bounds, withinReach), ...districts.map((d) => readPeriodCloses(store, [d], period))]);
  const closes = new Map(closesOf.flatMap((c) => [...c]));
  if (closes.size === 0) return { ...now, closes: [], restatements: [] };
  const closedDistrictOf = (id: string) => {
    const district = districtOf(registry, id)?.id;
    return district !== undefined && closes.has(district) ? district : undefined;
  };
  const groups = new Map<string, { position: GlobalPosition; districts: Set<string> }>();
  for (const close of closes.values()) {
    const key = formatPosition(close.position);
    (groups.get(key) ?? groups.set(key, { position: close.position, districts: new Set() }).get(key)!).districts.add(close.districtId);
  }
  const asClosed: Statistics = { offices: now.offices.filter((o) => !closedDistrictOf(o.officeId)), stations: now.stations.filter((s) => !closedDistrictOf(s.stationId)) };
  for (const group of groups.values()) {
    const inGroup = (id: string) => withinReach(id) && group.districts.has(closedDistrictOf(id) ?? '');
    const then = await queryAsOf(db, store, projection, group.position, (trx) => officeStatistics(trx, bounds, inGroup));
    asClosed.offices.push(...then.offices);
    asClosed.stations.push(...then.stations);
  }
  asClosed.offices.sort((a, b) => a.officeId.localeCompare(b.officeId));
  asClosed.stations.sort((a, b) => a.stationId.localeCompare(b.stationId));
  const standing = { offices: now.offices.filter((o) => closedDistrictOf(o.officeId)), stations: now.stations.filter((s) => closedDistrictOf(s.stationId)) };
  const closedPart = { offices: asClosed.offices.filter((o) => closedDistrictOf(o.officeId)), stations: asClosed.stations.filter((s) => closedDistrictOf(s.stationId)) };
  return { ...asClosed, closes: [...closes.values()], restatements: restatedFigures(flatten(closedPart), flatten(standing)) };
}
