// The access log's append alone (no HTTP, no auth): 8 concurrent appenders of CaseViewed events for
// a few seconds, the day's one stream (the first layout) against the 8 shards (recordView), alternately,
// five rounds each, on one durable PostgreSQL. Run: node scripts/with-postgres.mjs tsx
// services/audit/bench/access-log-append.ts. Last line: one JSON object (p50/p99 per layout, the
// median of the rounds').
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { caseViewedEvent, recordView, type ViewRecord } from '../src/access-log/record-view.js';
import { accessLogStreamName } from '../src/events/audit-events.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs');
const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 3);
const record = (): ViewRecord => ({ viewer: { id: 'bench-auditor', role: 'city_auditor', organisation: 'gz' }, requestId: 'r', caseKind: 'work-order', caseId: 'wo-1', owners: ['huadu-plsc'], view: 'history', personalDataFields: [], unmasked: false, at: new Date() });
const oneStream = async () => {
  const { data, event } = caseViewedEvent(record());
  await store.appendToStream(accessLogStreamName(data.viewedAt.slice(0, 10)), [event]);
};
const sharded = async () => { await recordView(store, record()); };

async function round(append: () => Promise<void>): Promise<{ p50: number; p99: number; n: number }> {
  const times: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      await append();
      times.push(performance.now() - started);
    }
  }));
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
  return { p50: q(0.5), p99: q(0.99), n: times.length };
}
await round(sharded);
const results = { oneStream: [] as { p50: number; p99: number; n: number }[], sharded: [] as { p50: number; p99: number; n: number }[] };
for (let i = 0; i < 5; i += 1) {
  for (const [name, append] of [['oneStream', oneStream], ['sharded', sharded]] as const) {
    const r = await round(append);
    results[name].push(r);
    process.stderr.write(`${name}: ${r.n} appends, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms\n`);
  }
}
await store.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const figure = (rs: { p50: number; p99: number; n: number }[]) => ({ p50_ms: Number(median(rs.map((r) => r.p50)).toFixed(1)), p99_ms: Number(median(rs.map((r) => r.p99)).toFixed(1)), appends_per_s: Math.round(median(rs.map((r) => r.n)) / SECONDS) });
process.stdout.write(`${JSON.stringify({ access_log_one_stream: figure(results.oneStream), access_log_8_shards: figure(results.sharded) })}\n`);
