// The advisors' read models as Kysely sees them (through the projection engine's views).
import type { ColumnType } from 'kysely';
import type { LedgerMonthState } from '../domain/index.js';

export interface LedgerMonthTable {
  stream_name: string;
  village_id: string;
  /** The owning organisation: every list is scoped by it. */
  judicial_office_id: string;
  month: string;
  status: 'open' | 'in_review' | 'approved';
  /** The ledger as it stands, each entry with its history (the decider's fold). Personal data inside. */
  state: ColumnType<LedgerMonthState, string, string>;
  revision: ColumnType<string, string, string>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}

/** A type, not an interface, so Kysely's `withTables` accepts it. */
export type AdvisorsReadDatabase = {
  advisors_ledger_months: LedgerMonthTable;
};
