// The access log's append alone (no HTTP, no auth), 8 concurrent appenders of CaseViewed through
// each appended alone to the shard its id picks (floor-route.ts, as before the access-log writer) for 4 s a round, against stores that differ only in how many appends their group commit
// sends at once (the store's default 2; 8; and each append in a transaction of its own), alternately,
// four rounds, in one process on one durable PostgreSQL. 8 at once had the better median here (11-17 vs
// 14-20 ms) but is not what the service uses: concurrent appends to one stream then run as concurrent
// transactions, and the store refuses those whose stream's last event a younger transaction wrote (its
// $all order): under the bench's 8 readers on the day's one stream, 5 tries were not enough and a view
// failed with a 500. Run: node scripts/with-postgres.mjs tsx services/audit/bench/append-in-flight.ts
import { createPostgresEventStore, type PostgresEventStoreOptions } from '@bureau/event-store/postgres';
import type { ViewRecord } from '../src/access-log/record-view.js';
import { startCpuMeter } from '../../hotline/bench/cpu-meter.js';
import { recordViewAlone } from './floor-route.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs');
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 4);
const record = (): ViewRecord => ({ viewer: { id: 'bench-auditor', role: 'city_auditor', organisation: 'gz' }, requestId: 'r', caseKind: 'work-order', caseId: 'wo-1', owners: ['huadu-plsc'], view: 'history', personalDataFields: [], unmasked: false, at: new Date() });
const settings: Record<string, Omit<PostgresEventStoreOptions, 'connectionString'>> = {
  'in flight 2': { migrate: true },
  'in flight 8': { groupCommit: { maxInFlight: 8 }, poolSize: 16, migrate: false },
  'each alone': { groupCommit: false, migrate: false },
};
const stores = [];
for (const [name, options] of Object.entries(settings)) stores.push({ name, store: await createPostgresEventStore({ connectionString: databaseUrl, ...options }) });
for (let round = 0; round < 4; round += 1) {
  for (const { name, store } of stores) {
    const times: number[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const meter = startCpuMeter();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        await recordViewAlone(store, record(), 'by-id');
        times.push(performance.now() - started);
      }
    }));
    const spent = meter();
    times.sort((a, b) => a - b);
    const q = (p: number) => (times[Math.floor(p * times.length)] ?? Number.NaN).toFixed(1);
    const perAppend = (us: number | undefined) => (us === undefined ? '?' : Math.round(us / times.length));
    process.stderr.write(`${name.padEnd(12)} ${times.length} appends, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms; CPU per append: this process ${perAppend(spent.processUs)} µs, PostgreSQL ${perAppend(spent.postgresUs)} µs\n`);
  }
}
for (const { store } of stores) await store.close();
