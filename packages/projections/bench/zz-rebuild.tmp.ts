import { readFileSync, readdirSync } from 'node:fs';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { rebuildProjection } from '../src/index.js';
import { eventCounts } from './counting-projection.js';
import { workOrderBoard } from '../test/support/work-order-board.js';
const postmaster = Number(process.env.PGPID);
function pgCpu(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(stat[1]) === postmaster || Number(pid) === postmaster) total += Number(stat[11]) + Number(stat[12]);
    } catch {}
  }
  return total * 10; // ms (100 Hz)
}
const store = await createPostgresEventStore({ connectionString: 'postgres://postgres:postgres@127.0.0.1:55491/exp' });
const batch = Number(process.env.BATCH ?? 2000);
for (const p of [eventCounts, eventCounts, eventCounts, workOrderBoard(), workOrderBoard(), workOrderBoard()]) {
  const t = performance.now(); const c0 = process.cpuUsage(); const g0 = pgCpu();
  const r = await rebuildProjection({ store, pool: store.pool, projection: p, batchSize: batch });
  const c = process.cpuUsage(c0); const g = pgCpu() - g0;
  const n = r.eventsThisRun;
  console.log(p.name.padEnd(20), Math.round(n / ((performance.now() - t) / 1000)), 'ev/s wall | node µs/ev', ((c.user + c.system) / n).toFixed(1), '| pg µs/ev', (g * 1000 / n).toFixed(1));
}
await store.close();
