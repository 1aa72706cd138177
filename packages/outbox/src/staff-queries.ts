// What staff read and do with an outbox table: its dead letters (死信) with the messages each holds back,
// retry one, discard one, and the table's figures. Functions take the db first, then the table's name.
import { sql, type ExpressionBuilder } from 'kysely';
import type { OutboxRow } from './outbox-table.js';
import type { OutboxDb } from './queue-queries.js';
import { named } from './table-name.js';

/** A dead letter as staff see it: the row, and how many later messages of its key wait behind it. */
export type DeadLetter = OutboxRow & { readonly held: number };

export async function findMessage(db: OutboxDb, table: string, idempotencyKey: string): Promise<OutboxRow | undefined> {
  return (await db.selectFrom(table).selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst()) as OutboxRow | undefined;
}

/**
 * Later messages of a key still owed (held, or pending), behind the message at `seq`. Said as neither
 * delivered, dead nor discarded, so that only the index by key serves it, however stale the statistics
 * (see queue-queries.ts).
 */
const heldBehind = (table: string) => sql<string>`(
  SELECT count(*) FROM ${named(table)} h
   WHERE h.ordering_key = d.ordering_key AND h.seq > d.seq
     AND h.status <> 'delivered' AND h.status <> 'dead' AND h.status <> 'discarded')`;

/** Only the messages to these destinations, or to any but these; null: every destination. */
export type DestinationFilter = { readonly only: readonly string[] } | { readonly except: readonly string[] } | null;
const toDestinations = (alias: string, filter: DestinationFilter) => {
  if (filter === null) return sql``;
  const column = sql.ref(`${alias}.destination`);
  return 'only' in filter ? sql`AND ${column} = ANY(${[...filter.only]}::text[])` : sql`AND NOT (${column} = ANY(${[...filter.except]}::text[]))`;
};

/** Whether a message to `destination` passes the filter. */
export function destinationPasses(filter: DestinationFilter, destination: string): boolean {
  if (filter === null) return true;
  return 'only' in filter ? filter.only.includes(destination) : !filter.except.includes(destination);
}

/** Dead letters, latest first, each with the count of later messages it holds back; `before` pages by dead_at. */
export async function listDeadLetters(
  db: OutboxDb,
  table: string,
  input: { limit: number; before?: Date; destinations?: DestinationFilter },
): Promise<DeadLetter[]> {
  const { rows } = await sql<OutboxRow & { held: string }>`
    SELECT d.*, ${heldBehind(table)} AS held FROM ${named(table)} d
     WHERE d.status = 'dead' ${input.before ? sql`AND d.dead_at < ${input.before}` : sql``} ${toDestinations('d', input.destinations ?? null)}
     ORDER BY d.dead_at DESC, d.seq DESC
     LIMIT ${input.limit}`.execute(db);
  return rows.map((row) => ({ ...row, held: Number(row.held) }));
}

/**
 * Staff retry: a dead letter becomes due now with a fresh budget. Its key's later messages stay behind it
 * (the FIFO rule) and follow once it is delivered. Idempotent: a message that is not dead is left alone.
 * Returns the row as it stands, or undefined when there is no such message.
 */
/**
 * "Dead", said as none of the other states: `status = 'dead'` could be planned, on statistics taken when
 * nothing was dead, as a walk of every dead letter instead of one primary-key probe.
 */
const isDead = (eb: ExpressionBuilder<any, any>) =>
  eb.and([eb('status', '<>', 'pending'), eb('status', '<>', 'held'), eb('status', '<>', 'delivered'), eb('status', '<>', 'discarded')]);

export async function retryDeadLetter(db: OutboxDb, table: string, idempotencyKey: string, now: Date): Promise<OutboxRow | undefined> {
  const revived = await db
    .updateTable(table)
    .set((eb: any) => ({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      budget_started_at: now,
      dead_at: null,
      dead_reason: null,
      claim_token: null,
      staff_retries: eb('staff_retries', '+', 1),
    }))
    .where('idempotency_key', '=', idempotencyKey)
    .where(isDead)
    .returningAll()
    .executeTakeFirst();
  if (!revived) return await findMessage(db, table, idempotencyKey);
  // The messages it held are owed again; the FIFO rule keeps them behind it until it is delivered.
  await releaseHeld(db, table, revived as OutboxRow, now);
  return revived as OutboxRow;
}

/**
 * The messages a dead letter held become pending (due now), up to the key's next dead letter, if any
 * (only a table from before the hold can have two).
 */
async function releaseHeld(db: OutboxDb, table: string, letter: Pick<OutboxRow, 'ordering_key' | 'seq'>, now: Date): Promise<void> {
  await sql`
    UPDATE ${named(table)} h SET status = 'pending', next_attempt_at = ${now}
     WHERE h.ordering_key = ${letter.ordering_key} AND h.seq > ${letter.seq}
       AND h.status <> 'pending' AND h.status <> 'delivered' AND h.status <> 'dead' AND h.status <> 'discarded'
       AND h.seq < coalesce((SELECT min(d.seq) FROM ${named(table)} d
                              WHERE d.ordering_key = ${letter.ordering_key} AND d.seq > ${letter.seq}
                                AND d.status <> 'pending' AND d.status <> 'held' AND d.status <> 'delivered' AND d.status <> 'discarded'),
                            9223372036854775807)`.execute(db);
}

/** Who discards a dead letter, and why: kept on the row. */
export interface Discard {
  readonly by: string;
  readonly reason: string;
  readonly at: Date;
}

/**
 * Staff discard: a dead letter is given up for good (recorded with who and why), and the next message of
 * its key may go. Idempotent: a message not dead is left as it is (the caller tells a discarded one from
 * a pending or delivered one by its status). Undefined when there is no such message.
 */
export async function discardDeadLetter(db: OutboxDb, table: string, idempotencyKey: string, discard: Discard): Promise<OutboxRow | undefined> {
  const discarded = await db
    .updateTable(table)
    .set({ status: 'discarded', discarded_at: discard.at, discarded_by: discard.by, discard_reason: discard.reason, claim_token: null })
    .where('idempotency_key', '=', idempotencyKey)
    .where(isDead)
    .returningAll()
    .executeTakeFirst();
  if (!discarded) return await findMessage(db, table, idempotencyKey);
  await releaseHeld(db, table, discarded as OutboxRow, discard.at);
  return discarded as OutboxRow;
}

export interface OutboxStats {
  /** Owed: due or waiting their turn, held ones included. */
  readonly pending: number;
  readonly delivered: number;
  readonly dead: number;
  readonly discarded: number;
  /** Pending messages that have failed at least once (the destination is likely having trouble). */
  readonly retrying: number;
  /** Owed messages held back by an earlier dead letter of their key (counted in `pending` too). */
  readonly held: number;
  readonly oldestPendingAt: Date | null;
  readonly nextAttemptAt: Date | null;
  readonly lastDeliveredAt: Date | null;
}

export async function outboxStats(db: OutboxDb, table: string, destinations: DestinationFilter = null): Promise<OutboxStats> {
  const { rows } = await sql<{
    pending: string;
    delivered: string;
    dead: string;
    discarded: string;
    retrying: string;
    held: string;
    oldest_pending_at: Date | null;
    next_attempt_at: Date | null;
    last_delivered_at: Date | null;
  }>`
    SELECT count(*) FILTER (WHERE status = 'pending' OR status = 'held') AS pending,
           count(*) FILTER (WHERE status = 'delivered') AS delivered,
           count(*) FILTER (WHERE status = 'dead') AS dead,
           count(*) FILTER (WHERE status = 'discarded') AS discarded,
           count(*) FILTER (WHERE status = 'pending' AND last_error IS NOT NULL) AS retrying,
           count(*) FILTER (WHERE status = 'held') AS held,
           min(created_at) FILTER (WHERE status = 'pending' OR status = 'held') AS oldest_pending_at,
           min(next_attempt_at) FILTER (WHERE status = 'pending') AS next_attempt_at,
           max(delivered_at) AS last_delivered_at
      FROM ${named(table)} o WHERE true ${toDestinations('o', destinations)}`.execute(db);
  const row = rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    delivered: Number(row?.delivered ?? 0),
    dead: Number(row?.dead ?? 0),
    discarded: Number(row?.discarded ?? 0),
    retrying: Number(row?.retrying ?? 0),
    held: Number(row?.held ?? 0),
    oldestPendingAt: row?.oldest_pending_at ?? null,
    nextAttemptAt: row?.next_attempt_at ?? null,
    lastDeliveredAt: row?.last_delivered_at ?? null,
  };
}
