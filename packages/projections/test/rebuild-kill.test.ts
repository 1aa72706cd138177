// A rebuild of 20,000 events in a child process (the real CLI) is killed with SIGKILL at a random
// moment, then interrupted with SIGINT, and restarted: the result is identical, row for row, to a
// clean rebuild. The size is not the point, the kill mid-batch is: 80 batches of 250 give the kills as
// many places to land as 100 batches of 500 did over 50,000 events, for less than half the seeding
// and rebuilding (the file took about 50 s of a full run before).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import t from 'tap';
import { loadGenerations, rebuildProjection } from '../src/index.js';
import { checksum, openStore, seed } from './support/store.js';
import { workOrderBoard } from './support/work-order-board.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = 'packages/projections/src/cli/rebuild.ts';
const registry = 'packages/projections/test/support/registry.ts';
const STREAMS = 1_000;
const TOTAL = STREAMS * 20;
const BATCH = 250;

function startRebuild(url: string): { child: ChildProcess; exit: Promise<number | string>; onEvents(atLeast: number): Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--registry', registry, '--batch-size', String(BATCH), '--progress-every', '0', 'work_order_board'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let done = 0;
  let stderr = '';
  const waiting: Array<{ atLeast: number; resolve: () => void }> = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    for (const m of chunk.matchAll(/ ([\d,]+)\/\S+ events/g)) done = Number((m[1] ?? '0').replace(/,/g, ''));
    for (const w of waiting.splice(0)) if (done >= w.atLeast) w.resolve();
    else waiting.push(w);
  });
  const exit = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  void exit.then((code) => {
    if (code !== 0 && code !== 'SIGKILL' && code !== 130) process.stderr.write(stderr);
  });
  return {
    child,
    exit,
    onEvents: (atLeast) => new Promise((resolve) => waiting.push({ atLeast, resolve })),
  };
}

t.test('given a rebuild killed with SIGKILL and interrupted with SIGINT mid-way, when restarted, then the tables equal a clean rebuild', async (t) => {
  const { url, store, db } = await openStore(t);
  const total = await seed(store, { streams: STREAMS, eventsPerStream: 20, eventsPerAppend: 20, appendsPerTransaction: 250 });
  t.equal(total, TOTAL);

  let from = 0;
  for (const [kill, signal] of [[1, 'SIGKILL'], [2, 'SIGINT']] as const) {
    // Somewhere in the first half, then somewhere in what is left.
    const target = from + 4 * BATCH + Math.floor(Math.random() * ((TOTAL - from) / 2));
    const run = startRebuild(url);
    await Promise.race([run.onEvents(target), run.exit]);
    // Progress is printed just after a commit: wait a random moment more, into the next batch.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
    run.child.kill(signal);
    // SIGINT: the batch in progress is finished, then it exits 130 ("run again to resume").
    t.equal(await run.exit, signal === 'SIGKILL' ? 'SIGKILL' : 130, `kill ${kill}: ${signal} stopped the rebuild (after ≥ ${target} events)`);
    // The instant of the kill left rows and checkpoint in step: the build table holds exactly the
    // events its checkpoint counts.
    const [building] = (await loadGenerations(db, 'work_order_board')).filter((g) => g.state === 'building');
    t.ok(building, `kill ${kill}: the half-built generation is kept`);
    if (!building) return;
    const { rows } = await sql<{ events: string | null }>`SELECT sum(events) AS events FROM ${sql.table(`work_order_board_g${building.generation}`)}`.execute(db);
    t.equal(String(rows[0]?.events ?? 0), building.eventsApplied.toString(), `kill ${kill}: rows match the checkpoint`);
    t.ok(building.eventsApplied < BigInt(TOTAL), `kill ${kill}: stopped part way (${building.eventsApplied} events)`);
    from = Number(building.eventsApplied);
  }

  const resumed = startRebuild(url);
  t.equal(await resumed.exit, 0, 'the restarted rebuild completes');
  const generations = await loadGenerations(db, 'work_order_board');
  t.same(generations.map((g) => [g.generation, g.state, g.eventsApplied]), [[1, 'active', BigInt(TOTAL)]], `one generation, serving, ${TOTAL} events applied once`);
  const resumedSum = [await checksum(db, 'work_order_board', 'stream_name'), await checksum(db, 'work_order_counters', 'event_type')];

  const clean = await rebuildProjection({ store, pool: store.pool, projection: workOrderBoard() });
  t.equal(clean.kind, 'switched');
  t.equal(clean.eventsThisRun, TOTAL);
  const cleanSum = [await checksum(db, 'work_order_board', 'stream_name'), await checksum(db, 'work_order_counters', 'event_type')];
  t.same(resumedSum, cleanSum, 'killed-and-resumed and clean rebuilds produce identical tables');
  t.match(cleanSum[0], new RegExp(`^${STREAMS}:[0-9a-f]{32}$`));
});
