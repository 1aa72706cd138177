// A deliverer killed between its POST and recording the answer: the claim lapses, another instance
// sends the message again with the same idempotency key, and the platform applies it once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import pg from 'pg';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { freshDatabase } from '@bureau/testing';
import { eventually, local, startCentre, startPlatform, workOrders } from './support.js';

const crashingCentre = fileURLToPath(new URL('./crashing-centre.ts', import.meta.url));

t.test('given a deliverer killed after the platform applied a message and before it was marked, then the message is redelivered and applied once', async (t) => {
  const databaseUrl = await freshDatabase(t, 'outbox');
  const { platform, baseUrl } = await startPlatform(t);
  await platform.dispatch({ orderNo: 'GZ2025110300055' });
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  t.teardown(() => store.close());
  const orders = workOrders(store);
  const workOrderId = await orders.dispatch('GZ2025110300055', local('2025-11-03 10:00'));
  await orders.signFor(workOrderId, local('2025-11-03 10:20'));

  const child = spawn(process.execPath, ['--import', 'tsx', crashingCentre], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PLATFORM_URL: baseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  t.teardown(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // A child's tsx start took over 30 s at load 37: the wait is an upper bound, not a pause.
  await eventually(() => output.includes('posted 200'), 120_000, 'the crashing centre to post');
  child.kill('SIGKILL');
  t.equal(await exited, 'SIGKILL', 'the first deliverer died between its POST and its mark');

  const [call] = platform.received();
  t.equal(platform.received().length, 1, 'the platform applied the first POST');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  t.teardown(() => db.end());
  const row = async () => (await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM hotline_outbox WHERE idempotency_key = $1', [call?.idempotencyKey])).rows[0];
  t.match(await row(), { status: 'pending', attempts: 1 }, 'the outbox still owes it: nothing was marked');

  await startCentre(t, databaseUrl, baseUrl);
  await eventually(async () => (await row())?.status === 'delivered', 15_000, 'the second instance to deliver it');
  t.match(await row(), { status: 'delivered', attempts: 2 });
  const tries = platform.attempts().filter((a) => a.idempotencyKey === call?.idempotencyKey);
  t.same(tries.map((a) => a.status), [200, 200], 'sent twice with the same idempotency key, accepted twice');
  t.equal(platform.received().length, 1, 'and applied once');
});
