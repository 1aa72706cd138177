// Queries over the ledger read model. `offices`: the judicial offices within the caller's reach (null:
// the whole city). Each takes the database first.
import type { Kysely } from 'kysely';
import type { LedgerMonthState } from '../domain/index.js';
import type { AdvisorsReadDatabase } from './tables.js';

export interface LedgerMonthRow {
  readonly villageId: string;
  readonly judicialOfficeId: string;
  readonly month: string;
  readonly status: 'open' | 'in_review' | 'approved';
  readonly state: LedgerMonthState;
}

export async function ledgerMonths(db: Kysely<AdvisorsReadDatabase>, filter: { offices: readonly string[] | null; month?: string; statuses?: readonly string[]; upToMonth?: string }): Promise<LedgerMonthRow[]> {
  if (filter.offices !== null && filter.offices.length === 0) return [];
  let query = db.selectFrom('advisors_ledger_months').select(['village_id', 'judicial_office_id', 'month', 'status', 'state']);
  if (filter.offices !== null) query = query.where('judicial_office_id', 'in', [...filter.offices]);
  if (filter.month) query = query.where('month', '=', filter.month);
  if (filter.upToMonth) query = query.where('month', '<=', filter.upToMonth);
  if (filter.statuses) query = query.where('status', 'in', [...filter.statuses] as ('open' | 'in_review' | 'approved')[]);
  const rows = await query.orderBy('month').orderBy('village_id').limit(5_000).execute();
  return rows.map((r) => ({ villageId: r.village_id, judicialOfficeId: r.judicial_office_id, month: r.month, status: r.status, state: r.state }));
}
