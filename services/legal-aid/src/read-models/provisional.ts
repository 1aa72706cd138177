// The files whose running limits were counted provisionally (a year with no official calendar loaded):
// the ones to count again when the year is loaded, and what the administrator is told meanwhile.
import { sql, type Kysely } from 'kysely';
import type { LegalAidReadDatabase } from './tables.js';

/** Every file with a provisional running limit, for the recount. */
export async function filesWithProvisionalDeadlines(db: Kysely<LegalAidReadDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('legal_aid_files').select('case_id').where(sql<boolean>`provisional_years <> '{}'`).orderBy('case_id').execute();
  return rows.map((r) => r.case_id);
}

/**
 * The years waiting for their official calendar, each with its count of files; within `parties` (a file
 * any of them sees), null: every file (the readiness warning, which names no district).
 */
export async function provisionalSummary(db: Kysely<LegalAidReadDatabase>, parties: readonly string[] | null = null): Promise<{ year: number; files: number }[]> {
  const { rows } = await sql<{ year: number; files: string }>`
    SELECT y.year, count(*) AS files FROM legal_aid_files f, unnest(f.provisional_years) AS y(year)
    WHERE f.provisional_years <> '{}'
      ${parties === null ? sql`` : sql`AND f.parties && ${parties.length > 0 ? [...parties] : ['']}::text[]`}
    GROUP BY y.year ORDER BY y.year`.execute(db);
  return rows.map((r) => ({ year: Number(r.year), files: Number(r.files) }));
}

/** What /readyz says (the service stays ready): null when nothing waits for a calendar year. */
export function provisionalWarning(summary: readonly { year: number; files: number }[]): string | null {
  if (summary.length === 0) return null;
  const years = summary.map((y) => y.year).join(', ');
  const files = summary.reduce((n, y) => Math.max(n, y.files), 0);
  return `${years}年的官方工作日历尚未加载：${files}件法律援助案件的时限按周末暂算，加载后自动重算 / no official working-day calendar is loaded for ${years}: ${files} legal-aid file(s) have provisional limits (weekends only), recounted when the year is loaded (PUT /calendar/years/:year)`;
}
