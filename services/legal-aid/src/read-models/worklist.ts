// 工作清单 per station and per office: the open files the caller's organisations have work on, green
// channel first, then by next deadline with the overdue first. Filters: waiting for materials,
// transferred in. Overdue is judged against now AND the timers' recorded events.
import { sql, type Kysely } from 'kysely';
import { overlaps } from './scope.js';
import { listedColumns, type LegalAidReadDatabase, type ListedFileRow } from './tables.js';

export interface WorklistFilter {
  readonly now: Date;
  readonly reach: readonly string[] | null;
  /** Only files received by, held by or competent at this organisation (a station's or an office's own list). */
  readonly organisationId?: string | undefined;
  readonly waitingForMaterials?: boolean | undefined;
  readonly transferredIn?: boolean | undefined;
  readonly limit: number;
}

export type WorklistRow = ListedFileRow & { overdue: boolean };

export async function listWorklist(db: Kysely<LegalAidReadDatabase>, filter: WorklistFilter): Promise<WorklistRow[]> {
  const overdue = sql<boolean>`(overdue_recorded OR (next_due_at IS NOT NULL AND next_due_at < ${filter.now}))`;
  let query = db
    .selectFrom('legal_aid_files')
    .select(listedColumns)
    .select(overdue.as('overdue'))
    .where('open', '=', true)
    .where(overlaps('worklist_orgs', filter.reach));
  if (filter.organisationId !== undefined) query = query.where(overlaps('worklist_orgs', [filter.organisationId]));
  if (filter.waitingForMaterials) query = query.where('status', '=', 'awaiting_materials');
  if (filter.transferredIn) query = query.where('transfer_received_at', 'is not', null).where(sql<boolean>`holder_office = transferred_to`);
  return query
    .orderBy('green_channel', 'desc')
    .orderBy(overdue, 'desc')
    .orderBy(sql`next_due_at`, sql`asc nulls last`)
    .orderBy('received_at')
    .orderBy('case_id')
    .limit(filter.limit)
    .execute();
}
