// A projection that records each event it applies, once: the primary key on event_id turns a second
// application into an error (which the engine would park on), so tests can prove exactly-once.
import type { RecordedEvent } from '@bureau/event-store';
import { formatPosition } from '@bureau/event-store';
import { sql } from 'kysely';
import { defineProjection } from '../../src/index.js';

export interface AppliedEventsOptions {
  readonly name: string;
  /** Written into each row: which runner applied it. */
  readonly label?: () => string;
  /** Throws on the events it picks (a poison event). */
  readonly refuse?: (event: RecordedEvent) => boolean;
  /** Slows every batch down, to catch a runner in the middle of one. */
  readonly batchDelayMs?: number;
  readonly version?: number;
}

export function appliedEvents(options: AppliedEventsOptions) {
  return defineProjection({
    name: options.name,
    version: options.version ?? 1,
    streamCategories: ['workorder'],
    // Each such projection gets its own schema, so the view `<name>.applied` is its own.
    schema: options.name,
    tables: ['applied'],
    async migrate(trx, tables) {
      await sql`CREATE TABLE ${sql.table(tables.applied)} (
        event_id uuid PRIMARY KEY, stream_name text NOT NULL, revision bigint NOT NULL, position text NOT NULL, applied_by text NOT NULL)`.execute(trx);
    },
    async handle(trx, events, tables) {
      const refused = events.find((e) => options.refuse?.(e));
      if (refused) throw new Error(`refused event ${refused.id}`);
      if (options.batchDelayMs) await new Promise((resolve) => setTimeout(resolve, options.batchDelayMs));
      const by = options.label?.() ?? 'runner';
      await sql`
        INSERT INTO ${sql.table(tables.applied)} (event_id, stream_name, revision, position, applied_by)
        SELECT *, ${by} FROM unnest(${events.map((e) => e.id)}::uuid[], ${events.map((e) => e.streamName)}::text[],
          ${events.map((e) => e.revision.toString())}::bigint[], ${events.map((e) => formatPosition(e.position))}::text[])`.execute(trx);
    },
  });
}
