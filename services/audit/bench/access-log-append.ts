// The access log's append alone (no HTTP, no auth): 8 concurrent appenders of CaseViewed events for a few
// seconds a round, alternately, five rounds each, on one durable PostgreSQL: each view appended alone to
// the shard its id picks (before the writer: the store's group commit batches them) against the
// service's access-log writer (access-log-writer.ts) with 1, 2 and 4 batches in flight. Run: node
// scripts/with-postgres.mjs tsx services/audit/bench/access-log-append.ts. Last line: one JSON object
// (p50/p99 per way, the median of the rounds').
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { AccessLogWriter } from '../src/access-log/access-log-writer.js';
import type { ViewRecord } from '../src/access-log/record-view.js';
import { recordViewAlone } from './floor-route.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs');
const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 3);
const record = (): ViewRecord => ({ viewer: { id: 'bench-auditor', role: 'city_auditor', organisation: 'gz' }, requestId: 'r', caseKind: 'work-order', caseId: 'wo-1', owners: ['huadu-plsc'], view: 'history', personalDataFields: [], unmasked: false, at: new Date() });
const writers = [1, 2, 4].map((maxInFlight) => [`writer, ${maxInFlight} in flight`, new AccessLogWriter(store, { maxInFlight })] as const);
const ways: [string, () => Promise<unknown>][] = [
  ['alone, shard by id', () => recordViewAlone(store, record(), 'by-id')],
  ...writers.map(([name, writer]) => [name, () => writer.record(record())] as [string, () => Promise<unknown>]),
];

interface Round { p50: number; p99: number; n: number }
async function round(append: () => Promise<unknown>): Promise<Round> {
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
await round(ways[0]![1]);
const results = new Map<string, Round[]>(ways.map(([name]) => [name, []]));
for (let i = 0; i < 5; i += 1) {
  for (const [name, append] of ways) {
    const r = await round(append);
    results.get(name)!.push(r);
    process.stderr.write(`${name.padEnd(20)} ${r.n} appends, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms\n`);
  }
}
await store.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const figure = (rs: Round[]) => ({ p50_ms: Number(median(rs.map((r) => r.p50)).toFixed(1)), p99_ms: Number(median(rs.map((r) => r.p99)).toFixed(1)), appends_per_s: Math.round(median(rs.map((r) => r.n)) / SECONDS) });
process.stdout.write(`${JSON.stringify(Object.fromEntries([...results].map(([name, rs]) => [name, figure(rs)])))}\n`);
