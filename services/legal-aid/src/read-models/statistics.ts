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
/** 优良率 = (优秀 + 良好) / reviewed. */
export type OfficeStatistics = Record<StatisticName, number> & { greenChannelShare: number | null; excellentOrGoodRate: number | null };

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

/** The figures for [from, to): a month (monthBounds) or a year (yearBounds). */
export async function officeStatistics(db: Kysely<LegalAidReadDatabase>, [from, to]: [Date, Date], withinReach: (organisationId: string) => boolean) {
  const t = sql.table('legal_aid_files');
  const inMonth = (column: string) => sql`${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to}`;
  const { rows } = await sql<{ office: string | null; metric: StatisticName; n: string }>`
    SELECT office, metric, count(*) AS n FROM (
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
    ) figures WHERE office IS NOT NULL GROUP BY office, metric`.execute(db);
  const stations = await sql<{ station: string; n: string }>`
    SELECT receiving_org AS station, count(*) AS n FROM ${t}
    WHERE kind = 'application' AND receiving_org <> receiving_office AND ${inMonth('received_at')} GROUP BY receiving_org`.execute(db);
  const offices = new Map<string, OfficeStatistics>();
  const blank = (): OfficeStatistics => ({ ...Object.fromEntries(statisticNames.map((n) => [n, 0])) as Record<StatisticName, number>, greenChannelShare: null, excellentOrGoodRate: null });
  for (const row of rows) {
    if (row.office === null || !withinReach(row.office)) continue;
    const figures = offices.get(row.office) ?? blank();
    figures[row.metric] = Number(row.n);
    offices.set(row.office, figures);
  }
  for (const figures of offices.values()) {
    figures.greenChannelShare = figures.received > 0 ? figures.greenChannel / figures.received : null;
    figures.excellentOrGoodRate = figures.qualityReviewed > 0 ? figures.qualityExcellentOrGood / figures.qualityReviewed : null;
  }
  return {
    offices: [...offices.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([officeId, figures]) => ({ officeId, ...figures })),
    stations: stations.rows.filter((r) => withinReach(r.station)).map((r) => ({ stationId: r.station, received: Number(r.n) })).sort((a, b) => a.stationId.localeCompare(b.stationId)),
  };
}
