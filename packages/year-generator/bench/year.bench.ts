// `pnpm bench:year`: a 1x district-year generated through the deciders into a fresh store (durable
// commits), in seconds and events/s; beside it, in the same run, one full read of the events it wrote
// (what any report resting on them pays at least). Optional BENCH_SCALE (default 1). Last line: JSON,
// with this process's CPU per 1,000 events and the transactions committed (on a shared machine the
// wall time follows the load; the CPU does much less).
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { generateYear } from '../src/index.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is not set: run it as `pnpm bench:year`');
const scale = Number(process.env.BENCH_SCALE ?? '1');
const store = await createPostgresEventStore({ connectionString: databaseUrl });
try {
  const commits = async () => Number((await store.pool.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = current_database()')).rows[0]?.n ?? 0);
  const commitsBefore = await commits();
  const cpuBefore = process.cpuUsage();
  const summary = await generateYear({ store, scale, seed: 'bench', onProgress: (p) => process.stdout.write(`[bench:year] ${p.phase} ${p.district ?? ''} ${p.events} events ${(p.elapsedMs / 1000).toFixed(1)} s\n`) });
  const cpu = process.cpuUsage(cpuBefore);
  const committed = (await commits()) - commitsBefore;
  const readStarted = performance.now();
  let read = 0;
  for await (const _ of store.readAll()) read += 1;
  const readSeconds = (performance.now() - readStarted) / 1000;
  const generateSeconds = summary.elapsedMs / 1000;
  console.log(JSON.stringify({
    scale, events: summary.events, events_read: read, generate_s: Number(generateSeconds.toFixed(2)),
    events_per_s: Math.round(summary.events / generateSeconds), read_events_s: Number(readSeconds.toFixed(2)),
    generate_to_read_ratio: Number((generateSeconds / readSeconds).toFixed(1)),
    node_cpu_ms_per_1000_events: Math.round(((cpu.user + cpu.system) / 1000) / (summary.events / 1000)), commits: committed,
  }));
} finally {
  await store.close();
}
