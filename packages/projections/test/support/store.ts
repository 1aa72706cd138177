// Test and bench support: a real PostgreSQL event store in a fresh database, fast seeding, checksums.
import { comparePositions, type EventToAppend, type GlobalPosition } from '@bureau/event-store';
import { createPostgresEventStore, type PostgresEventStore } from '@bureau/event-store/postgres';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface TestDatabase {
  readonly url: string;
  readonly store: PostgresEventStore;
  readonly db: Kysely<any>;
}

export async function openStore(t: Teardown, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const url = await freshDatabase(t, 'proj');
  return await openStoreAt(t, url, options);
}

export async function openStoreAt(t: Teardown, url: string, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: options.poolSize ?? 10, pollIntervalMs: 100 });
  // The store owns the pool; this Kysely only borrows it (never destroyed, or it would end the pool).
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: store.pool }) });
  t.teardown(() => store.close());
  return { url, store, db };
}

export interface SeedPlan {
  readonly streams: number;
  readonly eventsPerStream: number;
  /** Events per stream per append: streams interleave in the global order, as in real traffic. */
  readonly eventsPerAppend?: number;
  /** Appends per transaction. */
  readonly appendsPerTransaction?: number;
  /** Transactions in flight at once (on disjoint streams); default 1. */
  readonly concurrency?: number;
  readonly category?: string;
  readonly event?: (stream: number, revision: number) => EventToAppend;
}

export const workOrderEvent = (stream: number, revision: number): EventToAppend => {
  const type = revision === 0 ? 'WorkOrderDispatched' : revision % 5 === 4 ? 'WorkOrderReplied' : 'WorkOrderNoteAdded';
  return { type, data: { orderNo: `WO-${stream}`, seq: revision, channel: stream % 3 === 0 ? 'phone' : 'web' } };
};

/**
 * Appends streams × eventsPerStream events in big transactions (many appends per transaction), round
 * robin over the streams so each transaction holds a slice of each stream.
 */
export async function seed(store: PostgresEventStore, plan: SeedPlan): Promise<number> {
  return (await seedTo(store, plan)).count;
}

/**
 * Seeds, then waits until every seeded event is readable. Readers see only events older than every
 * transaction still open in the whole cluster (the store's gap-free rule), and parallel test files
 * share the cluster, so "just committed" is not yet "readable".
 */
export async function seedTo(store: PostgresEventStore, plan: SeedPlan): Promise<{ count: number; last: GlobalPosition }> {
  const perAppend = plan.eventsPerAppend ?? 5;
  const perTransaction = plan.appendsPerTransaction ?? 400;
  const workers = plan.concurrency ?? 1;
  const category = plan.category ?? 'workorder';
  const make = plan.event ?? workOrderEvent;
  // Worker w owns the streams s with s % workers = w, so concurrent transactions never wait on
  // each other's stream rows.
  const appends: Array<Array<{ stream: number; from: number; count: number }>> = Array.from({ length: workers }, () => []);
  for (let from = 0; from < plan.eventsPerStream; from += perAppend) {
    for (let stream = 0; stream < plan.streams; stream++) {
      appends[stream % workers]?.push({ stream, from, count: Math.min(perAppend, plan.eventsPerStream - from) });
    }
  }
  let total = 0;
  let last: GlobalPosition | undefined;
  const work = async (mine: ReadonlyArray<{ stream: number; from: number; count: number }>) => {
    for (let i = 0; i < mine.length; i += perTransaction) {
      const client = await store.pool.connect();
      try {
        await client.query('BEGIN');
        for (const a of mine.slice(i, i + perTransaction)) {
          const events = Array.from({ length: a.count }, (_, k) => make(a.stream, a.from + k));
          const { position } = await store.appendToStreamInTransaction(client, `${category}-${a.stream}`, events);
          if (!last || comparePositions(position, last) > 0) last = position;
          total += a.count;
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(appends.map(work));
  if (!last) throw new Error('nothing seeded');
  await readable(store, last);
  return { count: total, last };
}

/** Waits until the store's readers see `position` (see seedTo). */
export async function readable(store: PostgresEventStore, position: GlobalPosition, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error('seeded events did not become readable');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** md5 of every row of a table in primary-key order: equal checksums, equal tables. */
export async function checksum(db: Kysely<any>, table: string, orderBy: string): Promise<string> {
  const { rows } = await sql<{ sum: string | null; n: string }>`
    SELECT md5(string_agg(t::text, E'\n' ORDER BY ${sql.ref(`t.${orderBy}`)})) AS sum, count(*) AS n FROM ${sql.table(table)} t`.execute(db);
  return `${rows[0]?.n}:${rows[0]?.sum}`;
}
