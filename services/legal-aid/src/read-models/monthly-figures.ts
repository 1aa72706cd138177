// 月度统计 kept as counts: each file's row says which figures it counts in (the month, the office or
// station, the figure: figuresOf), and the projection adds the difference between a file's figures
// before and after a batch to `legal_aid_figures`, in the batch's transaction. A month's or a year's
// statistics then read a few dozen count rows instead of scanning the files (statistics.ts). The
// median working days to a decision comes from the counts per number of days (a histogram per month).
// The rules are those the statistics were counted by in SQL before (the README's statistics route).
import { sql, type Kysely } from 'kysely';
import type { ReadModelTransaction } from '@bureau/projections';
import type { LegalAidFileRow, LegalAidReadDatabase } from './tables.js';

export type Section = 'figure' | 'station_received' | 'office_decided' | 'station_decided' | 'office_overdue' | 'station_overdue';

export interface Figure {
  readonly month: string;
  readonly section: Section;
  readonly key: string;
  readonly metric: string;
  /** Working days to the decision (the decided sections), else -1. */
  readonly days: number;
}

/** 'YYYY-MM' of an instant in Beijing time (UTC+8 all year: China keeps no summer time). */
export const monthOf = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

export type FigureRow = Pick<LegalAidFileRow,
  'kind' | 'receiving_org' | 'receiving_office' | 'competent_office' | 'transferred_from' | 'transferred_to' | 'transferred_at' | 'green_channel'
  | 'custody_late' | 'received_at' | 'ever_overdue' | 'overdue_log' | 'decision_working_days' | 'approved_at' | 'refused_at' | 'withdrawn_at'
  | 'deemed_withdrawn_at' | 'preliminary_aid_at' | 'quality_grade' | 'quality_reviewed_at'>;

const dateOf = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/** Every figure a file counts in: offices by the competent office (receipts by the receiving one), stations by the receiving organisation. */
export function figuresOf(row: FigureRow): Figure[] {
  const out: Figure[] = [];
  const add = (section: Section, key: string | null, metric: string, at: Date | string | null, days = -1) => {
    const moment = dateOf(at);
    if (key !== null && moment !== null) out.push({ month: monthOf(moment), section, key, metric, days });
  };
  const application = row.kind === 'application';
  const office = row.competent_office;
  if (application) add('figure', row.receiving_office, 'received', row.received_at);
  if (row.kind === 'notified') add('figure', office, 'notified', row.received_at);
  add('figure', row.transferred_to, 'transferredIn', row.transferred_at);
  add('figure', row.transferred_from, 'transferredOut', row.transferred_at);
  add('figure', office, 'approved', row.approved_at);
  add('figure', office, 'refused', row.refused_at);
  add('figure', office, 'withdrawn', row.withdrawn_at);
  add('figure', office, 'deemedWithdrawn', row.deemed_withdrawn_at);
  if (application && row.green_channel) add('figure', row.receiving_office, 'greenChannel', row.received_at);
  add('figure', office, 'preliminaryAid', row.preliminary_aid_at);
  if (row.ever_overdue) add('figure', office, 'overdue', row.received_at);
  if (row.custody_late) add('figure', row.receiving_office, 'lateCustodyForwarding', row.received_at);
  add('figure', office, 'qualityReviewed', row.quality_reviewed_at);
  if (row.quality_grade === 'excellent' || row.quality_grade === 'good') add('figure', office, 'qualityExcellentOrGood', row.quality_reviewed_at);
  // A station is a receiving organisation that is not the office itself.
  const station = row.receiving_office !== null && row.receiving_org !== row.receiving_office ? row.receiving_org : null;
  if (application) add('station_received', station, '', row.received_at);
  const byOffice = office ?? row.receiving_office;
  const stationOrAnnounced = row.receiving_org !== (row.receiving_office ?? '') ? row.receiving_org : null;
  if (row.decision_working_days !== null) {
    const decidedAt = row.approved_at ?? row.refused_at;
    add('office_decided', byOffice, '', decidedAt, row.decision_working_days);
    add('station_decided', stationOrAnnounced, '', decidedAt, row.decision_working_days);
  }
  const log = (typeof row.overdue_log === 'string' ? JSON.parse(row.overdue_log) : row.overdue_log) as { kind: string; at: string }[];
  for (const entry of log) {
    add('office_overdue', byOffice, entry.kind, entry.at);
    add('station_overdue', stationOrAnnounced, entry.kind, entry.at);
  }
  return out;
}

const keyOf = (f: Figure) => `${f.month}\u0000${f.section}\u0000${f.key}\u0000${f.metric}\u0000${f.days}`;

/** What the files' changes add to (and take from) the counts: each file's figures after, less its figures before. */
export function figureChanges(changes: Iterable<readonly [before: FigureRow | undefined, after: FigureRow]>): (Figure & { n: number })[] {
  const deltas = new Map<string, Figure & { n: number }>();
  const count = (figures: readonly Figure[], by: number) => {
    for (const f of figures) {
      const k = keyOf(f);
      const found = deltas.get(k);
      if (found) found.n += by;
      else deltas.set(k, { ...f, n: by });
    }
  };
  for (const [before, after] of changes) {
    if (before) count(figuresOf(before), -1);
    count(figuresOf(after), 1);
  }
  // In key order: concurrent writers (a replay beside the live projection) take the rows' locks alike.
  return [...deltas.entries()].filter(([, d]) => d.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

/** Adds the changes to the counts (one statement). */
export async function writeFigureChanges(trx: ReadModelTransaction, table: string, changes: readonly (Figure & { n: number })[]): Promise<void> {
  if (changes.length === 0) return;
  await sql`
    INSERT INTO ${sql.table(table)} AS f (month, section, key, metric, days, n)
    SELECT * FROM unnest(${changes.map((c) => c.month)}::text[], ${changes.map((c) => c.section)}::text[], ${changes.map((c) => c.key)}::text[],
                         ${changes.map((c) => c.metric)}::text[], ${changes.map((c) => c.days)}::int[], ${changes.map((c) => c.n)}::int[])
    ON CONFLICT (month, section, key, metric, days) DO UPDATE SET n = f.n + excluded.n`.execute(trx);
}

export interface FigureCount {
  readonly section: Section;
  readonly key: string;
  readonly metric: string;
  readonly n: number;
  /** The decided sections: the median working days (percentile_cont(0.5): the middle one, or the mean of the middle two). */
  readonly median: number | null;
}

/** percentile_cont(0.5) of the days counted `n` times each (as the statistics SQL counted the median before). */
export function medianOf(histogram: readonly { days: number; n: number }[]): number | null {
  const sorted = [...histogram].filter((h) => h.n > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, h) => sum + h.n, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (index < seen) return h.days;
    }
    return sorted.at(-1)?.days ?? 0;
  };
  const middle = (total - 1) / 2;
  return (at(Math.floor(middle)) + at(Math.ceil(middle))) / 2;
}

/** The counts of [from, to), Beijing-time month starts (monthBounds, yearBounds), each figure once, the decided with their median. */
export async function readFigures(db: Kysely<LegalAidReadDatabase>, [from, to]: [Date, Date]): Promise<FigureCount[]> {
  const { rows } = await sql<{ section: Section; key: string; metric: string; days: number; n: number }>`
    SELECT section, key, metric, days, sum(n)::int AS n FROM legal_aid_figures
     WHERE month >= ${monthOf(from)} AND month < ${monthOf(to)}
     GROUP BY section, key, metric, days HAVING sum(n) <> 0`.execute(db);
  const counts = new Map<string, { section: Section; key: string; metric: string; histogram: { days: number; n: number }[] }>();
  for (const row of rows) {
    const k = `${row.section}\u0000${row.key}\u0000${row.metric}`;
    const found = counts.get(k) ?? counts.set(k, { section: row.section, key: row.key, metric: row.metric, histogram: [] }).get(k)!;
    found.histogram.push({ days: row.days, n: row.n });
  }
  return [...counts.values()].map(({ histogram, ...c }) => ({
    ...c,
    n: histogram.reduce((sum, h) => sum + h.n, 0),
    median: c.section === 'office_decided' || c.section === 'station_decided' ? medianOf(histogram) : null,
  }));
}
