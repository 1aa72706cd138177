// The hotline's timers projection as it was before @bureau/durable-timers (commit 89535a4,
// services/hotline/src/timers/timers-projection.ts), kept verbatim but for its imports and the two
// small things it imported (stillPending, the row type): the upgrade test runs it to write timers the
// way a deployment of that code did.
import type { GlobalPosition, RecordedEvent } from '@bureau/event-store';
import { defineProjection, type ReadModelTransaction } from '@bureau/projections';
import { sql, type RawBuilder } from 'kysely';
import { toWorkOrderEvent, workOrderStreamCategory } from '../../../src/domain/index.js';
import { timerChangesOf, timerIdOf, type TimerKind } from '../../../src/timers/timer-changes.js';

const stillPending = (state: RawBuilder<unknown>) => sql<boolean>`(${state} <> 'fired' AND ${state} <> 'cancelled')`;

type TimerTable = {
  timer_id: string;
  work_order_id: string;
  kind: TimerKind;
  due_at: Date;
  due_at_iso: string;
  fire_at: Date;
  state: 'pending' | 'fired' | 'cancelled';
  attempts: number;
  last_error: string | null;
  fired_at: Date | null;
  outcome: string | null;
};

export const TIMERS_PROJECTION = 'hotline_deadline_timers';

const STREAM_PREFIX = `${workOrderStreamCategory}-`;

/** A change to a timer whose row this batch has not (re)written: applied to the stored row, in order. */
type Followup = { readonly kind: 'cancel' } | { readonly kind: 'fired'; readonly dueAt: string; readonly at: Date };

export interface TimersProjectionOptions {
  /**
   * Told (before commit) the position of a batch that set timers, and the earliest of them: the firing
   * loop re-plans once it is committed, if that timer is due before the loop's next look.
   */
  readonly onScheduled: (position: GlobalPosition, earliest: Date) => void;
}

function pendingRow(workOrderId: string, timer: TimerKind, dueAt: string): TimerTable {
  const due = new Date(dueAt);
  return {
    timer_id: timerIdOf(workOrderId, timer),
    work_order_id: workOrderId,
    kind: timer,
    due_at: due,
    due_at_iso: dueAt,
    fire_at: due,
    state: 'pending',
    attempts: 0,
    last_error: null,
    fired_at: null,
    outcome: null,
  };
}

async function applyFollowups(trx: ReadModelTransaction, table: string, followups: ReadonlyMap<string, readonly Followup[]>): Promise<void> {
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
      await sql`UPDATE ${sql.table(table)} SET state = 'cancelled' WHERE timer_id = ANY(${cancel}) AND ${stillPending(sql.ref('state'))}`.execute(trx);
    }
    if (fired.length > 0) {
      await sql`
        UPDATE ${sql.table(table)} t SET state = 'fired', fired_at = v.at, outcome = 'recorded'
          FROM unnest(${fired.map((f) => f.id)}::text[], ${fired.map((f) => f.dueAt)}::text[], ${fired.map((f) => f.at)}::timestamptz[]) AS v(id, due, at)
         WHERE t.timer_id = v.id AND t.due_at_iso = v.due AND ${stillPending(sql.ref('t.state'))}`.execute(trx);
    }
  }
}

export function timersProjection(options: TimersProjectionOptions) {
  return defineProjection({
    name: TIMERS_PROJECTION,
    version: 1,
    streamCategories: [workOrderStreamCategory],
    tables: ['hotline_timers'],
    async migrate(trx, tables) {
      await sql`
        CREATE TABLE ${sql.table(tables.hotline_timers)} (
          timer_id text PRIMARY KEY,
          work_order_id text NOT NULL,
          kind text NOT NULL CHECK (kind IN ('sign_for', 'reply')),
          due_at timestamptz NOT NULL,
          due_at_iso text NOT NULL,
          fire_at timestamptz NOT NULL,
          state text NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
          attempts integer NOT NULL DEFAULT 0,
          last_error text,
          fired_at timestamptz,
          outcome text
        )`.execute(trx);
      const index = `${tables.hotline_timers.split('.').at(-1) ?? 'hotline_timers'}_due`;
      await sql`CREATE INDEX ${sql.id(index)} ON ${sql.table(tables.hotline_timers)} (fire_at) WHERE state = 'pending'`.execute(trx);
    },
    async handle(trx, events: readonly RecordedEvent[], tables) {
      // Folded in memory first: a timer (re)scheduled in this batch is written once, whole; changes to
      // timers set in earlier batches are applied to their rows, grouped per round to keep statements few.
      const written = new Map<string, TimerTable>();
      const followups = new Map<string, Followup[]>();
      let scheduledAt: GlobalPosition | undefined;
      for (const recorded of events) {
        if (!recorded.streamName.startsWith(STREAM_PREFIX)) continue;
        const event = toWorkOrderEvent(recorded);
        if (!event) continue;
        const workOrderId = recorded.streamName.slice(STREAM_PREFIX.length);
        for (const change of timerChangesOf(event)) {
          const id = timerIdOf(workOrderId, change.timer);
          const row = written.get(id);
          if (change.kind === 'schedule') {
            written.set(id, pendingRow(workOrderId, change.timer, change.dueAt));
            followups.delete(id);
            scheduledAt = recorded.position;
          } else if (row) {
            if (row.state !== 'pending') continue;
            if (change.kind === 'cancel') written.set(id, { ...row, state: 'cancelled' });
            else if (row.due_at_iso === change.dueAt) written.set(id, { ...row, state: 'fired', fired_at: recorded.recordedAt, outcome: 'recorded' });
          } else {
            const list = followups.get(id) ?? [];
            list.push(change.kind === 'cancel' ? { kind: 'cancel' } : { kind: 'fired', dueAt: change.dueAt, at: recorded.recordedAt });
            followups.set(id, list);
          }
        }
      }
      if (written.size > 0) {
        await trx
          .insertInto(tables.hotline_timers)
          .values([...written.values()])
          .onConflict((oc) =>
            oc.column('timer_id').doUpdateSet((eb) => ({
              due_at: eb.ref('excluded.due_at'),
              due_at_iso: eb.ref('excluded.due_at_iso'),
              fire_at: eb.ref('excluded.fire_at'),
              state: eb.ref('excluded.state'),
              attempts: eb.ref('excluded.attempts'),
              last_error: eb.ref('excluded.last_error'),
              fired_at: eb.ref('excluded.fired_at'),
              outcome: eb.ref('excluded.outcome'),
            })),
          )
          .execute();
      }
      await applyFollowups(trx, tables.hotline_timers, followups);
      if (scheduledAt) {
        const pending = [...written.values()].filter((row) => row.state === 'pending').map((row) => row.fire_at.getTime());
        if (pending.length > 0) options.onScheduled(scheduledAt, new Date(Math.min(...pending)));
      }
    },
  });
}
