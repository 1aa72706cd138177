// The bench's read model written directly (the rebuild's limit, and `BENCH_READS_FROM=limit`): each
// application's events (histories.ts) folded into its row by the projection's own fold (file-row.ts),
// its worklist rows, the worklists' counts and its statistics' counts as the projection derives them, then written by batched
// multi-row INSERTs. No event store, no projection engine: the rows the projection would have written.
import type { WorkingCalendar } from '@bureau/working-calendar';
import type { Kysely } from 'kysely';
import type { OfficeDirectory } from '../src/domain/index.js';
import { applyEventsToRow } from '../src/read-models/file-row.js';
import { figureChanges, writeFigureChanges } from '../src/read-models/monthly-figures.js';
import type { LegalAidFileRow } from '../src/read-models/tables.js';
import { countChanges, writeCountChanges, type WorklistCountChange } from '../src/read-models/worklist-counts.js';
import { worklistRowsOf } from '../src/read-models/worklist-rows.js';
import { historyOf } from './histories.js';

export type ReadModelTables = { legal_aid_files: string; legal_aid_worklist: string; legal_aid_worklist_counts: string; legal_aid_figures: string };

/** The files' rows of applications [from, to) of `n`, as the projection folds them. */
export function fileRowsOf(from: number, to: number, n: number, offices: OfficeDirectory, hashKey: string, calendar: WorkingCalendar, recordedAt: Date): { rows: LegalAidFileRow[]; events: number } {
  const rows: LegalAidFileRow[] = [];
  let events = 0;
  for (let i = from; i < to; i += 1) {
    const history = historyOf(i, n, offices).map((event, revision) => ({ event, revision: BigInt(revision), recordedAt }));
    events += history.length;
    const row = applyEventsToRow(undefined, history, { caseId: `bench-${i}`, hashKey, calendar });
    if (row) rows.push(row);
  }
  return { rows, events };
}

/** jsonb values as the text a multi-row INSERT binds (the bench's limit has always sent them so). */
const asJson = (v: unknown) => (v === null || typeof v === 'string' || v instanceof Date || typeof v !== 'object' || Array.isArray(v) ? v : JSON.stringify(v));
export const fileInsertRow = (r: LegalAidFileRow) => ({ ...r, file_state: asJson(r.file_state), overdue_log: JSON.stringify(r.overdue_log), decision_clock: asJson(r.decision_clock) });

/**
 * Writes `n` applications' rows into `tables` by multi-row INSERTs of 500 rows, the counts once at the
 * end (the statistics': one row per month, section, office and figure; the worklists': one per set of
 * organisations and filter). Returns the events folded and the rows written per table.
 */
export async function writeReadModel(db: Kysely<any>, tables: ReadModelTables, n: number, options: { offices: OfficeDirectory; hashKey: string; calendar: WorkingCalendar; recordedAt: Date; say?: (line: string) => void }) {
  const counts = { events: 0, files: 0, worklist: 0, worklistCounts: 0, figures: 0 };
  const worklistCounts = new Map<string, WorklistCountChange>();
  const figures = new Map<string, Parameters<typeof writeFigureChanges>[2][number]>();
  for (let from = 0; from < n; from += 500) {
    const { rows, events } = fileRowsOf(from, Math.min(n, from + 500), n, options.offices, options.hashKey, options.calendar, options.recordedAt);
    counts.events += events;
    await db.insertInto(tables.legal_aid_files).values(rows.map(fileInsertRow)).execute();
    const worklist = rows.flatMap((r) => worklistRowsOf(r));
    if (worklist.length > 0) await db.insertInto(tables.legal_aid_worklist).values(worklist).execute();
    for (const change of countChanges(rows.map((r) => [undefined, r] as const))) {
      const key = JSON.stringify([change.worklist_orgs, change.awaiting_materials, change.transferred_in]);
      worklistCounts.set(key, { ...change, n: (worklistCounts.get(key)?.n ?? 0) + change.n });
    }
    for (const change of figureChanges(rows.map((r) => [undefined, r] as const))) {
      const key = `${change.month}|${change.section}|${change.key}|${change.metric}|${change.days}`;
      const found = figures.get(key);
      figures.set(key, found ? { ...found, n: found.n + change.n } : change);
    }
    counts.files += rows.length;
    counts.worklist += worklist.length;
    if (options.say && from % 50_000 === 0 && from > 0) options.say(`read model: ${from} of ${n} files written`);
  }
  const changes = [...figures.values()];
  for (let i = 0; i < changes.length; i += 5_000) await writeFigureChanges(db as never, tables.legal_aid_figures, changes.slice(i, i + 5_000));
  counts.figures = changes.length;
  await writeCountChanges(db as never, tables.legal_aid_worklist_counts, [...worklistCounts.values()]);
  counts.worklistCounts = worklistCounts.size;
  return counts;
}
