// Monthly statistics per office (and received per station): received, notified, transfers in and out,
// approved, refused, withdrawn, deemed withdrawn, green-channel share, preliminary aid, overdue, late
// custody forwarding. Months are Beijing-time months. Only the offices within the caller's reach appear.
import { sql, type Kysely } from 'kysely';
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
 * The figures for [from, to): a month (monthBounds) or a year (yearBounds). Every count is asked in one
 * statement (a section per kind of row), so a request costs one round trip, not six.
 */
export async function officeStatistics(db: Kysely<LegalAidReadDatabase>, [from, to]: [Date, Date], withinReach: (organisationId: string) => boolean) {
  const t = sql.table('legal_aid_files');
  const inMonth = (column: string) => sql`${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to}`;
  // Offices by the competent office; stations by the receiving organisation when it is not the office itself.
  // (A custody application announced but not arrived has no office yet: its overdue forwarding counts for
  // the station now, and for the office once the application arrives.)
  const byOffice = sql`coalesce(competent_office, receiving_office)`;
  const byStation = sql`CASE WHEN receiving_org <> coalesce(receiving_office, '') THEN receiving_org END`;
  const decided = sql`decision_working_days IS NOT NULL AND ((approved_at >= ${from} AND approved_at < ${to}) OR (refused_at >= ${from} AND refused_at < ${to}))`;
  const overdueIn = sql`overdue_span && tstzrange(${from}, ${to}, '[)') AND o.at >= ${from} AND o.at < ${to}`;
  const { rows } = await sql<{ section: Section; key: string | null; metric: string | null; n: string; median: number | null }>`
    SELECT 'figure' AS section, office AS key, metric, count(*) AS n, NULL::float8 AS median FROM (
      SELECT receiving_office AS office, 'received' AS metric FROM ${t} WHERE kind = 'application' AND ${inMonth('received_at')}
      UNION ALL SELECT competent_office, 'notified' FROM ${t} WHERE kind = 'notified' AND ${inMonth('received_at')}
      UNION ALL SELECT transferred_to, 'transferredIn' FROM ${t} WHERE ${inMonth('transferred_at')}
      UNION ALL SELECT transferred_from, 'transferredOut' FROM ${t} WHERE ${inMonth('transferred_at')}
      UNION ALL SELECT competent_office, 'approved' FROM ${t} WHERE ${inMonth('approved_at')}
      UNION ALL SELECT competent_office, 'refused' FROM ${t} WHERE ${inMonth('refused_at')}
      UNION ALL SELECT competent_office, 'withdrawn' FROM ${t} WHERE ${inMonth('withdrawn_at')}
      UNION ALL SELECT competent_office, 'deemedWithdrawn' FROM ${t} WHERE ${inMonth('deemed_withdrawn_at')}
      UNION ALL SELECT receiving_office, 'greenChannel' FROM ${t} WHERE kind = 'application' AND green_channel AND ${inMonth('received_at')}
      UNION ALL SELECT competent_office, 'preliminaryAid' FROM ${t} WHERE ${inMonth('preliminary_aid_at')}
      UNION ALL SELECT competent_office, 'overdue' FROM ${t} WHERE ever_overdue AND ${inMonth('received_at')}
      UNION ALL SELECT receiving_office, 'lateCustodyForwarding' FROM ${t} WHERE custody_late AND ${inMonth('received_at')}
      UNION ALL SELECT competent_office, 'qualityReviewed' FROM ${t} WHERE ${inMonth('quality_reviewed_at')}
      UNION ALL SELECT competent_office, 'qualityExcellentOrGood' FROM ${t} WHERE quality_grade IN ('excellent', 'good') AND ${inMonth('quality_reviewed_at')}
    ) figures WHERE office IS NOT NULL GROUP BY office, metric
    UNION ALL SELECT 'station_received', receiving_org, NULL, count(*), NULL FROM ${t}
      WHERE kind = 'application' AND receiving_org <> receiving_office AND ${inMonth('received_at')} GROUP BY receiving_org
    UNION ALL SELECT 'office_decided', ${byOffice}, NULL, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY decision_working_days)
      FROM ${t} WHERE ${decided} GROUP BY 2
    UNION ALL SELECT 'station_decided', ${byStation}, NULL, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY decision_working_days)
      FROM ${t} WHERE ${decided} GROUP BY 2
    UNION ALL SELECT 'office_overdue', ${byOffice}, o.kind, count(*), NULL
      FROM ${t}, jsonb_to_recordset(overdue_log) AS o(kind text, at timestamptz) WHERE ${overdueIn} GROUP BY 2, 3
    UNION ALL SELECT 'station_overdue', ${byStation}, o.kind, count(*), NULL
      FROM ${t}, jsonb_to_recordset(overdue_log) AS o(kind text, at timestamptz) WHERE ${overdueIn} GROUP BY 2, 3`.execute(db);
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

type Section = 'figure' | 'station_received' | 'office_decided' | 'station_decided' | 'office_overdue' | 'station_overdue';

const noTimes = (): DecisionTimes => ({ decisions: 0, medianWorkingDaysToDecision: null, overdueByLimit: Object.fromEntries(overdueLimits.map((l) => [l, 0])) as OverdueByLimit });

/**
 * Per office (the competent one) and per station (the receiving one, when not an office): the decisions
 * made in [from, to) with the median of their working days, and the limits that fell due overdue in it.
 */
function decisionTimesOf(rows: readonly { section: Section; key: string | null; metric: string | null; n: string; median: number | null }[]) {
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
