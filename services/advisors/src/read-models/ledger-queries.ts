// Queries over the ledger read model. `offices`: the judicial offices within the caller's reach (null:
// the whole city). Each takes the database first.
import { sql, type Kysely } from 'kysely';
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

/**
 * The ledger months of a period (`from`..`to`, inclusive months) within reach, for the figures routes: no
 * row limit (a district-year is villages x 12 rows). `villageIds` narrows to some villages; `advisorId` to
 * months where that advisor has an entry (jsonb containment on the stored state).
 */
export async function ledgerMonthsBetween(db: Kysely<AdvisorsReadDatabase>, filter: { offices: readonly string[] | null; from: string; to: string; villageIds?: readonly string[]; advisorId?: string }): Promise<LedgerMonthRow[]> {
  if (filter.offices !== null && filter.offices.length === 0) return [];
  if (filter.villageIds !== undefined && filter.villageIds.length === 0) return [];
  let query = db.selectFrom('advisors_ledger_months').select(['village_id', 'judicial_office_id', 'month', 'status', 'state'])
    .where('month', '>=', filter.from).where('month', '<=', filter.to);
  if (filter.offices !== null) query = query.where('judicial_office_id', 'in', [...filter.offices]);
  if (filter.villageIds !== undefined) query = query.where('village_id', 'in', [...filter.villageIds]);
  if (filter.advisorId !== undefined) {
    const probe = JSON.stringify({ entries: [{ content: { advisorId: filter.advisorId } }] });
    query = query.where(sql<boolean>`state @> ${probe}::jsonb`);
  }
  const rows = await query.orderBy('month').orderBy('village_id').execute();
  return rows.map((r) => ({ villageId: r.village_id, judicialOfficeId: r.judicial_office_id, month: r.month, status: r.status, state: r.state }));
}
