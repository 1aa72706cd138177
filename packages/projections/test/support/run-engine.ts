// A projection process for the standby test: `node --import tsx run-engine.ts <database url> <label>`.
// Runs the handover_log projection and prints its runner status whenever it changes.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { createProjectionEngine } from '../../src/index.js';
import { handoverLog } from './handover-log.js';

const [url, label] = process.argv.slice(2);
if (!url || !label) throw new Error('usage: run-engine.ts <database url> <label>');
const store = await createPostgresEventStore({ connectionString: url, pollIntervalMs: 100 });
const engine = createProjectionEngine({ store, pool: store.pool, projections: [handoverLog(label)], batchSize: 50, standbyPollMs: 50 });
await engine.start();
let last = '';
const timer = setInterval(() => {
  const status = engine.runners()[0]?.status ?? 'none';
  if (status !== last) process.stdout.write(`status ${status}\n`);
  last = status;
}, 10);
process.once('SIGTERM', () => {
  clearInterval(timer);
  void engine.stop().then(() => store.close()).then(() => process.exit(0));
});
