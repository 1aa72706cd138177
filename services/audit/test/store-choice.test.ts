// What depends on which event store the configuration chooses, without a server: the verification's
// event count (PostgreSQL counts its table; EventStoreDB: unknown, never asked of PostgreSQL), the job's
// progress without a total, the command line's progress line and its configuration.
import t from 'tap';
import { progressLine } from '../src/cli/progress-bar.js';
import { loadCliConfig } from '../src/config.js';
import { eventCounter } from '../src/verification/count-events.js';
import { jobProgress } from '../src/verification/verification-jobs.js';

const DATABASE_URL = 'postgres://audit@127.0.0.1:1/audit';
const EVENTSTORE_URL = 'esdb://eventstore:2113?tls=false';

t.test('the event count: PostgreSQL asks its table, EventStoreDB answers unknown without asking', async (t) => {
  const asked: string[] = [];
  const pool = { query: async <Row>(sql: string) => { asked.push(sql); return { rows: [{ n: '42' }] as Row[] }; } };
  t.equal(await eventCounter({ DATABASE_URL, EVENTSTORE_URL }, pool)(), null);
  t.same(asked, [], 'PostgreSQL not asked when the events are in EventStoreDB');
  t.equal(await eventCounter({ DATABASE_URL }, pool)(), 42);
  t.match(asked, [/count\(\*\).*event_store\.events/]);
  t.equal(await eventCounter({ DATABASE_URL }, undefined)(), null, 'no pool, no count');
});

t.test('a job\'s progress: by events with a total, null while running without one, 1 once ended', async (t) => {
  t.equal(jobProgress({ status: 'running', totalEvents: 200, checkedEvents: 50 }), 0.25);
  t.equal(jobProgress({ status: 'running', totalEvents: 200, checkedEvents: 400 }), 0.99, 'never 1 before the end');
  t.equal(jobProgress({ status: 'running', totalEvents: 0, checkedEvents: 0 }), 0);
  t.equal(jobProgress({ status: 'running', totalEvents: null, checkedEvents: 5_000 }), null);
  t.equal(jobProgress({ status: 'finished', totalEvents: null, checkedEvents: 5_000 }), 1);
  t.equal(jobProgress({ status: 'failed', totalEvents: 10, checkedEvents: 3 }), 1);
});

t.test('the command line\'s progress: a bar with a total, the events checked without one', async (t) => {
  t.equal(progressLine(500, 1000, 7, 2), '\r[###############...............]  50.0%  500 / 1,000 events, 7 streams, 250/s');
  t.equal(progressLine(12_000, null, 30, 3), '\r12,000 events checked, 30 streams, 4,000/s');
});

t.test('the command line\'s store: EventStoreDB when EVENTSTORE_URL is set, else PostgreSQL; one of them required', async (t) => {
  t.same(loadCliConfig({ DATABASE_URL }), { eventStore: { DATABASE_URL }, verifyThreads: 0 });
  t.same(loadCliConfig({ EVENTSTORE_URL, AUDIT_VERIFY_THREADS: '2' }).eventStore.EVENTSTORE_URL, EVENTSTORE_URL);
  t.equal(loadCliConfig({ EVENTSTORE_URL, AUDIT_VERIFY_THREADS: '2' }).verifyThreads, 2);
  t.same(loadCliConfig({ DATABASE_URL, EVENTSTORE_URL }).eventStore, { DATABASE_URL, EVENTSTORE_URL });
  t.throws(() => loadCliConfig({}), /DATABASE_URL/);
  t.throws(() => loadCliConfig({ EVENTSTORE_URL: 'http://eventstore:2113' }), /EVENTSTORE_URL/);
  t.throws(() => loadCliConfig({ DATABASE_URL: 'mysql://x/y' }), /DATABASE_URL/);
});
