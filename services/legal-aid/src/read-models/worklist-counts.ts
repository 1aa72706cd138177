// 工作清单's count (共 N 件), kept by the files projection instead of counted on every page: how many open
// files there are per set of organisations with work on them (`worklist_orgs`), per what a worklist's
// count can be filtered by without a clock (waiting for materials, transferred in). A list's count is
// then the sum of the few rows whose set holds the list's organisation (and meets the caller's reach),
// whatever the list's length, where counting its rows read the organisation's whole range of the
// worklist's btree (12,000 entries for a station at the bench's 240,000 applications: about 1.7 ms).
// Written in the same transaction as the worklist's rows it counts (worklist-rows.ts), so it is exact
// after a crash (the batch rolls back whole) and after a rebuild (a new generation counts from nothing).
// A filter on the instant (overdue, due today) is not kept: those counts are counted from the rows.
import { sql, type Kysely } from 'kysely';
import type { ReadModelTransaction } from '@bureau/projections';
import type { LegalAidFileRow, LegalAidReadDatabase } from './tables.js';
import type { ListShape, ListValues } from './worklist-asked.js';

/** What a file adds to one row of the counts. */
export interface WorklistCountKey {
  /** The file's worklist organisations, sorted (a set: the same files count in one row whatever their order). */
  readonly worklist_orgs: readonly string[];
  readonly awaiting_materials: boolean;
  readonly transferred_in: boolean;
}
export type WorklistCountChange = WorklistCountKey & { readonly n: number };

export async function createWorklistCountsTable(trx: ReadModelTransaction, table: string): Promise<void> {
  await sql`CREATE TABLE ${sql.table(table)} (
    worklist_orgs text[] NOT NULL,
    awaiting_materials boolean NOT NULL,
    transferred_in boolean NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (worklist_orgs, awaiting_materials, transferred_in))`.execute(trx);
}

/** Where an open file counts, as the worklist's filters judge it (worklist.ts: `waitingForMaterials`, `transferredIn`); an open file counts once. */
export function countKeyOf(row: LegalAidFileRow): WorklistCountKey | null {
  if (!row.open || row.worklist_orgs.length === 0) return null;
  return {
    worklist_orgs: [...row.worklist_orgs].sort(),
    awaiting_materials: row.status === 'awaiting_materials',
    transferred_in: row.transfer_received_at !== null && row.holder_office !== null && row.holder_office === row.transferred_to,
  };
}

const keyText = (k: WorklistCountKey) => `${k.worklist_orgs.join('\u0000')}\u0001${k.awaiting_materials}\u0001${k.transferred_in}`;

/** What a batch's changed files (each before and after it) add to and take from the counts; nothing for what did not move. */
export function countChanges(changes: readonly (readonly [before: LegalAidFileRow | undefined, after: LegalAidFileRow])[]): WorklistCountChange[] {
  const deltas = new Map<string, { key: WorklistCountKey; n: number }>();
  const count = (key: WorklistCountKey | null, by: number) => {
    if (key === null) return;
    const k = keyText(key);
    const found = deltas.get(k);
    if (found) found.n += by;
    else deltas.set(k, { key, n: by });
  };
  for (const [before, after] of changes) {
    if (before) count(countKeyOf(before), -1);
    count(countKeyOf(after), 1);
  }
  // In key order: concurrent writers (a replay beside the live projection) take the rows' locks alike.
  return [...deltas.entries()].filter(([, d]) => d.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => ({ ...d.key, n: d.n }));
}

/** Adds the changes to the counts (one statement). A row that comes to 0 stays: the sets are few. */
export async function writeCountChanges(trx: ReadModelTransaction, table: string, changes: readonly WorklistCountChange[]): Promise<void> {
  if (changes.length === 0) return;
  // The sets go as json (unnest would flatten an array of arrays).
  const rows = JSON.stringify(changes);
  await sql`
    INSERT INTO ${sql.table(table)} AS c (worklist_orgs, awaiting_materials, transferred_in, n)
    SELECT worklist_orgs, awaiting_materials, transferred_in, n FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${rows}::jsonb)
    ON CONFLICT (worklist_orgs, awaiting_materials, transferred_in) DO UPDATE SET n = c.n + excluded.n`.execute(trx);
}

/** Whether the kept counts answer the list asked: not when it depends on the instant. */
export const countIsKept = (shape: Pick<ListShape, 'overdue' | 'dueToday'>) => shape.overdue === undefined && shape.dueToday === undefined;

/**
 * The count of the open files the list asked selects, from the kept counts: the sets holding the list's
 * organisation, or meeting the reach for a list over several (each file once, as its set is one row).
 * Another organisation's list, only its files that the reach also has work on: never another district's.
 */
export function keptCount(db: Kysely<LegalAidReadDatabase>, shape: ListShape, values: ListValues) {
  let query = db.selectFrom('legal_aid_worklist_counts').select(sql<string>`COALESCE(sum(n), 0)`.as('n'));
  if (shape.single) query = query.where(sql<boolean>`worklist_orgs @> ARRAY[${values.organisation}]::text[]`);
  if (shape.withinReach) query = query.where(sql<boolean>`worklist_orgs && ${values.reach}::text[]`);
  if (shape.waitingForMaterials) query = query.where('awaiting_materials', '=', sql.lit(true));
  if (shape.transferredIn) query = query.where('transferred_in', '=', sql.lit(true));
  return query;
}
