// A service instance in its own process, for the SIGKILL test: its fire says on stdout that it holds a
// claimed timer, then blocks forever (MODE=before_record), or records the event first and then blocks
// (MODE=after_record). The test kills it there.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { createDurableTimers } from '../../src/index.js';
import { recordFire, reviewRules } from './reviews.js';
import { silentLogger } from './timers.js';

const url = process.env.DATABASE_URL;
const mode = process.env.MODE;
if (!url || (mode !== 'before_record' && mode !== 'after_record')) throw new Error('DATABASE_URL and MODE (before_record | after_record) are required');

const store = await createPostgresEventStore({ connectionString: url, poolSize: 3 });
const record = recordFire(store, 'review');
const timers = createDurableTimers({
  store,
  pool: store.pool,
  db: new Kysely<any>({ dialect: new PostgresDialect({ pool: store.pool }) }),
  name: 'review_timers',
  version: 1,
  table: 'review_timers',
  rules: reviewRules('review'),
  commandIdPrefix: 'review-timer',
  async fire(timer, context) {
    if (mode === 'after_record') await record(timer, context);
    process.stdout.write(`holding ${timer.timer_id}\n`);
    return await new Promise<never>(() => undefined);
  },
  maxSleepMs: 100,
  leaseMs: Number(process.env.LEASE_MS ?? 1_000),
  engine: { standbyPollMs: 100 },
  logger: silentLogger,
});
await timers.start();
