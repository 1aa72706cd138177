// The work-order read model: one row per order, kept by the projection engine (exactly once, batched,
// blue/green rebuild when `version` changes). Worklist, order detail and monthly figures query it.
import type { RecordedEvent } from '@bureau/event-store';
import { defineProjection } from '@bureau/projections';
import { sql } from 'kysely';
import { workOrderStreamCategory } from '../domain/index.js';
import type { WorkOrderEventRegistry } from '../events/work-order-events.js';
import type { WorkOrderRow } from './tables.js';
import { applyToRow } from './work-order-row.js';

const STREAM_PREFIX = `${workOrderStreamCategory}-`;

/** The projection's name (its checkpoint's, and what read-your-writes waits on). */
export const WORK_ORDERS_PROJECTION = 'hotline_work_orders';

export const workOrdersProjectionOf = (workOrderEvents: WorkOrderEventRegistry) => defineProjection({
  name: WORK_ORDERS_PROJECTION,
  // 2: the owning centre (owner), by which every list, count and search is scoped; and the years its
  // deadlines were counted provisionally (provisional_years). 3: the worklist's indexes for its pages in each sort.
  version: 3,
  streamCategories: [workOrderStreamCategory],
  tables: ['hotline_work_orders'],

  async migrate(trx, tables) {
    const table = sql.table(tables.hotline_work_orders);
    await sql`CREATE TABLE ${table} (
      work_order_id uuid PRIMARY KEY,
      platform_id text NOT NULL,
      owner text NOT NULL,
      external_number text NOT NULL,
      category text NOT NULL,
      unit_role text NOT NULL,
      status text NOT NULL,
      citizen_name text,
      citizen_phone text,
      content text NOT NULL,
      dispatched_at timestamptz NOT NULL,
      platform_due_at timestamptz,
      sign_for_due_at timestamptz NOT NULL,
      signed_for_at timestamptz,
      signed_for_by text,
      signed_for_on_time boolean,
      reply_due_at timestamptz NOT NULL,
      calendar_version text NOT NULL,
      provisional_years integer[] NOT NULL,
      return_window_ends_at timestamptz NOT NULL,
      assignee_staff_id text,
      return_requested_at timestamptz,
      extension_requested_days integer,
      extension_days_approved integer NOT NULL,
      sign_for_overdue_recorded boolean NOT NULL,
      reply_overdue_recorded_for timestamptz,
      replied_at timestamptz,
      replied_by text,
      replied_on_time boolean,
      reply_count integer NOT NULL,
      followed_up_at timestamptz,
      satisfaction text,
      resolved boolean,
      redo_count integer NOT NULL,
      urge_count integer NOT NULL,
      supervision_count integer NOT NULL,
      notice_count integer NOT NULL,
      note_count integer NOT NULL,
      returned_at timestamptz,
      merged_external_numbers text[] NOT NULL,
      revision bigint NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (platform_id, external_number))`.execute(trx);
    // The worklist reads open orders by due time; the monthly figures by dispatch, reply and follow-up time.
    await sql`CREATE INDEX ON ${table} (status, reply_due_at)`.execute(trx);
    // Lists are scoped to the caller's reach: the owners within it.
    await sql`CREATE INDEX ON ${table} (owner, status, reply_due_at)`.execute(trx);
    await sql`CREATE INDEX ON ${table} (dispatched_at)`.execute(trx);
    // The worklist's pages in each of its sorts (read-models/worklist.ts): the open orders by next
    // deadline (the expression written as the query writes it), by dispatch, by number; the id breaks ties.
    const open = sql`WHERE status IN ('awaiting_sign_for', 'handling')`;
    await sql`CREATE INDEX ON ${table} ((CASE WHEN status = 'awaiting_sign_for' THEN sign_for_due_at ELSE reply_due_at END), work_order_id) ${open}`.execute(trx);
    await sql`CREATE INDEX ON ${table} (dispatched_at, work_order_id) ${open}`.execute(trx);
    await sql`CREATE INDEX ON ${table} (external_number, work_order_id) ${open}`.execute(trx);
    await sql`CREATE INDEX ON ${table} (replied_at) WHERE replied_at IS NOT NULL`.execute(trx);
    await sql`CREATE INDEX ON ${table} (followed_up_at) WHERE followed_up_at IS NOT NULL`.execute(trx);
    // The orders waiting for a calendar year: few, found at once when the year is loaded.
    await sql`CREATE INDEX ON ${table} (work_order_id) WHERE provisional_years <> '{}'`.execute(trx);
  },

  async handle(trx, events, tables) {
    const table = tables.hotline_work_orders;
    // An order whose first event here is its stream's first (the dispatch) has no row yet: only the
    // others are looked up (under a stream of new orders, none is).
    const seen = new Set<string>();
    const existing: string[] = [];
    for (const recorded of events) {
      const id = workOrderIdOf(recorded);
      if (seen.has(id)) continue;
      seen.add(id);
      if (recorded.revision > 0n) existing.push(id);
    }
    const rows = new Map<string, WorkOrderRow>();
    if (existing.length > 0) {
      const stored = await sql<WorkOrderRow>`SELECT * FROM ${sql.table(table)} WHERE work_order_id = ANY(${existing}::uuid[])`.execute(trx);
      for (const row of stored.rows) rows.set(row.work_order_id, row);
    }
    for (const recorded of events) {
      const id = workOrderIdOf(recorded);
      const next = applyToRow(rows.get(id), workOrderEvents.fromRecorded(recorded), { revision: recorded.revision, recordedAt: recorded.recordedAt });
      if (next) rows.set(id, next);
    }
    if (rows.size === 0) return;
    // The batch's rows replace the stored ones: one multi-row upsert per batch.
    const values = [...rows.values()];
    const columns = Object.keys(values[0] as WorkOrderRow).filter((c) => c !== 'work_order_id') as Array<keyof WorkOrderRow>;
    await trx
      .insertInto(table)
      .values(values)
      .onConflict((conflict) =>
        conflict.column('work_order_id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
  },
});

function workOrderIdOf(recorded: RecordedEvent): string {
  if (!recorded.streamName.startsWith(STREAM_PREFIX)) throw new Error(`not a work-order stream: ${recorded.streamName}`);
  return recorded.streamName.slice(STREAM_PREFIX.length);
}
