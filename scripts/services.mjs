// The platform's deployables as `npm start` runs them locally.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bootstrap.mjs';

/** A development secret, made once per checkout and kept with the data (never committed: .data/ is ignored). */
function devSecret(dir, name) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

// The 12345 demo loop on one machine: the simulated city platform pushes to the hotline service's
// webhook, and the hotline service's outbox calls the platform back, both signing with one shared secret.
const offset = Number(process.env.PLATFORM_PORT_OFFSET ?? 0);
const hotlinePort = 3200 + offset;
const simulatorPort = 3190 + offset;

/** The services, their ports and settings; secrets are kept in `dataDir`. */
export function services(dataDir = join(root, '.data')) {
  const platform = { id: 'gz12345', secret: devSecret(dataDir, 'dev-12345-secret') };
  return [
    { name: 'example', entry: 'services/example/src/server.ts', port: 3100 + offset, env: {} },
    {
      name: 'hotline',
      entry: 'services/hotline/src/server.ts',
      port: hotlinePort,
      env: { PLATFORM_ID: platform.id, PLATFORM_SECRET: platform.secret, PLATFORM_BASE_URL: `http://127.0.0.1:${simulatorPort}`, HOTLINE_CENTRE_ID: 'huadu-plsc' },
    },
    {
      // 法律援助: the demo city's stations and offices (花都, 白云, the city's) take applications.
      name: 'legal-aid',
      entry: 'services/legal-aid/src/server.ts',
      port: 3300 + offset,
      env: { LEGAL_AID_IDENTITY_HASH_KEY: devSecret(dataDir, 'dev-legal-aid-identity-key') },
    },
    {
      name: 'hotline-simulator (city 12345 platform)',
      entry: 'services/hotline-simulator/src/server.ts',
      port: simulatorPort,
      env: { PLATFORM_ID: platform.id, PLATFORM_SECRET: platform.secret, CENTRE_BASE_URL: `http://127.0.0.1:${hotlinePort}`, FOLLOWUP_AUTO: 'true' },
    },
    { name: 'advisors', entry: 'services/advisors/src/server.ts', port: 3400 + offset, env: {} },
    {
      name: 'audit',
      entry: 'services/audit/src/server.ts',
      port: 3500 + offset,
      env: {
        // A development Ed25519 anchor-signing key (PKCS#8 PEM: the fixed 16-byte prefix, then a 32-byte
        // seed taken from a secret kept with the data). Production configures its own key.
        AUDIT_ANCHOR_SIGNING_KEY: `-----BEGIN PRIVATE KEY-----\n${Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(devSecret(dataDir, 'dev-audit-anchor-seed')).subarray(0, 32)]).toString('base64')}\n-----END PRIVATE KEY-----\n`,
        AUDIT_HOTLINE_CENTRE_ID: 'huadu-plsc',
      },
    },
    // 公共法律服务年度数据: the year in figures, from every service's events.
    { name: 'reports', entry: 'services/reports/src/server.ts', port: 3600 + offset, env: { REPORTS_HOTLINE_CENTRE_ID: 'huadu-plsc' } },
    {
      // 控制台: the web console, passing the browser's calls to the services above with the user's token.
      name: 'console',
      entry: 'services/console/src/server.ts',
      port: 3700 + offset,
      env: {
        HOTLINE_URL: `http://127.0.0.1:${hotlinePort}`,
        LEGAL_AID_URL: `http://127.0.0.1:${3300 + offset}`,
        ADVISORS_URL: `http://127.0.0.1:${3400 + offset}`,
        AUDIT_URL: `http://127.0.0.1:${3500 + offset}`,
        REPORTS_URL: `http://127.0.0.1:${3600 + offset}`,
      },
    },
  ];
}
