// The timers table, one per service (the service names it; two services never share a row). Created by
// the projection's migrate for each generation; rows are the projection's, the loop only marks them.
import { sql, type Kysely } from 'kysely';
import type { DeadlineUnit } from './deadline.js';
import type { Repeat } from './schedule.js';

export type TimerState = 'pending' | 'paused' | 'fired' | 'cancelled';

/** What firing came to: recorded now, found already recorded, not needed (stale), or refused by a rule. */
export type FireOutcome = 'recorded' | 'already_recorded' | 'not_needed' | 'refused';

/** How the due time was set: an instant from the event, a counted deadline, or a repeating schedule. */
export type TimerBasis = 'instant' | DeadlineUnit | 'repeat';

// A type alias, not an interface: Kysely's withTables wants an index-signature-compatible shape.
export type TimerRow = {
  timer_id: string;
  subject_id: string;
  kind: string;
  due_at: Date;
  /** The due time as an ISO string: part of the fire's command id, and what the fire names. */
  due_at_iso: string;
  /** When to fire: the due time, or later after a failed try (or the lease of a try in progress). */
  fire_at: Date;
  state: TimerState;
  attempts: number;
  last_error: string | null;
  fired_at: Date | null;
  outcome: FireOutcome | null;
  /** What the due time was computed from, so a paused clock resumes exactly. */
  basis: TimerBasis;
  amount: number | null;
  counted_from: Date | null;
  calendar_version: string | null;
  repeat: Repeat | null;
  paused_at: Date | null;
  /** While paused: what is left, in the basis's unit (days, hours). */
  remaining: number | null;
};

/**
 * A service's timers table: its name (schema-qualified or not) and what the service calls the subject
 * column (`work_order_id` for the hotline, whose table predates this package; default `subject_id`).
 */
export interface TimersTable {
  readonly name: string;
  readonly subjectColumn: string;
}

export function timersTable(name: string, subjectColumn = 'subject_id'): TimersTable {
  return { name, subjectColumn };
}

const COLUMNS = ['timer_id', 'subject_id', 'kind', 'due_at', 'due_at_iso', 'fire_at', 'state', 'attempts', 'last_error', 'fired_at', 'outcome',
  'basis', 'amount', 'counted_from', 'calendar_version', 'repeat', 'paused_at', 'remaining'] as const satisfies ReadonlyArray<keyof TimerRow>;

/** The column list of a whole row, the subject column read as `subject_id`. */
export function rowColumns(table: TimersTable, alias?: string) {
  const ref = (column: string) => sql.ref(alias ? `${alias}.${column}` : column);
  return sql.join(COLUMNS.map((c) => (c === 'subject_id' ? sql`${ref(table.subjectColumn)} AS subject_id` : ref(c))));
}

/** A row as the table's columns for a JSON parameter: the subject under the service's name, the schedule as an object. */
export function rowJson(table: TimersTable, row: TimerRow): Record<string, unknown> {
  if (table.subjectColumn === 'subject_id') return row;
  const { subject_id, ...rest } = row;
  return { ...rest, [table.subjectColumn]: subject_id };
}

/** Creates the table and its index of pending timers (the firing loop's claim and next-due queries). */
export async function createTimersTable(db: Kysely<any>, table: TimersTable): Promise<void> {
  await sql`
    CREATE TABLE ${sql.table(table.name)} (
      timer_id text PRIMARY KEY,
      ${sql.id(table.subjectColumn)} text NOT NULL,
      kind text NOT NULL,
      due_at timestamptz NOT NULL,
      due_at_iso text NOT NULL,
      fire_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'paused', 'fired', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      fired_at timestamptz,
      outcome text,
      basis text NOT NULL DEFAULT 'instant',
      amount double precision,
      counted_from timestamptz,
      calendar_version text,
      repeat jsonb,
      paused_at timestamptz,
      remaining double precision
    )`.execute(db);
  await sql`CREATE INDEX ${sql.id(dueIndexName(table.name))} ON ${sql.table(table.name)} (fire_at) WHERE state = 'pending'`.execute(db);
}

const dueIndexName = (table: string) => `${table.split('.').at(-1) ?? table}_due`;
