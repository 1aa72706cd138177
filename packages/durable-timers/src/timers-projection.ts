// The scheduler: a projection keeping one row per (subject, timer kind) from a service's events, in the
// same transaction as its checkpoint, so a timer is set exactly when its event is seen and survives any
// restart. A rebuild derives the same timers (the event a fire records marks its timer fired).
import type { GlobalPosition, RecordedEvent } from '@bureau/event-store';
import { defineProjection, type ReadModelTransaction } from '@bureau/projections';
import { sql } from 'kysely';
import { applyChange, type ChangeContext } from './apply-change.js';
import type { TimerCalendar } from './deadline.js';
import { timerIdOf, type TimerChange, type TimerRules } from './timer-change.js';
import { stillPending } from './timer-queries.js';
import { createTimersTable, rowColumns, rowJson, timersTable, type TimersTable, type TimerRow } from './timer-table.js';

export interface TimersProjectionOptions<Kind extends string> {
  /** The projection's name (checkpoint, lock): the service's own, e.g. `hotline_deadline_timers`. */
  readonly name: string;
  /** Bump when the rules change meaning: the engine rebuilds the timers from the events. */
  readonly version: number;
  /** The service's table (a view on the active generation), e.g. `hotline_timers`; never shared. */
  readonly table: string;
  /** PostgreSQL schema of the table (and its generations); default `public`. */
  readonly schema?: string;
  /** What the service calls the subject column; default `subject_id`. */
  readonly subjectColumn?: string;
  readonly rules: TimerRules<Kind>;
  /** For counted deadlines and paused clocks; a service whose events carry their due times needs none. */
  readonly calendar?: () => TimerCalendar;
  /** Told (before commit) the position of a batch that armed timers and the earliest: the loop re-plans. */
  readonly onScheduled?: (position: GlobalPosition, earliest: Date) => void;
}

/** A change to a timer whose row this batch has not in memory: applied to the stored row, in order. */
type Followup = { readonly kind: 'cancel' } | { readonly kind: 'fired'; readonly dueAt: string; readonly at: Date };

const noCalendar = (): TimerCalendar => {
  throw new Error('durable timers: a counted deadline or a paused clock needs the `calendar` option');
};

const arms = (change: TimerChange) => change.kind === 'schedule' || change.kind === 'start' || change.kind === 'repeat';

export function timersProjection<Kind extends string>(options: TimersProjectionOptions<Kind>) {
  const { table, rules } = options;
  const physicalOf = (tables: Readonly<Record<string, string>>): TimersTable => {
    const physical = tables[table];
    if (!physical) throw new Error(`durable timers: no physical table for ${table}`);
    return timersTable(physical, options.subjectColumn);
  };
  return defineProjection({
    name: options.name,
    version: options.version,
    ...(rules.eventTypes ? { eventTypes: [...rules.eventTypes] } : { streamCategories: [...rules.streamCategories] }),
    tables: [table],
    ...(options.schema ? { schema: options.schema } : {}),
    async migrate(trx, tables) {
      await createTimersTable(trx, physicalOf(tables));
    },
    async handle(trx, events: readonly RecordedEvent[], tables) {
      const physical = physicalOf(tables);
      const changed = events.flatMap((event) => {
        const subjectId = rules.subjectOf(event);
        return subjectId === undefined ? [] : [{ event, subjectId, changes: rules.changesOf(event) }];
      });
      // Rows a pause, a resume or a fire needs whole (to count what is left, or re-arm a schedule) and
      // that this batch does not set first: read once, locked, then folded in memory like the rest.
      const armedHere = new Set<string>();
      const wanted = new Set<string>();
      const pauses = new Set<string>();
      for (const { subjectId, changes } of changed) {
        for (const change of changes) {
          const id = timerIdOf(subjectId, change.timer);
          if (arms(change)) armedHere.add(id);
          else if (!armedHere.has(id) && change.kind !== 'cancel') {
            wanted.add(id);
            if (change.kind !== 'fired') pauses.add(id);
          }
        }
      }
      const written = new Map<string, TimerRow>();
      if (wanted.size > 0) {
        const { rows } = await sql<TimerRow>`
          SELECT ${rowColumns(physical)} FROM ${sql.table(physical.name)}
           WHERE timer_id = ANY(${[...wanted]}::text[]) AND (repeat IS NOT NULL OR timer_id = ANY(${[...pauses]}::text[])) FOR UPDATE`.execute(trx);
        for (const row of rows) written.set(row.timer_id, row);
      }

      const followups = new Map<string, Followup[]>();
      const calendar = options.calendar ?? noCalendar;
      let scheduledAt: GlobalPosition | undefined;
      for (const { event, subjectId, changes } of changed) {
        const context: ChangeContext = { subjectId, recordedAt: event.recordedAt, calendar };
        for (const change of changes) {
          const id = timerIdOf(subjectId, change.timer);
          const row = written.get(id);
          if (arms(change) || row) {
            const next = applyChange(row, change, context);
            if (next && next !== row) {
              written.set(id, next);
              followups.delete(id);
              if (next.state === 'pending' && (row?.state !== 'pending' || next.due_at_iso !== row.due_at_iso)) scheduledAt = event.position;
            }
          } else if (change.kind === 'cancel' || change.kind === 'fired') {
            const list = followups.get(id) ?? [];
            list.push(change.kind === 'cancel' ? { kind: 'cancel' } : { kind: 'fired', dueAt: change.dueAt, at: event.recordedAt });
            followups.set(id, list);
          }
        }
      }
      if (written.size > 0) await upsertRows(trx, physical, [...written.values()]);
      await applyFollowups(trx, physical, followups);
      if (scheduledAt && options.onScheduled) {
        const pending = [...written.values()].filter((row) => row.state === 'pending').map((row) => row.fire_at.getTime());
        if (pending.length > 0) options.onScheduled(scheduledAt, new Date(Math.min(...pending)));
      }
    },
  });
}

/**
 * INSERT … ON CONFLICT (timer_id) DO UPDATE of every column, the rows sent as ONE json parameter spread
 * into the table's row type by jsonb_populate_recordset: a catch-up's batch arms thousands of timers,
 * and a parameter per cell (18 a row) both costs a bind per cell on each side and runs into the
 * protocol's 65,535 parameters at about 3,600 rows. Dates go as ISO text, the schedule as the object it is.
 */
async function upsertRows(trx: ReadModelTransaction, table: TimersTable, rows: readonly TimerRow[]): Promise<void> {
  const values = rows.map((row) => rowJson(table, row));
  const columns = Object.keys(values[0] ?? {});
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  const updates = sql.join(columns.filter((c) => c !== 'timer_id').map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  await sql`INSERT INTO ${sql.table(table.name)} (${refs})
    SELECT ${refs} FROM jsonb_populate_recordset(NULL::${sql.table(table.name)}, ${JSON.stringify(values)}::jsonb)
    ON CONFLICT (timer_id) DO UPDATE SET ${updates}`.execute(trx);
}

/** Changes to rows set in earlier batches, grouped per round (one statement per kind) to keep statements few. */
async function applyFollowups(trx: ReadModelTransaction, table: TimersTable, followups: ReadonlyMap<string, readonly Followup[]>): Promise<void> {
  const rounds = Math.max(0, ...[...followups.values()].map((list) => list.length));
  for (let round = 0; round < rounds; round += 1) {
    const cancel: string[] = [];
    const fired: Array<{ id: string; dueAt: string; at: Date }> = [];
    for (const [id, list] of followups) {
      const change = list[round];
      if (change?.kind === 'cancel') cancel.push(id);
      else if (change?.kind === 'fired') fired.push({ id, dueAt: change.dueAt, at: change.at });
    }
    if (cancel.length > 0) {
      await sql`UPDATE ${sql.table(table.name)} SET state = 'cancelled' WHERE timer_id = ANY(${cancel}) AND ${stillPending(sql.ref('state'))}`.execute(trx);
    }
    if (fired.length > 0) {
      // A paused timer is not fired by an event for its old due time: it waits for its resumption.
      await sql`
        UPDATE ${sql.table(table.name)} t SET state = 'fired', fired_at = v.at, outcome = 'recorded'
          FROM unnest(${fired.map((f) => f.id)}::text[], ${fired.map((f) => f.dueAt)}::text[], ${fired.map((f) => f.at)}::timestamptz[]) AS v(id, due, at)
         WHERE t.timer_id = v.id AND t.due_at_iso = v.due AND ${stillPending(sql.ref('t.state'))} AND t.state <> 'paused'`.execute(trx);
    }
  }
}
