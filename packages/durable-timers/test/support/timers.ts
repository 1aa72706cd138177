// A service's durable timers on a fresh database, as a service would wire them: its store, its pool,
// its table, its rules, its fire. Stopped at teardown.
import { createPostgresEventStore, type PostgresEventStore } from '@bureau/event-store/postgres';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { Kysely, PostgresDialect } from 'kysely';
import { createDurableTimers, timersOfSubject, type DurableTimers } from '../../src/index.js';
import { recordFire, reviewRules } from './reviews.js';
import { eventually } from '@bureau/testing';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface ServiceOptions {
  /** Stream category of its events, and the stem of its projection and table names. */
  readonly category?: string;
  readonly clock?: () => Date;
  readonly fireInThisProcess?: boolean;
  readonly maxSleepMs?: number;
  readonly leaseMs?: number;
}

export const silentLogger = { info() {}, warn() {}, error() {} };
const calendar = createOfficialWorkingCalendar();

export async function startService(t: Teardown, databaseUrl: string, options: ServiceOptions = {}): Promise<{ store: PostgresEventStore; timers: DurableTimers }> {
  const category = options.category ?? 'review';
  const store = await createPostgresEventStore({ connectionString: databaseUrl, poolSize: 4 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: store.pool }) });
  const timers = createDurableTimers({
    store,
    pool: store.pool,
    db,
    name: `${category}_timers`,
    version: 1,
    table: `${category}_timers`,
    rules: reviewRules(category),
    calendar: () => calendar,
    fire: recordFire(store, category),
    commandIdPrefix: `${category}-timer`,
    ...(options.clock ? { clock: options.clock } : {}),
    maxSleepMs: options.maxSleepMs ?? 200,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    fireInThisProcess: options.fireInThisProcess ?? true,
    engine: { standbyPollMs: 100 },
    logger: silentLogger,
  });
  await timers.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await timers.stop();
    await store.close();
  };
  t.teardown(stop);
  // The projection creates its table once a runner (this one or another instance's) holds its lock.
  await eventually(() => timersOfSubject(db, timers.table, '').then(() => true, () => false), 10_000, 'the timers table');
  return { store, timers: { ...timers, stop } };
}

/** A clock that stands still until the test moves it. */
export function fakeClock(start: Date) {
  let now = start;
  return { now: () => now, set: (at: Date) => void (now = at) };
}

export { eventually };
