// The bench's simplest projection: events per type. A batch of thousands of events becomes a handful
// of rows, aggregated in memory and written with one multi-row upsert.
import { sql } from 'kysely';
import { defineProjection } from '../src/index.js';

export const eventCounts = defineProjection({
  name: 'bench_event_counts',
  version: 1,
  tables: ['bench_event_counts'],
  async migrate(trx, tables) {
    await sql`CREATE TABLE ${sql.table(tables.bench_event_counts)} (event_type text PRIMARY KEY, events bigint NOT NULL)`.execute(trx);
  },
  async handle(trx, events, tables) {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    await sql`
      INSERT INTO ${sql.table(tables.bench_event_counts)} AS c (event_type, events)
      SELECT * FROM unnest(${[...counts.keys()]}::text[], ${[...counts.values()]}::bigint[])
      ON CONFLICT (event_type) DO UPDATE SET events = c.events + excluded.events`.execute(trx);
  },
});
