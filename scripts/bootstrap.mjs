// Installs what the platform needs, so that `npm start` and `npm test` work on a fresh clone
// with only Node 20 and npm. Idempotent: a second run with nothing changed costs one stat.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const localPnpm = join(root, '.tools', 'node_modules', '.bin', 'pnpm');

/** The pnpm binary pinned in package.json: a global one of that version, else a local copy under .tools/. */
export function pnpmBin() {
  const global = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (global.status === 0 && global.stdout.trim() === pnpmVersion) return 'pnpm';
  if (!existsSync(localPnpm)) {
    console.error(`[bootstrap] installing pnpm@${pnpmVersion} into .tools/`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(root, '.tools'), `pnpm@${pnpmVersion}`], { stdio: 'inherit' });
  }
  return localPnpm;
}

/** Runs `pnpm install --frozen-lockfile` unless node_modules is newer than the lockfile and manifests. */
export function ensureInstalled() {
  const pnpm = pnpmBin();
  const stamp = join(root, 'node_modules', '.bootstrap-stamp');
  const lock = join(root, 'pnpm-lock.yaml');
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(lock).mtimeMs) {
    console.error('[bootstrap] pnpm install');
    execFileSync(pnpm, ['install', '--frozen-lockfile'], { stdio: 'inherit', cwd: root });
    writeFileSync(stamp, new Date().toISOString());
  }
  return pnpm;
}

/** Runs a binary from node_modules/.bin with inherited stdio; resolves with its exit code. */
export function binPath(name) {
  return join(root, 'node_modules', '.bin', name);
}
