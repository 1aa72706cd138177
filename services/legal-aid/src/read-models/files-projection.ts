// The legal-aid read models: one row per file (worklists, search, statistics, the duplicate check) and
// one per application number allocated (the reconciler's list of numbers still to complete). Kept by the
// projection engine (exactly once, batched, blue/green rebuild when `version` changes).
import type { RecordedEvent } from '@bureau/event-store';
import { defineProjection, type ReadModelTransaction, type TableNames } from '@bureau/projections';
import type { WorkingCalendar } from '@bureau/working-calendar';
import { sql } from 'kysely';
import { legalAidStreamCategory } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';
import { numberingEvents, numberingStreamCategory } from '../numbering/numbering-events.js';
import { applyEventsToRow, type RowEvent } from './file-row.js';
import { figureChanges, writeFigureChanges } from './monthly-figures.js';
import type { LegalAidFileRow } from './tables.js';
import { countChanges, createWorklistCountsTable, writeCountChanges } from './worklist-counts.js';
import { createWorklistTable, writeWorklistRows } from './worklist-rows.js';

export const FILES_PROJECTION = 'legal_aid_files';
const FILE_PREFIX = `${legalAidStreamCategory}-`;

export const filesProjectionOf = (hashKey: string, calendar: () => WorkingCalendar) =>
  defineProjection({
    name: FILES_PROJECTION,
    // 2: the lawyers' load index; overdue per limit and the working days to a decision (statistics); provisional years.
    // 3: statistics by index: overdue_span (GiST), the other moments counted per month (partial btrees).
    // 4: the worklist's indexes for its pages by receipt and by number.
    // 5: the worklist's own narrow table; statistics as counts kept per month; the name search by its key.
    // 6: the worklist's rows per organisation, in its lists' orders (a page and its count read ranges of a btree).
    // 7: the worklists' counts kept per set of organisations (worklist-counts.ts).
    version: 7,
    streamCategories: [legalAidStreamCategory, numberingStreamCategory],
    tables: ['legal_aid_files', 'legal_aid_numbers', 'legal_aid_worklist', 'legal_aid_worklist_counts', 'legal_aid_figures'],

    async migrate(trx, tables) {
      const files = sql.table(tables.legal_aid_files);
      await sql`CREATE TABLE ${files} (
        case_id text PRIMARY KEY,
        kind text NOT NULL,
        application_number text,
        status text NOT NULL,
        open boolean NOT NULL,
        parties text[] NOT NULL,
        worklist_orgs text[] NOT NULL,
        receiving_org text NOT NULL,
        receiving_office text,
        competent_office text,
        holder_office text,
        transferred_from text,
        transferred_to text,
        transferred_at timestamptz,
        transfer_received_at timestamptz,
        channel text,
        matter_type text,
        green_channel boolean NOT NULL,
        custody_late boolean NOT NULL,
        recipient_name text,
        name_normalised text,
        name_key text,
        recipient_document_type text,
        recipient_document_masked text,
        recipient_identity_hash text,
        applicant_identity_hash text,
        recipient_birth_date text,
        recipient_phone_masked text,
        opposing_party text,
        received_at timestamptz NOT NULL,
        next_due_at timestamptz,
        next_due_kind text,
        overdue_recorded boolean NOT NULL,
        ever_overdue boolean NOT NULL,
        overdue_kinds text[] NOT NULL,
        overdue_log jsonb NOT NULL,
        overdue_span tstzrange,
        provisional_years integer[] NOT NULL,
        decision_clock jsonb,
        decision_working_days integer,
        approved_at timestamptz,
        refused_at timestamptz,
        withdrawn_at timestamptz,
        deemed_withdrawn_at timestamptz,
        preliminary_aid_at timestamptz,
        lawyer_id text,
        firm_id text,
        closed_at timestamptz,
        quality_grade text,
        quality_reviewed_at timestamptz,
        file_state jsonb NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL)`.execute(trx);
      // Search is scoped by reach: parties (who sees the file).
      await sql`CREATE INDEX ON ${files} USING gin (parties)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (application_number)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (recipient_identity_hash)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (applicant_identity_hash)`.execute(trx);
      // The duplicate check's same name and birth date (duplicate-looks.ts).
      await sql`CREATE INDEX ON ${files} (recipient_name text_pattern_ops)`.execute(trx);
      // The partial-name search (name-key.ts): its key, in the search's default order (newest first),
      // holding what the match and the count look at, so a search reads its own matches only.
      await sql`CREATE INDEX ON ${files} (name_key, received_at DESC, case_id DESC) INCLUDE (name_normalised, parties) WHERE name_key IS NOT NULL`.execute(trx);
      await sql`CREATE INDEX ON ${files} (received_at)`.execute(trx);
      // 当前承办量: open assigned cases per lawyer (suggestions by load, the conflict check).
      await sql`CREATE INDEX ON ${files} (lawyer_id) WHERE lawyer_id IS NOT NULL AND closed_at IS NULL`.execute(trx);
      await sql`CREATE INDEX ON ${files} (case_id) WHERE provisional_years <> '{}'`.execute(trx);
      // 工作清单: one narrow row per (organisation with work on it, open file), in its lists' orders (worklist-rows.ts).
      await createWorklistTable(trx, tables.legal_aid_worklist);
      // 共 N 件: the worklists' counts, kept with their rows (worklist-counts.ts).
      await createWorklistCountsTable(trx, tables.legal_aid_worklist_counts);
      // 月度统计: the counts per month (monthly-figures.ts).
      await sql`CREATE TABLE ${sql.table(tables.legal_aid_figures)} (
        month text NOT NULL,
        section text NOT NULL,
        key text NOT NULL,
        metric text NOT NULL,
        days integer NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (month, section, key, metric, days))`.execute(trx);
      const numbers = sql.table(tables.legal_aid_numbers);
      await sql`CREATE TABLE ${numbers} (
        numbering_stream text NOT NULL,
        sequence integer NOT NULL,
        application_number text NOT NULL,
        application_id text NOT NULL,
        allocated_at timestamptz NOT NULL,
        completed boolean NOT NULL,
        PRIMARY KEY (numbering_stream, sequence))`.execute(trx);
      await sql`CREATE INDEX ON ${numbers} (application_id)`.execute(trx);
      await sql`CREATE INDEX ON ${numbers} (allocated_at) WHERE NOT completed`.execute(trx);
    },

    async handle(trx, events, tables) {
      const fileEvents = events.filter((e) => e.streamName.startsWith(FILE_PREFIX));
      const allocations = events.filter((e) => !e.streamName.startsWith(FILE_PREFIX));
      if (allocations.length > 0) {
        await trx
          .insertInto(tables.legal_aid_numbers)
          .values(allocations.map((recorded) => {
            const { data } = numberingEvents.fromRecorded(recorded);
            return {
              numbering_stream: recorded.streamName,
              sequence: data.sequence,
              application_number: data.applicationNumber,
              application_id: data.applicationId,
              allocated_at: recorded.recordedAt,
              completed: false,
            };
          }))
          .onConflict((c) => c.columns(['numbering_stream', 'sequence']).doNothing())
          .execute();
      }
      await handleFiles(trx, fileEvents, tables, hashKey, calendar());
    },
  });

async function handleFiles(trx: ReadModelTransaction, events: readonly RecordedEvent[], tables: TableNames<FilesTable>, hashKey: string, calendar: WorkingCalendar) {
  if (events.length === 0) return;
  // Statements go out as soon as what they need is known, and the events are read and folded while
  // PostgreSQL runs them (on the other core), instead of the two taking turns (InFlight).
  const writes = new InFlight();
  const ids = [...new Set(events.map(caseIdOf))];
  const stored = writes.add(sql<LegalAidFileRow>`SELECT * FROM ${sql.table(tables.legal_aid_files)} WHERE case_id = ANY(${ids}::text[])`.execute(trx));
  await writes.sent();
  // Each file's events of the batch, in order, folded into its row at once (file-row.ts).
  const byFile = new Map<string, RowEvent[]>();
  const submittedIds: string[] = [];
  for (const recorded of events) {
    const id = caseIdOf(recorded);
    const event = legalAidEvents.fromRecorded(recorded);
    if (event.type === 'ApplicationSubmitted') submittedIds.push(id);
    let list = byFile.get(id);
    if (!list) byFile.set(id, (list = []));
    list.push({ event, revision: recorded.revision, recordedAt: recorded.recordedAt });
  }
  if (submittedIds.length > 0) {
    writes.add(trx.updateTable(tables.legal_aid_numbers).set({ completed: true }).where('application_id', 'in', submittedIds).execute());
  }
  const before = new Map<string, LegalAidFileRow>();
  for (const row of (await stored).rows) before.set(row.case_id, row);
  // The files' rows go out a part at a time: one part is written while the next is folded.
  const rows = new Map<string, LegalAidFileRow>();
  let part: LegalAidFileRow[] = [];
  for (const [id, fileEvents] of byFile) {
    const next = applyEventsToRow(before.get(id), fileEvents, { caseId: id, hashKey, calendar });
    if (!next || next === before.get(id)) continue;
    rows.set(id, next);
    part.push(next);
    if (part.length === FILES_PER_PART) {
      writes.add(upsert(trx, tables.legal_aid_files, part));
      await writes.sent();
      part = [];
    }
  }
  if (part.length > 0) writes.add(upsert(trx, tables.legal_aid_files, part));
  if (rows.size > 0) {
    const changes = [...rows.values()].map((row) => [before.get(row.case_id), row] as const);
    // The worklist's rows: the open files' (one per organisation with work on it), none for a file no longer open.
    writes.add(writeWorklistRows(trx, tables.legal_aid_worklist, changes));
    // Their counts, and the statistics' counts: each file's after the batch, less its before (worklist-counts.ts, monthly-figures.ts).
    writes.add(writeCountChanges(trx, tables.legal_aid_worklist_counts, countChanges(changes)));
    writes.add(writeFigureChanges(trx, tables.legal_aid_figures, figureChanges(changes)));
  }
  await writes.done();
}

/** Files folded and upserted together within a batch (a batch of 4,000 events holds about 500). */
const FILES_PER_PART = 128;

/**
 * Statements of one transaction in flight while this process goes on (they run one after another on the
 * transaction's connection, in the order given). Every one is awaited by `done` before the handler
 * returns (so before the commit); one that fails fails `done` and aborts the transaction, so the ones
 * after it fail too and the batch rolls back whole.
 */
class InFlight {
  private readonly pending: Promise<unknown>[] = [];

  add<T>(statement: Promise<T>): Promise<T> {
    // Awaited in done(); handled now, so failing before then is not an unhandled rejection.
    statement.catch(() => undefined);
    this.pending.push(statement);
    return statement;
  }

  /**
   * Lets the connection send what was added (a statement goes out a few promise steps after it is
   * asked for) before the synchronous work that follows.
   */
  async sent(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async done(): Promise<void> {
    await Promise.all(this.pending);
  }
}

type FilesTable = 'legal_aid_files' | 'legal_aid_numbers' | 'legal_aid_worklist' | 'legal_aid_worklist_counts' | 'legal_aid_figures';

/**
 * INSERT … ON CONFLICT (case_id) DO UPDATE of every column, the rows sent as ONE json parameter and
 * spread into the table's own row type by jsonb_populate_recordset: the statement's text is the same
 * for any number of rows, and neither side handles a parameter per cell (a batch of a rebuild is ~120
 * files of ~50 columns: 6,000 parameters bound, and a VALUES list of that size parsed and planned, per
 * batch before). Columns absent from the rows (the worklist's table holds some of the file's) are not
 * in that table either; jsonb values (the folded state, the overdue log, the clock) go in as the
 * objects they are, dates as ISO text, text[] and integer[] as JSON arrays.
 */
async function upsert(trx: ReadModelTransaction, table: string, values: readonly object[]) {
  const columns = Object.keys(values[0] as object);
  const rows = JSON.stringify(values);
  const updates = sql.join(columns.filter((c) => c !== 'case_id').map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${rows}::jsonb)
    ON CONFLICT (case_id) DO UPDATE SET ${updates}`.execute(trx);
}

function caseIdOf(recorded: RecordedEvent): string {
  return recorded.streamName.slice(FILE_PREFIX.length);
}
