// Search within the caller's reach: by application number, by identity document (its keyed hash: the
// raw number is never stored), by partial name (a family name and one more character at least). (The
// duplicate check's candidates are read by duplicate-looks.ts.)
// The search pages by keyset as the worklist does (newest first unless sorted), and counts its matches.
import { readPage, type Page, type PageRequest } from '@bureau/service-kit/paging';
import type { Kysely } from 'kysely';
import { nameKeyOf, normalisedName } from './name-key.js';
import { overlaps } from './scope.js';
import { fileKeys, withTotal } from './worklist.js';
import { listedColumns, type LegalAidReadDatabase, type ListedFileRow } from './tables.js';

export type SearchBy =
  | { readonly kind: 'number'; readonly applicationNumber: string }
  | { readonly kind: 'identity'; readonly hash: string }
  | { readonly kind: 'name'; readonly prefix: string };

/** The search's sorts (the `sort` query's fields). */
export const searchSorts = ['receivedAt', 'applicationNumber'] as const;
export type SearchSort = (typeof searchSorts)[number];

function matching(db: Kysely<LegalAidReadDatabase>, by: SearchBy, reach: readonly string[] | null) {
  let query = db.selectFrom('legal_aid_files').where(overlaps('parties', reach));
  switch (by.kind) {
    case 'number':
      query = query.where('application_number', '=', by.applicationNumber);
      break;
    case 'identity':
      query = query.where((eb) => eb.or([eb('recipient_identity_hash', '=', by.hash), eb('applicant_identity_hash', '=', by.hash)]));
      break;
    case 'name': {
      // By the name's first two characters (the index's key), then the rest of the prefix (name-key.ts).
      const prefix = normalisedName(by.prefix);
      query = query
        .where('name_key', '=', nameKeyOf(prefix))
        .where('name_normalised', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      break;
    }
    default: {
      const unknown: never = by;
      return unknown;
    }
  }
  return query;
}

/** How many files within the caller's reach match (never another district's). */
export async function countSearch(db: Kysely<LegalAidReadDatabase>, by: SearchBy, reach: readonly string[] | null): Promise<number> {
  const { n } = await matching(db, by, reach).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function searchFiles(
  db: Kysely<LegalAidReadDatabase>,
  by: SearchBy,
  reach: readonly string[] | null,
  order: { readonly sort: SearchSort; readonly direction: 'asc' | 'desc'; readonly asOf: Date },
  page: PageRequest,
): Promise<Page<ListedFileRow> & { readonly total: number }> {
  const total = matching(db, by, reach).select((eb) => eb.fn.countAll<string>().as('n')).as('total');
  const keys = fileKeys(order.sort, order.direction, order.asOf);
  const recount = () => countSearch(db, by, reach);
  if (by.kind !== 'name') {
    // A number or a document's hash finds a few files by its index: their rows at once, the count riding along as a column.
    return withTotal(await readPage(matching(db, by, reach).select(listedColumns).select(total), keys, page), page, recount);
  }
  // By name, the page's files first, by what the name's index holds (the name and the parties: a name
  // matched only in other districts is ruled out there, not by reading each of its files' rows: 938 of
  // them for a name's first two characters at 240,000 files), the count riding along; then their rows.
  const ids = matching(db, by, reach)
    .select('case_id')
    .select(total);
  const found = await readPage(ids, keys, page);
  const wanted = found.rows.map((r) => r.case_id);
  const rows = wanted.length === 0 ? [] : await db.selectFrom('legal_aid_files').select(listedColumns).where('case_id', 'in', wanted).execute();
  const byId = new Map(rows.map((r) => [r.case_id, r]));
  const listed = { ...found, rows: found.rows.flatMap((r) => {
    const row = byId.get(r.case_id);
    return row ? [{ ...row, total: r.total }] : [];
  }) };
  return withTotal(listed, page, recount);
}

/** A lawyer's case is open while aid runs: assigned (also preliminary aid during review), not closed or ended. */
const LAWYER_ACTIVE_STATUSES = ['aided', 'in_review', 'awaiting_materials', 'objection_pending'];

/** Open cases of the named lawyers (or recorded under the firm) acting for someone, for the conflict check. */
export async function openCasesOfLawyers(db: Kysely<LegalAidReadDatabase>, lawyerIds: readonly string[], firmId: string | null) {
  if (lawyerIds.length === 0 && firmId === null) return [];
  const rows = await db
    .selectFrom('legal_aid_files')
    .select(['case_id', 'lawyer_id', 'firm_id', 'recipient_name'])
    .where('closed_at', 'is', null)
    .where('status', 'in', LAWYER_ACTIVE_STATUSES)
    .where((eb) => eb.or([
      ...(lawyerIds.length > 0 ? [eb('lawyer_id', 'in', [...lawyerIds])] : []),
      ...(firmId !== null ? [eb('firm_id', '=', firmId)] : []),
    ]))
    .limit(2000)
    .execute();
  return rows.flatMap((r) => (r.lawyer_id && r.firm_id && r.recipient_name ? [{ caseId: r.case_id, lawyerId: r.lawyer_id, firmId: r.firm_id, actsFor: r.recipient_name }] : []));
}

/** 当前承办量: open assigned cases per lawyer, for the suggestions by load. */
export async function caseLoadOf(db: Kysely<LegalAidReadDatabase>, lawyerIds: readonly string[]): Promise<Map<string, number>> {
  if (lawyerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('legal_aid_files')
    .select(['lawyer_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('closed_at', 'is', null)
    .where('status', 'in', LAWYER_ACTIVE_STATUSES)
    .where('lawyer_id', 'in', [...lawyerIds])
    .groupBy('lawyer_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.lawyer_id ? [[r.lawyer_id, Number(r.n)] as const] : [])));
}
