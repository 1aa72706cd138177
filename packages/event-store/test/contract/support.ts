// Small helpers shared by the contract cases (and by the adapters' own tests).
import { randomBytes, randomUUID } from 'node:crypto';
import type { test } from 'tap';
import type { EventStore, EventToAppend, GlobalPosition, Json, JsonObject, RecordedEvent } from '../../src/index.js';
import { StreamNotFoundError } from '../../src/index.js';

// tap's subtest type, read off the last overload of `test(cb)` (tap exports no single name for it).
type SubtestCallback = Parameters<typeof test>[0];
export type TapTest = Parameters<SubtestCallback>[0];

/** A category no other test uses (categories end at the first '-'), so $all reads can filter on it. */
export function uniqueCategory(prefix = 'contract'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export function newEvent(type: string, data: Json = {}, metadata: JsonObject = {}): EventToAppend & { id: string } {
  return { id: randomUUID(), type, data, metadata };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Settles `promise` and returns what it threw; fails loudly if it did not throw. */
export async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function randomInt(maxExclusive: number): number {
  return Math.floor(Math.random() * maxExclusive);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `promise`, or rejects once `ms` have passed. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a stream exists: a read that throws StreamNotFoundError says no. */
export async function streamExists(store: EventStore, streamName: string): Promise<boolean> {
  try {
    await collect(store.readStream(streamName, { maxCount: 1 }));
    return true;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw error;
  }
}

/** The events of one category in $all after `after`, read fresh. */
export function readCategory(store: EventStore, category: string | string[], after: GlobalPosition | undefined): Promise<RecordedEvent[]> {
  return collect(store.readAll({ after, filter: { streamCategories: typeof category === 'string' ? [category] : category } }));
}

/**
 * Reads a category until it holds `count` events: $all only shows an event once every older
 * transaction on the server has finished, which another test's open transaction can delay briefly.
 */
export async function readCategoryUntil(store: EventStore, category: string | string[], after: GlobalPosition | undefined, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const events = await readCategory(store, category, after);
    if (events.length >= count || Date.now() > deadline) return events;
    await sleep(20);
  }
}
