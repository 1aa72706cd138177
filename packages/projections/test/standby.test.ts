// One active runner per projection across processes; a standby takes over when the active one dies,
// and no event is ever applied twice (the applied table's primary key would reject it, parking the
// projection), even when the old runner is caught in the middle of a batch (split brain).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { projectionStatus } from '../src/index.js';
import { caughtUp, startEngine } from './support/engine.js';
import { handoverLog } from './support/handover-log.js';
import { openStore, seed } from './support/store.js';
import { eventually } from './support/wait.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function appliedBy(db: Kysely<any>): Promise<Record<string, number>> {
  const { rows } = await sql<{ applied_by: string; n: string }>`SELECT applied_by, count(*) AS n FROM handover_log.applied GROUP BY 1`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.applied_by, Number(r.n)]));
}

async function exactlyOnce(t: { same(found: unknown, wanted: unknown, message: string): unknown }, db: Kysely<any>, total: number): Promise<void> {
  const { rows } = await sql<{ n: string; distinct: string }>`SELECT count(*) AS n, count(DISTINCT event_id) AS distinct FROM handover_log.applied`.execute(db);
  t.same(rows[0], { n: String(total), distinct: String(total) }, `all ${total} events applied, each exactly once`);
}

t.test('given an active runner process and a standby, when the active one is killed, then the standby takes over', async (t) => {
  const { url, store, db } = await openStore(t);
  const total = await seed(store, { streams: 40, eventsPerStream: 50 });
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/projections/test/support/run-engine.ts', url, 'A'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
  t.teardown(() => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve) => lines.on('line', (line) => line === 'status running' && resolve()));

  const standby = startEngine(t, store, { projections: [handoverLog('B')], batchSize: 50 });
  await standby.start();
  const status = await eventually('B to wait as standby', async () => {
    const [s] = await projectionStatus({ db, store, projections: [handoverLog('B')] });
    return standby.runners()[0]?.status === 'standby' && s?.standbys === 1 ? s : undefined;
  });
  t.match(status, { status: 'running', standbys: 1 }, 'status: one running, one standby');

  await eventually('A to be part way', async () => ((await appliedBy(db)).A ?? 0) >= 300 || undefined);
  t.same(Object.keys(await appliedBy(db)), ['A'], 'only A applied events while it was alive');
  child.kill('SIGKILL');
  t.equal(await exited, 'SIGKILL');

  await eventually('B to take over', async () => (standby.runners()[0]?.status === 'running' ? true : undefined));
  await caughtUp(standby, 'handover_log', await store.headPosition());
  const by = await appliedBy(db);
  t.ok((by.A ?? 0) > 0 && (by.B ?? 0) > 0, `A applied ${by.A}, then B applied ${by.B}`);
  await exactlyOnce(t, db, total);
  const [after] = await projectionStatus({ db, store, projections: [handoverLog('B')] });
  t.match(after, { status: 'running', eventsBehind: 0, parked: null });
});

t.test('given a runner that loses its lock in the middle of a batch, then the new owner never applies a batch twice', async (t) => {
  const { url, store, db } = await openStore(t);
  const total = await seed(store, { streams: 40, eventsPerStream: 25 });
  const named = (name: string) => {
    const u = new URL(url);
    u.searchParams.set('application_name', name);
    return u.toString();
  };
  const storeA = await createPostgresEventStore({ connectionString: named('engine_a'), pollIntervalMs: 100 });
  const storeB = await createPostgresEventStore({ connectionString: named('engine_b'), pollIntervalMs: 100 });
  t.teardown(() => storeA.close());
  t.teardown(() => storeB.close());
  const a = startEngine(t, storeA, { projections: [handoverLog('A')], batchSize: 50 });
  await a.start();
  await eventually('A to run', async () => (a.runners()[0]?.status === 'running' ? true : undefined));
  const b = startEngine(t, storeB, { projections: [handoverLog('B')], batchSize: 50 });
  await b.start();
  await eventually('A to be part way', async () => ((await appliedBy(db)).A ?? 0) >= 200 || undefined);

  // Cut only A's lock connection: A's batch transaction, on another connection, carries on and
  // commits while B already owns the lock and starts from the checkpoint A is about to move.
  const { rows } = await sql<{ n: number }>`
    SELECT count(pg_terminate_backend(l.pid))::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'engine_a'
       AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('bureau.projection:handover_log', 0)`.execute(db);
  t.equal(rows[0]?.n, 1, "A's lock connection cut");
  // A is told to stop too (else it may win the lock back first): it still finishes its batch.
  const aStopped = a.stop();
  await eventually('B to take over', async () => (b.runners()[0]?.status === 'running' ? true : undefined));
  await aStopped;
  await caughtUp(b, 'handover_log', await store.headPosition());
  await exactlyOnce(t, db, total);
  const by = await appliedBy(db);
  t.ok((by.A ?? 0) > 0 && (by.B ?? 0) > 0, `A applied ${by.A}, then B applied ${by.B}`);
});
