// How the CLI finds projections: each service that owns some exports them from one module,
// `export const projections = [...]` (by default services/<service>/src/projections/index.ts).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Projection } from '../define.js';

export const DEFAULT_REGISTRY = (service: string) => join('services', service, 'src', 'projections', 'index.ts');

function isProjection(value: unknown): value is Projection {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.name === 'string' && typeof p.version === 'number' && typeof p.handle === 'function' && typeof p.migrate === 'function' && Array.isArray(p.tables);
}

/** The default registry modules under `root` (the repository). */
export function discoverRegistries(root: string): string[] {
  const services = join(root, 'services');
  if (!existsSync(services)) return [];
  return readdirSync(services)
    .map((service) => join(root, DEFAULT_REGISTRY(service)))
    .filter((path) => existsSync(path));
}

export async function loadRegistries(paths: readonly string[], cwd: string): Promise<Map<string, Projection>> {
  const found = new Map<string, Projection>();
  for (const path of paths) {
    const module: Record<string, unknown> = await import(pathToFileURL(resolve(cwd, path)).href);
    const list = module.projections ?? module.default;
    if (!Array.isArray(list) || !list.every(isProjection)) {
      throw new Error(`${path} must export \`projections\`: an array of defineProjection(...) results`);
    }
    for (const projection of list) {
      if (found.has(projection.name)) throw new Error(`projection ${projection.name} is registered twice (${path})`);
      found.set(projection.name, projection);
    }
  }
  return found;
}
