// The ledger read model: one row per village and month, the ledger as it stands (the decider's own fold,
// kept as JSON with every entry's history) beside the columns lists filter on. Kept by the projection
// engine (exactly once, batched, blue/green rebuild when `version` changes).
import type { RecordedEvent } from '@bureau/event-store';
import { defineProjection } from '@bureau/projections';
import { sql } from 'kysely';
import { advisorLedgerCategory, evolveLedger, initialLedgerState, type LedgerMonthState } from '../domain/index.js';
import { advisorLedgerEvents } from '../events/index.js';

export const LEDGER_MONTHS_PROJECTION = 'advisors_ledger_months';

interface Row {
  stream_name: string;
  village_id: string;
  judicial_office_id: string;
  month: string;
  status: string;
  state: LedgerMonthState;
  revision: string;
  updated_at: Date;
}

export const ledgerMonthsProjection = defineProjection({
  name: LEDGER_MONTHS_PROJECTION,
  version: 1,
  streamCategories: [advisorLedgerCategory],
  tables: ['advisors_ledger_months'],

  async migrate(trx, tables) {
    const table = sql.table(tables.advisors_ledger_months);
    await sql`CREATE TABLE ${table} (
      stream_name text PRIMARY KEY,
      village_id text NOT NULL,
      judicial_office_id text NOT NULL,
      month text NOT NULL,
      status text NOT NULL,
      state jsonb NOT NULL,
      revision bigint NOT NULL,
      updated_at timestamptz NOT NULL)`.execute(trx);
    // Lists are scoped to the caller's reach (the offices within it) and asked by month.
    await sql`CREATE INDEX ON ${table} (judicial_office_id, month)`.execute(trx);
    await sql`CREATE INDEX ON ${table} (month, status)`.execute(trx);
  },

  async handle(trx, events, tables) {
    const table = tables.advisors_ledger_months;
    const existing = [...new Set(events.filter((e) => e.revision > 0n).map((e) => e.streamName))];
    const states = new Map<string, { state: LedgerMonthState; recorded: RecordedEvent }>();
    const stored = new Map<string, LedgerMonthState>();
    if (existing.length > 0) {
      const rows = await sql<{ stream_name: string; state: LedgerMonthState }>`SELECT stream_name, state FROM ${sql.table(table)} WHERE stream_name = ANY(${existing}::text[])`.execute(trx);
      for (const row of rows.rows) stored.set(row.stream_name, row.state);
    }
    for (const recorded of events) {
      const before = states.get(recorded.streamName)?.state ?? stored.get(recorded.streamName) ?? initialLedgerState();
      states.set(recorded.streamName, { state: evolveLedger(before, advisorLedgerEvents.fromRecorded(recorded)), recorded });
    }
    const values: Row[] = [];
    for (const [streamName, { state, recorded }] of states) {
      if (state.status === 'unopened') continue;
      values.push({
        stream_name: streamName,
        village_id: state.villageId,
        judicial_office_id: state.judicialOfficeId,
        month: state.month,
        status: state.status,
        state,
        revision: String(recorded.revision),
        updated_at: recorded.recordedAt,
      });
    }
    if (values.length === 0) return;
    await trx
      .insertInto(table)
      .values(values.map((v) => ({ ...v, state: JSON.stringify(v.state) })))
      .onConflict((c) => c.column('stream_name').doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'), state: eb.ref('excluded.state'), revision: eb.ref('excluded.revision'), updated_at: eb.ref('excluded.updated_at'),
        judicial_office_id: eb.ref('excluded.judicial_office_id'),
      })))
      .execute();
  },
});
