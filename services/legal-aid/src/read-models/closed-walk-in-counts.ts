// 关账 for the walk-in counts (来访咨询人次): a month a district's statistician has closed (or the city's,
// for the city's own organisations: service-kit, periods/closing-units.ts) answers as it stood at the
// close, as the other statistics do. The places of the units that closed the month are counted on the
// walk-ins projection replayed up to the close's position in $all (`queryAsOf`), the others as they stand;
// a count recorded differently since is a restatement (`<placeId>.<figure>`, as closed, now, and the events
// recorded after the close that moved it: service-kit, periods/moved-by.ts). A visit is never placed at a
// city-level organisation (the decider's `place_without_district`), so the city's own row holds only the
// visits of a district closed since (or none).
import type { RegistryState } from '@bureau/organisations';
import { formatPosition, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { queryAsOf } from '@bureau/projections';
import {
  changedStreams, closingUnitOf, closingUnitsFor, eventsThatMoved, figuresOf, mergeMoved, organisationsClosedUnder, readPeriodCloses, restatedFigures,
  type MovingEvent, type PeriodClose, type Restated,
} from '@bureau/service-kit';
import type { Kysely } from 'kysely';
import { walkInStreamName } from '../walk-ins/index.js';
import { monthCounts, walkInsProjection, type PlaceCounts, type WalkInDatabase } from './walk-ins.js';

export interface ClosedMonthCounts {
  readonly places: PlaceCounts[];
  readonly closes: readonly PeriodClose[];
  readonly restatements: readonly Restated[];
  readonly moved: ReadonlyMap<string, readonly MovingEvent[]>;
}

/**
 * The month's visits at these places, by stream name, with the stream's revision: a visit's stream is its
 * record (revision 0) and at most one void (revision 1; voiding again appends nothing), so the row tells it.
 */
async function visitRevisions(db: Kysely<WalkInDatabase>, month: string, places: readonly string[]): Promise<Map<string, bigint>> {
  if (places.length === 0) return new Map();
  const rows = await db.selectFrom('walk_in_consultations').select(['consultation_id', 'voided']).where('month', '=', month).where('place_id', 'in', [...places]).execute();
  return new Map(rows.map((r) => [walkInStreamName(r.consultation_id), r.voided ? 1n : 0n]));
}

export interface ClosedMonthCountsInput {
  readonly db: Kysely<WalkInDatabase>;
  readonly store: EventStore;
  readonly registry: RegistryState;
  readonly month: string;
  /** The caller's reach (places); null: every place. */
  readonly reach: readonly string[] | null;
}

export async function closedMonthCounts({ db, store, registry, month, reach }: ClosedMonthCountsInput): Promise<ClosedMonthCounts> {
  const [now, closes] = await Promise.all([monthCounts(db, month, reach), readPeriodCloses(store, closingUnitsFor(registry, reach), month)]);
  if (closes.size === 0) return { places: now, closes: [], restatements: [], moved: new Map() };
  const closedUnitOf = (placeId: string) => {
    const unit = closingUnitOf(registry, placeId);
    return unit !== undefined && closes.has(unit) ? unit : undefined;
  };
  // Units closed at the same position are counted together.
  const inReach = reach === null ? null : new Set(reach);
  const groups = new Map<string, { position: GlobalPosition; places: string[] }>();
  for (const close of closes.values()) {
    const key = formatPosition(close.position);
    const group = groups.get(key) ?? groups.set(key, { position: close.position, places: [] }).get(key)!;
    group.places.push(...organisationsClosedUnder(registry, close.districtId).filter((o) => inReach === null || inReach.has(o)));
  }
  const places = now.filter((p) => !closedUnitOf(p.placeId));
  const standing = now.filter((p) => closedUnitOf(p.placeId));
  const closedPart: PlaceCounts[] = [];
  const moved = new Map<string, MovingEvent[]>();
  for (const group of groups.values()) {
    const count = (trx: Kysely<WalkInDatabase>) => monthCounts(trx, month, group.places);
    const standingInGroup = figuresOf(await count(db));
    const { then, movedInGroup } = await queryAsOf(db, store, walkInsProjection, group.position, async (trx) => {
      const then = await count(trx);
      const flat = figuresOf(then);
      const restated = new Set(Object.keys({ ...flat, ...standingInGroup }).filter((k) => (flat[k] ?? null) !== (standingInGroup[k] ?? null)));
      // Only when something moved: the visits whose streams changed since (as of the close, and now).
      const streams = restated.size === 0 ? [] : changedStreams(await visitRevisions(trx, month, group.places), await visitRevisions(db, month, group.places));
      const figures = async (t: Kysely<WalkInDatabase>) => figuresOf(await count(t));
      return { then, movedInGroup: await eventsThatMoved({ trx, store, projection: walkInsProjection, close: group.position, streams, figures, restated }) };
    });
    closedPart.push(...then);
    mergeMoved(moved, movedInGroup);
  }
  const byPlace = (a: PlaceCounts, b: PlaceCounts) => a.placeId.localeCompare(b.placeId);
  return {
    places: [...places, ...closedPart].sort(byPlace),
    closes: [...closes.values()],
    restatements: restatedFigures(figuresOf(closedPart.sort(byPlace)), figuresOf(standing)),
    moved,
  };
}
