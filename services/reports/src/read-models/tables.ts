// The report's read model: each fact's versions (one row per change, with the position and time of the
// event that recorded it and of the one that superseded it), and per stream the fold it was computed from.
import type { Generated } from 'kysely';

export interface ReportFactsTable {
  fact_id: string;
  version: number;
  kind: string;
  org_id: string;
  occurred_at: Date;
  case_kind: string;
  case_id: string;
  value: number;
  dims: Record<string, string>;
  /** False: the fact stopped counting (a voided entry, a returned order's overdue …) at this version. */
  present: boolean;
  stream_name: string;
  event_id: string;
  event_type: string;
  recorded_at: Date;
  commit_pos: string;
  prepare_pos: string;
  superseded_commit: string | null;
  superseded_prepare: string | null;
  superseded_at: Date | null;
}

export interface ReportStreamsTable {
  stream_name: string;
  summary: unknown;
  facts: Record<string, { version: number; present: boolean; fact: unknown }>;
  updated_at: Generated<Date>;
}

/** Tallies a report's counts are made of, kept by what they count over and the position counted to (kept-tallies.ts). */
export interface ReportTalliesTable {
  tally_key: string;
  scope_id: string;
  period_id: string;
  standing: string;
  commit_pos: string;
  prepare_pos: string;
  tallies: unknown;
  counted_at: Generated<Date>;
}

/** A type, not an interface, so Kysely's `withTables` accepts it. */
export type ReportsReadDatabase = {
  report_facts: ReportFactsTable;
  report_streams: ReportStreamsTable;
  report_tallies: ReportTalliesTable;
};
