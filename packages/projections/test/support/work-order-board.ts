// A realistic projection for tests and the bench: one row per work order (stream), updated by every
// event, plus a counter per event type. Each batch is aggregated in memory and written with one
// multi-row upsert per table (unnest of arrays: few parameters, one plan).
import type { RecordedEvent } from '@bureau/event-store';
import { sql } from 'kysely';
import { defineProjection, type ProjectionDefinition } from '../../src/index.js';

type Tables = 'work_order_board' | 'work_order_counters';

const STATUS: Record<string, string> = { WorkOrderDispatched: 'dispatched', WorkOrderNoteAdded: 'in_hand', WorkOrderReplied: 'replied' };

interface Row {
  events: number;
  status: string;
  lastRevision: bigint;
  lastEventId: string;
}

/** `shout`: statuses in capitals, a visible change of meaning for blue/green tests (a new version). */
export function workOrderBoard(overrides: Partial<ProjectionDefinition<Tables>> & { shout?: boolean } = {}) {
  const { shout = false, ...definition } = overrides;
  return defineProjection<Tables>({
    name: 'work_order_board',
    version: 1,
    streamCategories: ['workorder'],
    tables: ['work_order_board', 'work_order_counters'],
    async migrate(trx, tables) {
      await sql`CREATE TABLE ${sql.table(tables.work_order_board)} (
        stream_name text PRIMARY KEY, status text NOT NULL, events integer NOT NULL,
        last_revision bigint NOT NULL, last_event_id uuid NOT NULL)`.execute(trx);
      await sql`CREATE TABLE ${sql.table(tables.work_order_counters)} (event_type text PRIMARY KEY, events bigint NOT NULL)`.execute(trx);
    },
    async handle(trx, events, tables) {
      const rows = new Map<string, Row>();
      const counters = new Map<string, number>();
      for (const e of events) apply(rows, counters, e);
      if (shout) for (const row of rows.values()) row.status = row.status.toUpperCase();
      const streams = [...rows.keys()];
      const values = [...rows.values()];
      await sql`
        INSERT INTO ${sql.table(tables.work_order_board)} AS b (stream_name, status, events, last_revision, last_event_id)
        SELECT * FROM unnest(${streams}::text[], ${values.map((r) => r.status)}::text[], ${values.map((r) => r.events)}::int[],
                             ${values.map((r) => r.lastRevision.toString())}::bigint[], ${values.map((r) => r.lastEventId)}::uuid[])
        ON CONFLICT (stream_name) DO UPDATE SET status = excluded.status, events = b.events + excluded.events,
          last_revision = excluded.last_revision, last_event_id = excluded.last_event_id`.execute(trx);
      await sql`
        INSERT INTO ${sql.table(tables.work_order_counters)} AS c (event_type, events)
        SELECT * FROM unnest(${[...counters.keys()]}::text[], ${[...counters.values()]}::bigint[])
        ON CONFLICT (event_type) DO UPDATE SET events = c.events + excluded.events`.execute(trx);
    },
    ...definition,
  });
}

function apply(rows: Map<string, Row>, counters: Map<string, number>, e: RecordedEvent): void {
  const row = rows.get(e.streamName) ?? { events: 0, status: 'dispatched', lastRevision: -1n, lastEventId: e.id };
  row.events += 1;
  row.status = STATUS[e.type] ?? row.status;
  row.lastRevision = e.revision;
  row.lastEventId = e.id;
  rows.set(e.streamName, row);
  counters.set(e.type, (counters.get(e.type) ?? 0) + 1);
}
