// 工作清单's table: one narrow row per (organisation with work on the file, open file), so that one
// organisation's list is a range of a btree in the list's own order (worklist.ts reads a page from a
// few ranges and stops, and counts by an index-only scan), not a set found by an array's gin index and
// sorted whole on every request. A file is in 1-3 lists (receiver, holder, competent office): `place`
// is the organisation's position in the file's `worklist_orgs`: a list over several organisations reads
// each file's first row only, so it takes each file once.
import { sql } from 'kysely';
import type { ReadModelTransaction } from '@bureau/projections';
import { listedColumns, type LegalAidFileRow, type LegalAidWorklistTable } from './tables.js';

/** The worklist's key for "by next deadline": a file with none sorts last. */
export const NEXT_DUE = sql`COALESCE(next_due_at, 'infinity'::timestamptz)`;

/** The table and its indexes (called by the files projection's migrate: the limit's copy gets the same). */
export async function createWorklistTable(trx: ReadModelTransaction, table: string): Promise<void> {
  const worklist = sql.table(table);
  await sql`CREATE TABLE ${worklist} (
    organisation text NOT NULL,
    place integer NOT NULL,
    case_id text NOT NULL,
    kind text NOT NULL,
    application_number text,
    status text NOT NULL,
    worklist_orgs text[] NOT NULL,
    receiving_org text NOT NULL,
    competent_office text,
    holder_office text,
    transferred_from text,
    transferred_to text,
    transfer_received_at timestamptz,
    matter_type text,
    green_channel boolean NOT NULL,
    recipient_name text,
    recipient_document_masked text,
    recipient_phone_masked text,
    received_at timestamptz NOT NULL,
    next_due_at timestamptz,
    next_due_kind text,
    overdue_recorded boolean NOT NULL,
    PRIMARY KEY (case_id, organisation))`.execute(trx);
  // By next deadline (the default): an organisation's files per green channel and recorded-overdue flag
  // are each a range in deadline order; "overdue first" at the walk's instant is then two ranges of each
  // (due before it, due after), read in turn (worklist.ts). The count of a list is an index-only scan.
  await sql`CREATE INDEX ON ${worklist} (organisation, green_channel, overdue_recorded, ${NEXT_DUE}, received_at, case_id)`.execute(trx);
  // By receipt and by number, green channel first.
  await sql`CREATE INDEX ON ${worklist} (organisation, green_channel DESC, received_at, case_id)`.execute(trx);
  await sql`CREATE INDEX ON ${worklist} (organisation, green_channel DESC, (application_number IS NULL), COALESCE(application_number, ''), case_id)`.execute(trx);
  // Lists over several organisations (a district's, the city's) take each file once, from its first
  // row (`place` 1, the same file whichever reach): found by the reach's overlap with the file's
  // organisations, or walked in deadline order and filtered by it, whichever the planner finds cheaper.
  await sql`CREATE INDEX ON ${worklist} USING gin (worklist_orgs) WHERE place = 1`.execute(trx);
  await sql`CREATE INDEX ON ${worklist} (green_channel, overdue_recorded, ${NEXT_DUE}, received_at, case_id) WHERE place = 1`.execute(trx);
}

const worklistColumns = [
  ...listedColumns, 'worklist_orgs', 'transfer_received_at', 'transferred_to',
] as const satisfies readonly (keyof LegalAidWorklistTable)[];

/** The worklist's rows of a file: one per organisation with work on it while it is open, none once it is not. */
export function worklistRowsOf(row: LegalAidFileRow): LegalAidWorklistTable[] {
  if (!row.open) return [];
  const shared = {} as Record<string, unknown>;
  for (const column of worklistColumns) shared[column] = row[column];
  return row.worklist_orgs.map((organisation, i) => ({ organisation, place: i + 1, ...shared }) as LegalAidWorklistTable);
}

/**
 * The worklist's rows after a batch: a changed file that had rows loses them, an open one gets its rows
 * anew (its organisations may have changed: a transfer received takes it off the receiver's list). The
 * rows go as one json parameter, as the files' upsert sends them (files-projection.ts).
 */
export async function writeWorklistRows(trx: ReadModelTransaction, table: string, changes: readonly (readonly [before: LegalAidFileRow | undefined, after: LegalAidFileRow])[]): Promise<void> {
  const stale = changes.flatMap(([before, after]) => (before?.open ? [after.case_id] : []));
  if (stale.length > 0) await sql`DELETE FROM ${sql.table(table)} WHERE case_id = ANY(${stale}::text[])`.execute(trx);
  const rows = changes.flatMap(([, after]) => worklistRowsOf(after));
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).map((c) => sql.ref(c));
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns)})
    SELECT ${sql.join(columns)} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(trx);
}
