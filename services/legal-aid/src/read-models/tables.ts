// The legal-aid read models as Kysely sees them (through the projection engine's views). One interface
// per table; nullable columns as `T | null`. Identity numbers and phones are held masked, with a keyed
// hash for look-ups: never the raw value.
import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json = ColumnType<unknown, string, string>;

/** One row per file (an application or a notified case), current as of `revision` of its stream. */
export interface LegalAidFileTable {
  case_id: string;
  kind: 'application' | 'notified' | 'announced';
  application_number: string | null;
  status: string;
  open: boolean;
  /** Who sees the file: receiving organisation, holder, competent office, the office that transferred it out. */
  parties: string[];
  /** Who has work on it now (its worklist): the holder and competent office, and the receiver until a transfer is received. */
  worklist_orgs: string[];
  receiving_org: string;
  receiving_office: string | null;
  competent_office: string | null;
  holder_office: string | null;
  transferred_from: string | null;
  transferred_to: string | null;
  transferred_at: NullableTimestamp;
  transfer_received_at: NullableTimestamp;
  channel: string | null;
  matter_type: string | null;
  green_channel: boolean;
  custody_late: boolean;
  recipient_name: string | null;
  /** The recipient's name normalised for the partial-name search (name-key.ts), and its first two characters (the index's key). */
  name_normalised: string | null;
  name_key: string | null;
  recipient_document_type: string | null;
  recipient_document_masked: string | null;
  recipient_identity_hash: string | null;
  applicant_identity_hash: string | null;
  recipient_birth_date: string | null;
  recipient_phone_masked: string | null;
  opposing_party: string | null;
  received_at: Timestamp;
  next_due_at: NullableTimestamp;
  next_due_kind: string | null;
  overdue_recorded: boolean;
  /** Any limit of the file was ever recorded overdue (statistics). */
  ever_overdue: boolean;
  overdue_kinds: string[];
  /** Each limit recorded overdue: `[{ kind, at }]`, `at` the moment it fell due (statistics per limit and month). */
  overdue_log: Json;
  /** `[first, last]` of the moments in overdue_log (tstzrange; null: never overdue). */
  overdue_span: string | null;
  /** Years the running limits were counted in by weekday alone (no official calendar yet): recounted when loaded. */
  provisional_years: number[];
  /** The review clock as statistics count it (src/read-models/decision-clock.ts). */
  decision_clock: ColumnType<unknown, string | null, string | null>;
  /** Working days from the clock's start to approval or refusal, pauses left out. */
  decision_working_days: number | null;
  approved_at: NullableTimestamp;
  refused_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  deemed_withdrawn_at: NullableTimestamp;
  preliminary_aid_at: NullableTimestamp;
  lawyer_id: string | null;
  firm_id: string | null;
  closed_at: NullableTimestamp;
  quality_grade: string | null;
  quality_reviewed_at: NullableTimestamp;
  /** The decider's state with every person masked: the next event is folded on it. */
  file_state: Json;
  revision: ColumnType<string, string, string>;
  updated_at: Timestamp;
}

/** One row per application number allocated; `completed` once its application's stream holds the receipt. */
export interface LegalAidNumberTable {
  numbering_stream: string;
  sequence: number;
  application_number: string;
  application_id: string;
  allocated_at: Timestamp;
  completed: boolean;
}

/**
 * 工作清单: one narrow row per organisation with work on an open file and that file, what a worklist
 * filters, sorts and shows (a station's list reads only these, not the files' wide rows with their folded
 * state). Kept with the file's row, in the same batch (worklist-rows.ts).
 */
export type LegalAidWorklistTable = Pick<LegalAidFileTable, (typeof listedColumns)[number] | 'worklist_orgs' | 'transfer_received_at' | 'transferred_to'> & {
  /** The organisation whose list the row is in (one of the file's `worklist_orgs`). */
  organisation: string;
  /** Its position in `worklist_orgs`, from 1: a list over several organisations reads the rows at 1 (each file once). */
  place: number;
};

/** 工作清单's counts, kept per set of worklist organisations and filter (worklist-counts.ts). */
export interface LegalAidWorklistCountTable {
  worklist_orgs: string[];
  awaiting_materials: boolean;
  transferred_in: boolean;
  n: number;
}

/**
 * The statistics kept as counts (monthly-figures.ts): per Beijing-time month, section (an office's figure,
 * a station's receipts, decisions, overdue limits), office or station, and figure; `days` the working
 * days to a decision (their median comes from these counts), -1 elsewhere.
 */
export interface LegalAidFigureTable {
  month: string;
  section: string;
  key: string;
  metric: string;
  days: number;
  n: number;
}

export type LegalAidReadDatabase = {
  legal_aid_files: LegalAidFileTable;
  legal_aid_numbers: LegalAidNumberTable;
  legal_aid_worklist: LegalAidWorklistTable;
  legal_aid_worklist_counts: LegalAidWorklistCountTable;
  legal_aid_figures: LegalAidFigureTable;
};

export type LegalAidFileRow = Selectable<LegalAidFileTable>;

/** What a list entry shows (worklist, search): never the folded state, which is large. */
export const listedColumns = [
  'case_id', 'kind', 'application_number', 'status', 'receiving_org', 'competent_office', 'holder_office', 'transferred_from', 'matter_type',
  'green_channel', 'recipient_name', 'recipient_document_masked', 'recipient_phone_masked', 'received_at', 'next_due_at', 'next_due_kind', 'overdue_recorded',
] as const satisfies readonly (keyof LegalAidFileTable)[];
export type ListedFileRow = Pick<LegalAidFileRow, (typeof listedColumns)[number]>;
