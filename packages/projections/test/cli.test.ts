// The rebuild command's edges: bad input gets a clear message and exit code 2, and changes nothing.
// (Its main path, a rebuild killed and resumed, is rebuild-kill.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parseRebuildConfig, UsageError } from '../src/cli/config.js';
import { discoverRegistries, loadRegistries } from '../src/cli/registry.js';
import { formatProgress } from '../src/cli/progress-bar.js';
import { loadGenerations } from '../src/index.js';
import { openStore } from './support/store.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db' };

t.test('arguments and environment are checked before anything runs', async (t) => {
  t.match(parseRebuildConfig(['--registry', 'a.ts', '--registry', 'b.ts', '--batch-size', '500', 'work_orders'], env), {
    projection: 'work_orders',
    registries: ['a.ts', 'b.ts'],
    batchSize: 500,
    databaseUrl: env.DATABASE_URL,
  });
  t.throws(() => parseRebuildConfig([], env), UsageError, 'a projection name is required');
  t.throws(() => parseRebuildConfig(['a', 'b'], env), UsageError, 'only one');
  t.throws(() => parseRebuildConfig(['x', '--batch-size', 'lots'], env), /--batch-size must be a whole number/);
  t.throws(() => parseRebuildConfig(['x', '--frobnicate'], env), UsageError, 'unknown flags are refused');
  t.throws(() => parseRebuildConfig(['x'], {}), /DATABASE_URL/);
});

t.test('registries: a module exporting `projections`, found under services/*/src/projections/index.ts by default', async (t) => {
  const found = await loadRegistries(['packages/projections/test/support/registry.ts'], root);
  t.same([...found.keys()], ['work_order_board']);
  await t.rejects(loadRegistries(['packages/projections/test/support/store.ts'], root), /must export `projections`/);
  await t.rejects(
    loadRegistries(['packages/projections/test/support/registry.ts', 'packages/projections/test/support/registry.ts'], root),
    /registered twice/,
  );
  const repo = mkdtempSync(join(tmpdir(), 'registry-'));
  mkdirSync(join(repo, 'services', 'hotline', 'src', 'projections'), { recursive: true });
  mkdirSync(join(repo, 'services', 'intake', 'src'), { recursive: true });
  writeFileSync(join(repo, 'services', 'hotline', 'src', 'projections', 'index.ts'), 'export const projections = [];\n');
  t.same(discoverRegistries(repo), [join(repo, 'services', 'hotline', 'src', 'projections', 'index.ts')]);
});

t.test('progress: events done / estimated total, rate, ETA', async (t) => {
  const line = formatProgress({ projection: 'work_orders', generation: 3, eventsDone: 20_000, eventsThisRun: 10_000, fraction: 0.4, checkpoint: undefined, elapsedMs: 2_000 });
  t.equal(line, 'work_orders g3 [██████████░░░░░░░░░░░░░░]  40%  20,000/~50,000 events  5,000 ev/s  ETA 6s');
});

t.test('given an unknown projection, the command says which exist, exits 2 and builds nothing', async (t) => {
  const { url, db } = await openStore(t);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'packages/projections/src/cli/rebuild.ts', '--registry', 'packages/projections/test/support/registry.ts', 'work_order_bored'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  t.equal(run.status, 2);
  t.match(run.stderr, /unknown projection work_order_bored; registered: work_order_board/);
  t.match(run.stderr, /usage: rebuild/);
  await t.rejects(loadGenerations(db, 'work_order_bored'), /projections\.checkpoints/, 'not even the engine schema was created');
});
