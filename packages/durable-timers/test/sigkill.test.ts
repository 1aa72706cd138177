// A service killed with SIGKILL between claiming a timer and finishing its fire: before the event is
// recorded, and after it is recorded but before the timer is marked. Another instance then fires the
// timer once the claim's lease has run out, and the event is in the log exactly once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { timersOfSubject } from '../src/index.js';
import { eventsOf } from './support/reviews.js';
import { local } from './support/time.js';
import { eventually, startService } from './support/timers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const child = 'packages/durable-timers/test/support/firing-child.ts';

/** Starts the child instance; resolves once its fire holds a claimed timer, then kills it with SIGKILL. */
async function killWhileFiring(databaseUrl: string, mode: 'before_record' | 'after_record'): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, MODE: mode, LEASE_MS: '1000' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<string>((resolve) => proc.on('close', (code, signal) => resolve(String(signal ?? code))));
  // Cleared once the child holds its timer: left pending, it kept this file's process alive for 30 s after its last test.
  let timeout: NodeJS.Timeout | undefined;
  const held = await new Promise<string>((resolve, reject) => {
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const m = /holding (\S+)/.exec(chunk);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((how) => reject(new Error(`the child ended (${how}) before holding a timer: ${stderr}`)));
    timeout = setTimeout(() => reject(new Error(`the child held no timer within 30 s: ${stderr}`)), 30_000);
  }).finally(() => clearTimeout(timeout));
  proc.kill('SIGKILL');
  t.equal(await exited, 'SIGKILL', 'the child was killed');
  return held;
}

for (const mode of ['before_record', 'after_record'] as const) {
  t.test(`given an instance killed with SIGKILL mid-fire (${mode}), then another fires the timer, once`, async (t) => {
    const databaseUrl = await freshDatabase(t, 'dtimers');
    // Opened long ago: due at once, on the real clock both processes use.
    const seed = await startService(t, databaseUrl, { fireInThisProcess: false });
    await seed.store.appendToStream('review-k1', [{ type: 'ReviewOpened', data: { at: local('2025-11-03 10:00').toISOString(), workingDays: 1 } }]);
    await eventually(async () => (await timersOfSubject(seed.timers.db, seed.timers.table, 'k1')).length === 1, 5_000, 'timer set');
    await seed.timers.stop();

    t.equal(await killWhileFiring(databaseUrl, mode), 'k1/review', 'the child claimed the timer');
    const overdue = async (store: typeof seed.store) => (await eventsOf(store, 'review-k1')).filter((e) => e.type === 'ReviewOverdue');
    const [row] = await timersOfSubject(seed.timers.db, seed.timers.table, 'k1').catch(() => []);
    t.equal(row?.state ?? 'pending', 'pending', 'the claim left the timer pending (leased)');

    const after = await startService(t, databaseUrl);
    await eventually(async () => (await timersOfSubject(after.timers.db, after.timers.table, 'k1'))[0]?.state === 'fired', 10_000, 'fired by the new instance');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events = await overdue(after.store);
    t.equal(events.length, 1, 'one ReviewOverdue in the log');
    if (mode === 'before_record') {
      t.match(await timersOfSubject(after.timers.db, after.timers.table, 'k1'), [{ outcome: 'recorded', attempts: 2 }], 'the second claim recorded it');
    } else {
      // The event the dead fire recorded marks its timer fired by itself (the projection sees it); had
      // the new loop claimed it first, the command id would have found it recorded.
      t.match(await timersOfSubject(after.timers.db, after.timers.table, 'k1'), [{ state: 'fired' }]);
    }
  });
}
