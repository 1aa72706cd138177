// One writer's side of a race on EventStoreDB, shared by the one-client arrangement and the
// child-process worker: an append turned into its outcome (as on PostgreSQL), and the out-of-order load.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../../../src/index.js';
import type { OutOfOrderLoad, RaceAppend, RaceOutcome } from '../../contract/race/arrangement.js';
import { outcomeOf } from '../../postgres/race/run.js';

export function runAppend(store: EventStore, a: RaceAppend): Promise<RaceOutcome> {
  return outcomeOf(store.appendToStream(a.stream, a.events, { expectedRevision: a.expected }));
}

const randomInt = (maxExclusive: number) => Math.floor(Math.random() * maxExclusive);

/**
 * This instance's share of the load: `events` events by `writersPerInstance` writers. EventStoreDB has
 * no client-held transaction to keep open, so the even writers wait 0..maxHoldMs before each append
 * instead (as the contract run's appendHeldOpen does), which spreads their writes in the same way.
 */
export async function runOutOfOrder(store: EventStore, load: OutOfOrderLoad, events: number): Promise<string[]> {
  const ids: string[] = [];
  let left = events;
  await Promise.all(
    Array.from({ length: load.writersPerInstance }, async (_, writer) => {
      while (left > 0) {
        const size = Math.min(left, 1 + randomInt(10));
        left -= size;
        const batch = Array.from({ length: size }, () => ({ id: randomUUID(), type: 'Raced', data: { writer } }));
        ids.push(...batch.map((e) => e.id));
        if (writer % 2 === 0) await sleep(randomInt(load.maxHoldMs + 1));
        await store.appendToStream(`${load.category}-${randomInt(load.streams)}`, batch);
      }
    }),
  );
  return ids;
}
