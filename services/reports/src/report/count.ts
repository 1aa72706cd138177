// The figures of some districts for one period, counted over facts as they stand now or at a position.
// A count is made of tallies (per district: each figure's sum, month by month, its breakdowns, the
// decisions' working days for the median, each village's months that met the minimum); tallies as things
// stand are carried forward from an earlier count of the same inputs by adding the facts' versions
// recorded since and taking away those superseded since, so the first report after an event costs the
// events since the last one, not the period's facts (a province-year: 3.4 million), and only the units
// those events touch are copied and worked out again (a walk-in in one district: that district, not the
// city's hundred, whose tallies and figures are shared with the earlier count). The earlier count is
// the one kept in memory, or, after a (re)start, the one kept in the database (read-models/kept-tallies.ts);
// either only if counted over the same generation of the facts.
import { createHash } from 'node:crypto';
import type { GlobalPosition } from '@bureau/event-store';
import type { Period } from '../periods/period.js';
import { keepTally, lockedStanding, readKeptTally, type TallyKey } from '../read-models/kept-tallies.js';
import { arrayElement, changedSince, decisionTallies, decisionTalliesByOrg, factTallies, factTalliesByOrg, standingAt, villageTallies, villageTalliesByOrg, type Db, type FactSource, type TallyRow } from './fact-queries.js';
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

/** Tallies as they stood at a position of one generation of the facts projection. */
export interface Carried {
  readonly generation: number;
  readonly position: GlobalPosition;
  readonly tallies: Tallies;
  /** When (performance.now()) these tallies, or those they were carried forward from, were last kept in the database. */
  readonly keptAt?: number;
}

/**
 * A count carried forward in memory is kept in the database again at most this often: writing a city's
 * tallies (a province's: a megabyte) on every first report after an event would cost more than the count;
 * a start carries forward from a tally at most this old (the events of a few seconds).
 */
const KEEP_EVERY_MS = 10_000;

/** Where tallies are kept in the database: under which key, in which generation's table. */
export interface Keeping {
  readonly key: TallyKey;
  readonly tableOf: (generation: number) => string;
}

const medianDef = figures.find((d) => d.measure === 'median')!;
const medianKinds: readonly string[] = medianDef.kinds;
const allKinds = [...new Set(figures.flatMap((d) => d.kinds))];
/** Facts of one kind, month and dims: how many (negative: taken away) and their values' sum. */
type FactsRow = Pick<TallyRow, 'kind' | 'month' | 'dims' | 'n' | 'total'>;
const matches = (def: FigureDef, row: FactsRow) => def.kinds.includes(row.kind as never) && Object.entries(def.where ?? {}).every(([k, v]) => row.dims[k] === v);
const measureOf = (def: FigureDef, row: FactsRow) => (def.measure === 'sum' ? row.total : row.n);
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

/** A unit's organisations and villages as array-literal elements, and a digest of what it counts over: worked out once per unit (units.ts keeps a registry state's units). */
interface UnitLiterals {
  readonly orgIds: string;
  readonly districts: string;
  readonly villageIds: string;
  readonly digest: string;
}
const literals = new WeakMap<DistrictUnit, UnitLiterals>();
function literalsOf(unit: DistrictUnit): UnitLiterals {
  let made = literals.get(unit);
  if (!made) {
    const district = arrayElement(unit.id);
    made = {
      orgIds: unit.orgIds.map(arrayElement).join(','),
      districts: unit.orgIds.map(() => district).join(','),
      villageIds: unit.villageIds.map(arrayElement).join(','),
      digest: createHash('sha256').update(JSON.stringify([unit.id, unit.orgIds, unit.villageIds])).digest('base64url'),
    };
    literals.set(unit, made);
  }
  return made;
}
const arrayOf = (parts: readonly string[]) => `{${parts.filter((p) => p !== '').join(',')}}`;

/** What the units count over (their ids, organisations and villages; names aside), small enough to key counts by. */
export const unitsDigest = (units: readonly DistrictUnit[]) => units.map((u) => literalsOf(u).digest);

/** Adds one row of facts (counted +1, or -1 for versions taken away) to a unit's tally. */
function addRow(tally: UnitTally, row: FactsRow) {
  for (const def of figures) {
    if (def.measure === 'median' || !matches(def, row)) continue;
    add(tally.sums, def.key, measureOf(def, row));
    add(within(tally.monthly, def.key), row.month, measureOf(def, row));
  }
  for (const b of breakdowns) {
    const def = figureOf.get(b.figure);
    if (def && matches(def, row)) add(within(tally.splits, b.key), row.dims[b.dim] ?? 'unknown', measureOf(def, row));
  }
}
const figureOf = new Map(figures.map((d) => [d.key, d]));

/** A unit's tally to add to: the count's own (made here), never one shared with an earlier count. */
type TallyOf = (unitId: string) => UnitTally;

/** Adds the tallies of `source` (facts counted +1, or -1 for a version taken away) to each unit's. */
async function addTallies(db: Db, tallyOf: TallyOf, units: readonly DistrictUnit[], period: Period, judged: readonly string[], source: FactSource) {
  const { villageUnits } = unitIndexOf(units);
  const each = units.map(literalsOf);
  const orgDistricts = { orgIds: arrayOf(each.map((l) => l.orgIds)), districts: arrayOf(each.map((l) => l.districts)) };
  const [rows, decisions, villages] = await Promise.all([
    factTallies(db, orgDistricts, allKinds, period.from, period.to, source),
    decisionTallies(db, orgDistricts, medianKinds, period.from, period.to, source),
    villageTallies(db, arrayOf(each.map((l) => l.villageIds)), judged, period.from, period.to, source),
  ]);
  for (const row of rows) addRow(tallyOf(row.district), row);
  for (const d of decisions) add(tallyOf(d.district).decisions, d.value, d.n);
  for (const v of villages) add(tallyOf(villageUnits.get(v.villageId)!).villageMonths, v.villageId, v.n);
}

/**
 * Adds the changes since `since` (the versions recorded since, +1; those superseded since, -1) to the
 * units they touch, and only to those: a few facts, read per organisation and mapped to the units here.
 * A unit's tally is asked of `tallyOf` only when a change does not cancel out, so an untouched unit keeps
 * the tally it was carried with (shared, not copied).
 */
async function addChanges(db: Db, tallyOf: TallyOf, units: readonly DistrictUnit[], period: Period, judged: readonly string[], since: GlobalPosition) {
  const { orgUnits, villageUnits } = unitIndexOf(units);
  const source = changedSince(since);
  const [rows, decisions, villages] = await Promise.all([
    factTalliesByOrg(db, allKinds, period.from, period.to, source),
    decisionTalliesByOrg(db, medianKinds, period.from, period.to, source),
    villageTalliesByOrg(db, judged, period.from, period.to, source),
  ]);
  for (const row of rows) {
    const unit = orgUnits.get(row.orgId);
    if (unit !== undefined && (row.n !== 0 || row.total !== 0)) addRow(tallyOf(unit), row);
  }
  for (const d of decisions) {
    const unit = orgUnits.get(d.orgId);
    if (unit !== undefined && d.n !== 0) add(tallyOf(unit).decisions, d.value, d.n);
  }
  for (const v of villages) {
    const unit = villageUnits.get(v.villageId);
    if (unit !== undefined && v.n !== 0) add(tallyOf(unit).villageMonths, v.villageId, v.n);
  }
}

/** Which unit each organisation and village counts under (a city's: 21,800 and 19,000), made once per set of units. */
interface UnitIndex {
  readonly orgUnits: ReadonlyMap<string, string>;
  readonly villageUnits: ReadonlyMap<string, string>;
}
const unitIndexes = new Map<string, UnitIndex>();
/** The most sets of units indexed (a scope's closed and open districts, a few scopes asked lately). */
const UNIT_INDEXES = 16;
function unitIndexOf(units: readonly DistrictUnit[]): UnitIndex {
  const key = unitsDigest(units).join(',');
  let index = unitIndexes.get(key);
  if (index) {
    unitIndexes.delete(key);
  } else {
    const orgUnits = new Map<string, string>();
    const villageUnits = new Map<string, string>();
    // A unit's organisations are its own (a district's subtree; 市本级 the city's outside every district).
    for (const unit of units) {
      for (const org of unit.orgIds) orgUnits.set(org, unit.id);
      for (const village of unit.villageIds) villageUnits.set(village, unit.id);
    }
    index = { orgUnits, villageUnits };
  }
  unitIndexes.set(key, index);
  while (unitIndexes.size > UNIT_INDEXES) unitIndexes.delete(unitIndexes.keys().next().value!);
  return index;
}

/**
 * Carrying forward shares each unit's tally with the count it is carried from (a tally, once counted,
 * is never changed: the next count copies it): a unit is copied when the first change to it is added,
 * so the cost is the units the changes touch, not the city's hundred.
 */
function copyOnWrite(tallies: Map<string, UnitTally>): TallyOf {
  const own = new Set<string>();
  return (id) => {
    if (!own.has(id)) {
      own.add(id);
      tallies.set(id, copyTally(tallies.get(id) ?? emptyTally()));
    }
    return tallies.get(id)!;
  };
}

const comparePositions = (a: GlobalPosition, b: GlobalPosition) => (a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1);
const nothingCounted = (units: readonly DistrictUnit[]) => new Map(units.map((u) => [u.id, emptyTally()]));

/**
 * The units' tallies as they stood at a position (a close): every fact standing there, counted once,
 * or the count kept in the database for that close (the versions standing at a close never change once
 * the projection has passed it, which the caller has waited for).
 */
export async function talliesAt(db: Db, units: readonly DistrictUnit[], period: Period, asOf: GlobalPosition, judged: readonly string[], keeping: Keeping | null): Promise<Tallies> {
  const counted = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const standing = await lockedStanding(trx);
    const kept = standing && keeping ? await readKeptTally(trx, keeping.key.key) : null;
    if (kept && comparePositions(kept.position, asOf) === 0) return { tallies: talliesOfJson(kept.tallies), keep: null };
    const tallies = nothingCounted(units);
    await addTallies(trx, (id) => tallies.get(id)!, units, period, judged, standingAt(asOf));
    // The caller has waited until the projection applied everything up to the close (its checkpoint row
    // may not say so yet: an idle runner writes it a little later), so the count is the close's for good.
    return { tallies, keep: standing ? { generation: standing.generation } : null };
  });
  if (keeping && counted.keep) await keepTally(db, keeping.tableOf(counted.keep.generation), keeping.key, { position: asOf, talliesJson: tallyJsonOf(counted.tallies) });
  return counted.tallies;
}

/**
 * The units' tallies as things stand, where the facts projection's checkpoint stands (read in the same
 * snapshot as the facts, so the tallies are exactly those of that position): from `since` (an earlier
 * count of the same inputs, kept in memory) or else from the count kept in the database, by the changes
 * since; or counted whole. Either earlier count is used only if made over the generation counted now.
 */
export async function talliesNow(db: Db, units: readonly DistrictUnit[], period: Period, judged: readonly string[], since: Carried | null, keeping: Keeping | null): Promise<Carried> {
  const counted = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const standing = await lockedStanding(trx);
    // Nothing projected yet: nothing counts.
    if (!standing?.position) return { carried: { generation: standing?.generation ?? 0, position: { commit: -1n, prepare: -1n }, tallies: nothingCounted(units) }, made: false };
    const { generation, position } = standing;
    let from: Carried | null = since && since.generation === generation && comparePositions(since.position, position) <= 0 ? since : null;
    if (!from && keeping) {
      const kept = await readKeptTally(trx, keeping.key.key);
      // Written by a count whose snapshot came before this one's, so never past the checkpoint; said, not assumed.
      if (kept && comparePositions(kept.position, position) <= 0) from = { generation, position: kept.position, tallies: talliesOfJson(kept.tallies) };
    }
    if (from && comparePositions(from.position, position) === 0) return { carried: from, made: false };
    let tallies: Map<string, UnitTally>;
    if (from) {
      tallies = new Map(units.map((u) => [u.id, from.tallies.get(u.id) ?? emptyTally()]));
      await addChanges(trx, copyOnWrite(tallies), units, period, judged, from.position);
    } else {
      tallies = nothingCounted(units);
      await addTallies(trx, (id) => tallies.get(id)!, units, period, judged, standingAt(null));
    }
    return { carried: { generation, position, tallies, ...(from?.keptAt === undefined ? {} : { keptAt: from.keptAt }) }, made: true };
  });
  const { carried } = counted;
  const now = performance.now();
  if (!keeping || !counted.made || (carried.keptAt !== undefined && now - carried.keptAt < KEEP_EVERY_MS)) return carried;
  // Kept after the snapshot's transaction (a repeatable-read upsert would fail on a concurrent one), in the generation counted.
  await keepTally(db, keeping.tableOf(carried.generation), keeping.key, { position: carried.position, talliesJson: tallyJsonOf(carried.tallies) });
  return { ...carried, keptAt: now };
}

/** Tallies as JSON (maps as entry lists; numbers as JavaScript writes them, so they read back exactly). */
type TallyJson = Record<string, {
  sums: [string, number][];
  monthly: [string, [string, number][]][];
  splits: [string, [string, number][]][];
  decisions: [number, number][];
  villageMonths: [string, number][];
}>;

/** A tally's JSON text, written once per tally: a city's kept again every 10 s re-writes only the units that changed. */
const jsonByTally = new WeakMap<UnitTally, string>();
function tallyJsonOf(tallies: Tallies): string {
  const nested = (m: Map<string, Map<string, number>>) => [...m].map(([k, inner]) => [k, [...inner]] as [string, [string, number][]]);
  const jsonOf = (t: UnitTally) => {
    let json = jsonByTally.get(t);
    if (json === undefined) {
      const entry: TallyJson[string] = { sums: [...t.sums], monthly: nested(t.monthly), splits: nested(t.splits), decisions: [...t.decisions], villageMonths: [...t.villageMonths] };
      json = JSON.stringify(entry);
      jsonByTally.set(t, json);
    }
    return json;
  };
  return `{${[...tallies].map(([unit, t]) => `${JSON.stringify(unit)}:${jsonOf(t)}`).join(',')}}`;
}

/** What tallyJsonOf wrote (kept by this service in its own table). */
function talliesOfJson(json: unknown): Map<string, UnitTally> {
  const nested = (entries: [string, [string, number][]][]) => new Map(entries.map(([k, inner]) => [k, new Map(inner)]));
  return new Map(Object.entries(json as TallyJson).map(([unit, t]) => [unit, {
    sums: new Map(t.sums), monthly: nested(t.monthly), splits: nested(t.splits), decisions: new Map(t.decisions), villageMonths: new Map(t.villageMonths),
  }]));
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

/**
 * A tally's figures, worked out once per tally (and months judged): a carried count shares its untouched
 * units' tallies with the count before, so their figures are the same objects too (never changed: the
 * report only reads them).
 */
const countedByTally = new WeakMap<UnitTally, { readonly key: string; readonly counted: Counted }>();

/** The figures of each unit from its tallies. */
export function countedOf(tallies: Tallies, units: readonly DistrictUnit[], period: Period, judged: readonly string[]): Map<string, Counted> {
  const out = new Map<string, Counted>();
  const key = JSON.stringify([period.id, judged]);
  for (const unit of units) {
    const tally = tallies.get(unit.id);
    const kept = tally && countedByTally.get(tally);
    if (kept?.key === key) {
      out.set(unit.id, kept.counted);
      continue;
    }
    const counted = countedOfTally(tally ?? emptyTally(), period, judged);
    if (tally) countedByTally.set(tally, { key, counted });
    out.set(unit.id, counted);
  }
  return out;
}

function countedOfTally(tally: UnitTally, period: Period, judged: readonly string[]): Counted {
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
  return counted;
}

/** Sums of hours keep two places (each entry's hours have two). */
const round = (n: number) => Math.round(n * 100) / 100;
