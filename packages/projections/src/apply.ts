// Applying a batch: read-model writes and the checkpoint in one transaction (exactly-once effect).
// When a batch fails, it is split in halves until the failing event stands alone; every good half is
// committed on the way, so the checkpoint ends exactly before the bad event. That event is retried
// with backoff and, if it keeps failing, the generation is parked on it. Nothing is skipped.
import type { GlobalPosition, RecordedEvent } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import { beginBatch, parkGeneration } from './checkpoints.js';
import type { Projection, TableNames } from './define.js';
import { LostOwnershipError } from './errors.js';
import { errorFacts } from '@bureau/loop-kit';
import type { Logger } from './logger.js';
import { backoffDelay, type RetryPolicy } from './retry-policy.js';
import { sleep } from '@bureau/loop-kit';

export interface ApplyTarget {
  readonly db: Kysely<any>;
  readonly projection: Projection;
  readonly generation: number;
  readonly tables: TableNames;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  readonly durableCommits?: boolean;
}

export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly checkpoint: GlobalPosition }
  | { readonly kind: 'parked'; readonly checkpoint: GlobalPosition | undefined; readonly event: RecordedEvent };

/**
 * One transaction on one reserved connection: BEGIN with the checkpoint's compare-and-set (one round
 * trip, beginBatch), the handler's writes, COMMIT. Any failure rolls the whole batch back.
 *
 * The handler starts without waiting for BEGIN's answer: its statements queue behind it on the
 * connection, which runs them in order, so they still run inside the transaction, after the move. If
 * the move fails, PostgreSQL has aborted the transaction and refuses every statement after it; the
 * move's error (LostOwnershipError, a lost connection) is then the one reported, not the handler's.
 * A batch then costs one round trip less, and the handler's first work (decoding its events, say)
 * overlaps the move.
 */
export async function applyOnce(target: ApplyTarget, expected: GlobalPosition | undefined, events: readonly RecordedEvent[], through: GlobalPosition): Promise<void> {
  await target.db.connection().execute(async (conn) => {
    const begun = beginBatch(conn, { projection: target.projection.name, generation: target.generation, expected, next: through, applied: events.length }, target.durableCommits);
    // Awaited below; handled now, so failing while the handler runs is not an unhandled rejection.
    const beginFailure = begun.then(() => undefined, (error: unknown) => ({ error }));
    try {
      if (events.length > 0) await target.projection.handle(conn, events, target.tables);
      await begun;
      const { rows } = await sql.raw<{ command?: string }>('COMMIT').execute(conn);
      // PostgreSQL answers COMMIT with ROLLBACK when an earlier statement's error (one a handler caught
      // and went on from) had aborted the transaction: nothing was written.
      if (rows[0]?.command === 'ROLLBACK') throw new Error(`projection ${target.projection.name}: the batch's transaction was aborted by an earlier error`);
    } catch (error) {
      // Whatever the handler saw, a failed move is the cause: its statements ran in an aborted transaction.
      const failedMove = await beginFailure;
      // After a failed BEGIN or COMMIT there is no transaction left; PostgreSQL only warns then.
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw failedMove ? failedMove.error : error;
    }
  });
}

/**
 * Connection trouble, deadlocks and serialisation failures say nothing about the event: retried as a
 * whole and never a reason to park. (SQLSTATE classes 08, 53, 57, 40; node socket errors.)
 */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error && /Connection terminated|connection timeout/i.test(error.message);
  return /^(08|53|57|40)/.test(code) || code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'ETIMEDOUT';
}

export async function applyWithRecovery(
  target: ApplyTarget,
  expected: GlobalPosition | undefined,
  events: readonly RecordedEvent[],
  through: GlobalPosition,
): Promise<ApplyOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await applyOnce(target, expected, events, through);
      return { kind: 'applied', checkpoint: through };
    } catch (error) {
      if (error instanceof LostOwnershipError) throw error;
      if (!isTransient(error) && events.length > 0) return await narrowDown(target, expected, events, through, error);
      if (attempt >= target.retry.attempts || target.signal?.aborted) throw error;
      target.logger.warn({ projection: target.projection.name, attempt, err: errorFacts(error) }, 'projection batch failed transiently; retrying');
      await sleep(backoffDelay(target.retry, attempt + 1), target.signal);
    }
  }
}

async function narrowDown(
  target: ApplyTarget,
  expected: GlobalPosition | undefined,
  events: readonly RecordedEvent[],
  through: GlobalPosition,
  firstError: unknown,
): Promise<ApplyOutcome> {
  if (events.length === 1) return await retryOrPark(target, expected, events[0] as RecordedEvent, through, firstError);
  const middle = Math.ceil(events.length / 2);
  const left = events.slice(0, middle);
  const leftThrough = (left.at(-1) as RecordedEvent).position;
  const first = await applyWithRecovery(target, expected, left, leftThrough);
  if (first.kind === 'parked') return first;
  return await applyWithRecovery(target, first.checkpoint, events.slice(middle), through);
}

async function retryOrPark(
  target: ApplyTarget,
  expected: GlobalPosition | undefined,
  event: RecordedEvent,
  through: GlobalPosition,
  firstError: unknown,
): Promise<ApplyOutcome> {
  let lastError = firstError;
  const { attempts } = target.retry;
  for (let attempt = 2; attempt <= attempts && !target.signal?.aborted; attempt++) {
    await sleep(backoffDelay(target.retry, attempt), target.signal);
    try {
      await applyOnce(target, expected, [event], through);
      return { kind: 'applied', checkpoint: through };
    } catch (error) {
      if (error instanceof LostOwnershipError) throw error;
      lastError = error;
    }
  }
  if (target.signal?.aborted) throw lastError;
  const message = lastError instanceof Error ? lastError.message : String(lastError);
  await parkGeneration(target.db, { projection: target.projection.name, generation: target.generation, expected }, event, attempts, message);
  // Ids and position only: the event's data and the error text may carry personal data.
  target.logger.error(
    {
      projection: target.projection.name,
      generation: target.generation,
      eventId: event.id,
      eventType: event.type,
      revision: event.revision.toString(),
      err: errorFacts(lastError),
    },
    'projection parked on a failing event',
  );
  return { kind: 'parked', checkpoint: expected, event };
}
