// One writer's side of a race, shared by the in-process arrangements and the child-process worker:
// an append turned into its outcome, and the out-of-order load.
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../../src/index.js';
import type { AppendResult, EventToAppend } from '../../../src/index.js';
import type { PostgresEventStore } from '../../../src/postgres/index.js';
import type { OutOfOrderLoad, RaceAppend, RaceOutcome } from '../../contract/race/arrangement.js';

export async function outcomeOf(append: Promise<AppendResult>): Promise<RaceOutcome> {
  try {
    const r = await append;
    return { kind: r.written ? 'written' : 'idempotent', nextExpectedRevision: r.nextExpectedRevision, position: r.position };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return { kind: 'wrong_expected_revision', actualRevision: error.actualRevision };
    return { kind: 'error', name: error instanceof Error ? error.name : 'unknown', message: error instanceof Error ? error.message : String(error) };
  }
}

export function runAppend(store: PostgresEventStore, a: RaceAppend): Promise<RaceOutcome> {
  return outcomeOf(store.appendToStream(a.stream, a.events, { expectedRevision: a.expected }));
}

/** As any caller's transaction must: retried on a serialization failure (the stream-order guard). */
async function appendHeldOpen(store: PostgresEventStore, stream: string, events: EventToAppend[], holdMs: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await store.pool.connect();
    try {
      await client.query('begin');
      await store.appendToStreamInTransaction(client, stream, events, { expectedRevision: 'any' });
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      await client.query('commit');
      return;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      if (!(error instanceof Error && 'code' in error && error.code === '40001' && attempt < 10)) throw error;
    } finally {
      client.release();
    }
  }
}

const randomInt = (maxExclusive: number) => Math.floor(Math.random() * maxExclusive);

/** This instance's share of the load: `events` events by `writersPerInstance` writers; even writers hold transactions open. */
export async function runOutOfOrder(store: PostgresEventStore, load: OutOfOrderLoad, events: number): Promise<string[]> {
  const ids: string[] = [];
  let left = events;
  await Promise.all(
    Array.from({ length: load.writersPerInstance }, async (_, writer) => {
      while (left > 0) {
        const size = Math.min(left, 1 + randomInt(10));
        left -= size;
        const batch = Array.from({ length: size }, () => ({ id: randomUUID(), type: 'Raced', data: { writer } }));
        ids.push(...batch.map((e) => e.id));
        const stream = `${load.category}-${randomInt(load.streams)}`;
        if (writer % 2 === 0) await appendHeldOpen(store, stream, batch, randomInt(load.maxHoldMs + 1));
        else await store.appendToStream(stream, batch);
      }
    }),
  );
  return ids;
}
