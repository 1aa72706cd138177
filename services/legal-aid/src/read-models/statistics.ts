// Monthly statistics per office (and received per station): received, notified, transfers in and out,
// approved, refused, withdrawn, deemed withdrawn, green-channel share, preliminary aid, overdue, late
// custody forwarding. Months are Beijing-time months. Only the offices within the caller's reach appear.
// The counts are kept by the files projection (monthly-figures.ts); this file shapes them.
import type { Kysely } from 'kysely';
import { readFigures, type FigureCount } from './monthly-figures.js';
import type { LegalAidReadDatabase } from './tables.js';

export const statisticNames = [
  'received', 'notified', 'transferredIn', 'transferredOut', 'approved', 'refused', 'withdrawn', 'deemedWithdrawn',
  'greenChannel', 'preliminaryAid', 'overdue', 'lateCustodyForwarding', 'qualityReviewed', 'qualityExcellentOrGood',
] as const;
export type StatisticName = (typeof statisticNames)[number];
/** The limits whose overdue counts are given one by one. */
export const overdueLimits = ['review', 'assignment', 'notified_assignment', 'objection', 'custody_forwarding'] as const;
export type OverdueByLimit = Record<(typeof overdueLimits)[number], number>;
/** What decisions took: the median of the working days from the clock's start, pauses left out (null with no decision). */
export type DecisionTimes = { decisions: number; medianWorkingDaysToDecision: number | null; overdueByLimit: OverdueByLimit };
/** 优良率 = (优秀 + 良好) / reviewed. */
export type OfficeStatistics = Record<StatisticName, number> & { greenChannelShare: number | null; excellentOrGoodRate: number | null } & DecisionTimes;

/** [start, end) of a month 'YYYY-MM' in Asia/Shanghai. */
export function monthBounds(month: string): [Date, Date] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return [new Date(`${month}-01T00:00:00+08:00`), new Date(`${next}-01T00:00:00+08:00`)];
}

/** [start, end) of a year in Asia/Shanghai. */
export function yearBounds(year: number): [Date, Date] {
  return [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)];
}

/**
 * The figures for [from, to): a month (monthBounds) or a year (yearBounds), read from the counts the
 * projection keeps per month (monthly-figures.ts: one small statement, whatever the number of files).
 */
export async function officeStatistics(db: Kysely<LegalAidReadDatabase>, bounds: [Date, Date], withinReach: (organisationId: string) => boolean) {
  const rows = await readFigures(db, bounds);
  const times = decisionTimesOf(rows);
  const offices = new Map<string, OfficeStatistics>();
  const blank = (): OfficeStatistics => ({
    ...Object.fromEntries(statisticNames.map((n) => [n, 0])) as Record<StatisticName, number>, greenChannelShare: null, excellentOrGoodRate: null, ...noTimes(),
  });
  for (const [office, figures] of times.offices) {
    if (withinReach(office)) offices.set(office, { ...blank(), ...figures });
  }
  const stationsReceived = new Map<string, number>();
  for (const row of rows) {
    if (row.key === null) continue;
    if (row.section === 'station_received') stationsReceived.set(row.key, Number(row.n));
    if (row.section !== 'figure' || !withinReach(row.key)) continue;
    const figures = offices.get(row.key) ?? blank();
    figures[row.metric as StatisticName] = Number(row.n);
    offices.set(row.key, figures);
  }
  for (const figures of offices.values()) {
    figures.greenChannelShare = figures.received > 0 ? figures.greenChannel / figures.received : null;
    figures.excellentOrGoodRate = figures.qualityReviewed > 0 ? figures.qualityExcellentOrGood / figures.qualityReviewed : null;
  }
  return {
    offices: [...offices.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([officeId, figures]) => ({ officeId, ...figures })),
    stations: [...new Set([...stationsReceived.keys(), ...times.stations.keys()])]
      .filter(withinReach)
      .sort((a, b) => a.localeCompare(b))
      .map((stationId) => ({ stationId, received: stationsReceived.get(stationId) ?? 0, ...(times.stations.get(stationId) ?? noTimes()) })),
  };
}

const noTimes = (): DecisionTimes => ({ decisions: 0, medianWorkingDaysToDecision: null, overdueByLimit: Object.fromEntries(overdueLimits.map((l) => [l, 0])) as OverdueByLimit });

/**
 * Per office (the competent one) and per station (the receiving one, when not an office): the decisions
 * made in [from, to) with the median of their working days, and the limits that fell due overdue in it.
 */
function decisionTimesOf(rows: readonly FigureCount[]) {
  const offices = new Map<string, DecisionTimes>();
  const stations = new Map<string, DecisionTimes>();
  const entry = (map: Map<string, DecisionTimes>, key: string): DecisionTimes => {
    const found = map.get(key) ?? noTimes();
    map.set(key, found);
    return found;
  };
  // Decisions first, then the overdue limits (an office with only overdue limits still appears).
  for (const kind of ['decided', 'overdue'] as const) {
    for (const row of rows) {
      if (row.key === null) continue;
      const map = row.section === `office_${kind}` ? offices : row.section === `station_${kind}` ? stations : undefined;
      if (!map) continue;
      const figures = entry(map, row.key);
      if (kind === 'decided') Object.assign(figures, { decisions: Number(row.n), medianWorkingDaysToDecision: row.median === null ? null : Number(row.median) });
      else if (row.metric !== null && (overdueLimits as readonly string[]).includes(row.metric)) figures.overdueByLimit[row.metric as keyof OverdueByLimit] = Number(row.n);
    }
  }
  return { offices, stations };
}
