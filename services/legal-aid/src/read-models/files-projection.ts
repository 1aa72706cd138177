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
import type { LegalAidFileRow } from './tables.js';

export const FILES_PROJECTION = 'legal_aid_files';
const FILE_PREFIX = `${legalAidStreamCategory}-`;

export const filesProjectionOf = (hashKey: string, calendar: () => WorkingCalendar) =>
  defineProjection({
    name: FILES_PROJECTION,
    // 2: the lawyers' load index; overdue per limit and the working days to a decision (statistics); provisional years.
    // 3: statistics by index: overdue_span (GiST), the other moments counted per month (partial btrees).
    // 4: the worklist's indexes for its pages by receipt and by number.
    version: 4,
    streamCategories: [legalAidStreamCategory, numberingStreamCategory],
    tables: ['legal_aid_files', 'legal_aid_numbers'],

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
      // Every list is scoped by reach: parties (who sees it) and worklist_orgs (who has work on it now).
      await sql`CREATE INDEX ON ${files} USING gin (parties)`.execute(trx);
      await sql`CREATE INDEX ON ${files} USING gin (worklist_orgs) WHERE open`.execute(trx);
      await sql`CREATE INDEX ON ${files} (application_number)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (recipient_identity_hash)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (applicant_identity_hash)`.execute(trx);
      // A family name and one more character: a prefix match.
      await sql`CREATE INDEX ON ${files} (recipient_name text_pattern_ops)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (received_at)`.execute(trx);
      // The worklist's pages (worklist.ts), green channel first, as its sorts write them. By next deadline
      // has none: "overdue first" is judged at the walk's instant, which no index can hold; a station's
      // or district's open files are few enough to sort once their reach has found them (the gin index).
      await sql`CREATE INDEX ON ${files} (green_channel DESC, received_at, case_id) WHERE open`.execute(trx);
      await sql`CREATE INDEX ON ${files} (green_channel DESC, (application_number IS NULL), COALESCE(application_number, ''), case_id) WHERE open`.execute(trx);
      // 当前承办量: open assigned cases per lawyer (suggestions by load, the conflict check).
      await sql`CREATE INDEX ON ${files} (lawyer_id) WHERE lawyer_id IS NOT NULL AND closed_at IS NULL`.execute(trx);
      await sql`CREATE INDEX ON ${files} (approved_at)`.execute(trx);
      await sql`CREATE INDEX ON ${files} (case_id) WHERE provisional_years <> '{}'`.execute(trx);
      await sql`CREATE INDEX ON ${files} (refused_at)`.execute(trx);
      // Statistics count each moment per month: an index each, holding only the files that have it.
      for (const moment of ['transferred_at', 'withdrawn_at', 'deemed_withdrawn_at', 'preliminary_aid_at', 'quality_reviewed_at']) {
        await sql`CREATE INDEX ON ${files} (${sql.ref(moment)}) WHERE ${sql.ref(moment)} IS NOT NULL`.execute(trx);
      }
      // Overdue per limit and month: only the files whose limits fell due overdue within the month are expanded.
      await sql`CREATE INDEX ON ${files} USING gist (overdue_span) WHERE overdue_span IS NOT NULL`.execute(trx);
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

async function handleFiles(trx: ReadModelTransaction, events: readonly RecordedEvent[], tables: TableNames<'legal_aid_files' | 'legal_aid_numbers'>, hashKey: string, calendar: WorkingCalendar) {
  if (events.length === 0) return;
  const ids = [...new Set(events.map(caseIdOf))];
  const rows = new Map<string, LegalAidFileRow>();
  const stored = await sql<LegalAidFileRow>`SELECT * FROM ${sql.table(tables.legal_aid_files)} WHERE case_id = ANY(${ids}::text[])`.execute(trx);
  for (const row of stored.rows) rows.set(row.case_id, row);
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
  for (const [id, fileEvents] of byFile) {
    const next = applyEventsToRow(rows.get(id), fileEvents, { caseId: id, hashKey, calendar });
    if (next) rows.set(id, next);
  }
  if (submittedIds.length > 0) {
    await trx.updateTable(tables.legal_aid_numbers).set({ completed: true }).where('application_id', 'in', submittedIds).execute();
  }
  if (rows.size === 0) return;
  const json = (value: unknown) => (value === null || typeof value === 'string' ? value : JSON.stringify(value));
  const values = [...rows.values()].map((row) => ({ ...row, file_state: JSON.stringify(row.file_state), overdue_log: json(row.overdue_log) ?? '[]', decision_clock: json(row.decision_clock) }));
  const columns = Object.keys(values[0] as object).filter((c) => c !== 'case_id');
  await trx
    .insertInto(tables.legal_aid_files)
    .values(values)
    .onConflict((conflict) => conflict.column('case_id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
    .execute();
}

function caseIdOf(recorded: RecordedEvent): string {
  return recorded.streamName.slice(FILE_PREFIX.length);
}
