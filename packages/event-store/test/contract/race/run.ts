// One writer's side of a race, the same on every store and in every arrangement (in the parent, or in a
// child-process worker): an append turned into its outcome, and an instance's share of the out-of-order load.
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../../src/index.js';
import type { AppendResult } from '../../../src/index.js';
import type { ContractSubject } from '../subject.js';
import { randomInt } from '../support.js';
import type { OutOfOrderLoad, RaceAppend, RaceOutcome } from './arrangement.js';

/**
 * A store as a backend opens it for the race harness (its "store factory" gives one, in the parent or in
 * a worker): the store, how one of its appends holds its write open, and how it is closed. The same three
 * things a contract subject has, so a backend opens both the same way.
 */
export type RaceStore = Pick<ContractSubject, 'store' | 'appendHeldOpen' | 'close'>;

export async function outcomeOf(append: Promise<AppendResult>): Promise<RaceOutcome> {
  try {
    const r = await append;
    return { kind: r.written ? 'written' : 'idempotent', nextExpectedRevision: r.nextExpectedRevision, position: r.position };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return { kind: 'wrong_expected_revision', actualRevision: error.actualRevision };
    return { kind: 'error', name: error instanceof Error ? error.name : 'unknown', message: error instanceof Error ? error.message : String(error) };
  }
}

export function runAppend({ store }: RaceStore, a: RaceAppend): Promise<RaceOutcome> {
  return outcomeOf(store.appendToStream(a.stream, a.events, { expectedRevision: a.expected }));
}

/**
 * This instance's share of the load: `events` events by `writersPerInstance` writers; the even writers
 * hold their write open 0..maxHoldMs (a transaction held open on PostgreSQL; a wait before the append on
 * EventStoreDB, which has no client-held transaction), the odd ones append at once.
 */
export async function runOutOfOrder(subject: RaceStore, load: OutOfOrderLoad, events: number): Promise<string[]> {
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
        if (writer % 2 === 0) await subject.appendHeldOpen(stream, batch, randomInt(load.maxHoldMs + 1));
        else await subject.store.appendToStream(stream, batch);
      }
    }),
  );
  return ids;
}
