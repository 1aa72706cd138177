// 关账: a month or year the statistician has closed for a district (or the city's statistician for the
// city's own organisations, 市本级: the city's legal-aid office and its stations) answers as it stood at
// the close. The offices and stations of the units that closed the period (service-kit,
// periods/closing-units.ts: the reports service's rows) are counted on the files as of the close's
// position in $all (the files projection replayed up to it: `queryAsOf`), the others as they stand; a
// figure recorded differently since shows as a restatement (office.figure, as closed, now), never as a
// silently different number. The figures themselves are statistics.ts's, unchanged. Each restatement
// names the events recorded after the close that moved it: the files the period counts (by any of its
// moments, as of the close or now) in the unit whose rows changed since, their later events applied
// on the replay as of the close one by one (service-kit, periods/moved-by.ts).
import type { RegistryState } from '@bureau/organisations';
import { formatPosition, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { queryAsOf, type Projection } from '@bureau/projections';
import { changedStreams, closingUnitOf, closingUnitsOf, eventsThatMoved, mergeMoved, readPeriodCloses, restatedFigures, type MovingEvent, type PeriodClose, type Restated } from '@bureau/service-kit';
import { sql, type Kysely } from 'kysely';
import { legalAidStreamName } from '../domain/index.js';
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
  /** Per restated figure (`<office or station>.<figure>`), the events after the close that moved it ($all order). */
  readonly moved: ReadonlyMap<string, readonly MovingEvent[]>;
}

/**
 * The revisions (by stream name) of the files the period may count, loosely: any moment a figure counts a
 * file by (received, transferred, decided, withdrawn, preliminary aid, reviewed, a limit recorded overdue)
 * within the bounds, of an office or station `counted` holds (monthly-figures.ts, figuresOf).
 */
async function periodFileRevisions(db: Kysely<LegalAidReadDatabase>, [from, to]: [Date, Date], counted: (organisationId: string) => boolean): Promise<Map<string, bigint>> {
  const within = (column: string) => sql`(${sql.ref(column)} >= ${from} AND ${sql.ref(column)} <= ${to})`;
  const { rows } = await sql<{ case_id: string; revision: string; orgs: (string | null)[] }>`
    SELECT case_id, revision, ARRAY[receiving_org, receiving_office, competent_office, transferred_from, transferred_to] AS orgs
    FROM legal_aid_files
    WHERE ${within('received_at')} OR ${within('transferred_at')} OR ${within('approved_at')} OR ${within('refused_at')} OR ${within('withdrawn_at')}
      OR ${within('deemed_withdrawn_at')} OR ${within('preliminary_aid_at')} OR ${within('quality_reviewed_at')}
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(overdue_log) AS o WHERE (o->>'at')::timestamptz >= ${from} AND (o->>'at')::timestamptz <= ${to})`.execute(db);
  return new Map(rows.filter((r) => r.orgs.some((o) => o !== null && counted(o))).map((r) => [legalAidStreamName(r.case_id), BigInt(r.revision)]));
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
  // The units (districts, the city's own) with an organisation in reach.
  const units = [...new Set([...closingUnitsOf(registry)].filter(([id]) => withinReach(id)).map(([, unit]) => unit))].sort();
  // The figures and the closes side by side; each unit's closes read at once (the store batches reads made together).
  const [now, ...closesOf] = await Promise.all([officeStatistics(db, bounds, withinReach), ...units.map((d) => readPeriodCloses(store, [d], period))]);
  const closes = new Map(closesOf.flatMap((c) => [...c]));
  if (closes.size === 0) return { ...now, closes: [], restatements: [], moved: new Map() };
  const closedDistrictOf = (id: string) => {
    const unit = closingUnitOf(registry, id);
    return unit !== undefined && closes.has(unit) ? unit : undefined;
  };
  const groups = new Map<string, { position: GlobalPosition; districts: Set<string> }>();
  for (const close of closes.values()) {
    const key = formatPosition(close.position);
    (groups.get(key) ?? groups.set(key, { position: close.position, districts: new Set() }).get(key)!).districts.add(close.districtId);
  }
  const asClosed: Statistics = { offices: now.offices.filter((o) => !closedDistrictOf(o.officeId)), stations: now.stations.filter((s) => !closedDistrictOf(s.stationId)) };
  const moved = new Map<string, MovingEvent[]>();
  for (const group of groups.values()) {
    const inGroup = (id: string) => withinReach(id) && group.districts.has(closedDistrictOf(id) ?? '');
    const standingInGroup = flatten({ offices: now.offices.filter((o) => inGroup(o.officeId)), stations: now.stations.filter((s) => inGroup(s.stationId)) });
    const count = async (trx: Kysely<LegalAidReadDatabase>) => flatten(await officeStatistics(trx, bounds, inGroup));
    const { then, movedInGroup } = await queryAsOf(db, store, projection, group.position, async (trx) => {
      const then = await officeStatistics(trx, bounds, inGroup);
      const flat = flatten(then);
      const restated = new Set(Object.keys({ ...flat, ...standingInGroup }).filter((k) => (flat[k] ?? null) !== (standingInGroup[k] ?? null)));
      // Only when something moved: the files whose rows changed since (as of the close, and now).
      const streams = restated.size === 0 ? [] : changedStreams(await periodFileRevisions(trx, bounds, inGroup), await periodFileRevisions(db, bounds, inGroup));
      return { then, movedInGroup: await eventsThatMoved({ trx, store, projection, close: group.position, streams, figures: count, restated }) };
    });
    asClosed.offices.push(...then.offices);
    asClosed.stations.push(...then.stations);
    mergeMoved(moved, movedInGroup);
  }
  asClosed.offices.sort((a, b) => a.officeId.localeCompare(b.officeId));
  asClosed.stations.sort((a, b) => a.stationId.localeCompare(b.stationId));
  const standing = { offices: now.offices.filter((o) => closedDistrictOf(o.officeId)), stations: now.stations.filter((s) => closedDistrictOf(s.stationId)) };
  const closedPart = { offices: asClosed.offices.filter((o) => closedDistrictOf(o.officeId)), stations: asClosed.stations.filter((s) => closedDistrictOf(s.stationId)) };
  return { ...asClosed, closes: [...closes.values()], restatements: restatedFigures(flatten(closedPart), flatten(standing)), moved };
}
