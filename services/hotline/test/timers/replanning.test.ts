// The firing loop re-plans for new timers only when one falls due before its next look. A stream of
// new orders (their timers due hours later) used to make it query the timers after every projection
// batch: two statements per batch for nothing. Counted with a Kysely query log on the loop's own db.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DeadlineTimerLoop } from '../../src/timers/firing-loop.js';
import type { TimersDatabase } from '../../src/timers/timer-table.js';
import { eventually, local } from '../outbox/support.js';
import { fakeClock, pause, startTimersApp } from './support.js';

t.test('a new timer due after the next look leaves the sleeping loop alone; one due sooner wakes it', async (t) => {
  const databaseUrl = await freshDatabase(t, 'timers');
  // The app makes the timers table; its own loop is off, so the loop below is the only one looking.
  await startTimersApp(t, databaseUrl, { fire: false });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  let queries = 0;
  const db = new Kysely<TimersDatabase>({ dialect: new PostgresDialect({ pool }), log: () => void (queries += 1) });
  t.teardown(() => db.destroy());
  const clock = fakeClock(local('2025-11-03 10:00'));
  const loop = new DeadlineTimerLoop({
    db,
    fire: async () => 'recorded',
    refusalOf: () => undefined,
    clock: clock.now,
    maxSleepMs: 60_000,
    leaseMs: 30_000,
    logger: { info: () => undefined, warn: () => undefined },
    committed: async () => undefined,
  });
  loop.start();
  t.teardown(() => loop.stop());
  await eventually(async () => queries >= 2, 5_000, 'the first look (claim, then next due time)');
  await pause(100);
  const asleep = queries;

  const position = { commit: 1n, prepare: 1n };
  for (let i = 0; i < 10; i += 1) loop.scheduled(position, local('2025-11-03 14:00'));
  await pause(200);
  t.equal(queries, asleep, 'ten batches of timers due in four hours: no query (the loop looks again within a minute anyway)');

  loop.scheduled(position, new Date(local('2025-11-03 10:00').getTime() + 30_000));
  await eventually(async () => queries > asleep, 5_000, 'a look after the sooner timer').catch(() => undefined);
  t.ok(queries > asleep, 'a timer due before the next look wakes it at once');
});
