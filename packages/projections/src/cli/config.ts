// The rebuild command's configuration: environment and arguments, parsed once, frozen, failing fast.
import { parseArgs } from 'node:util';
import { z } from 'zod';

const DATABASE_URL_RULE = 'must be set to the PostgreSQL URL of the event store';
const Env = z.object({
  DATABASE_URL: z.string({ error: DATABASE_URL_RULE }).url({ error: DATABASE_URL_RULE }),
});

export interface RebuildConfig {
  readonly databaseUrl: string;
  readonly projection: string;
  /** Modules exporting `projections`; empty = discover services/*\/src/projections/index.ts. */
  readonly registries: readonly string[];
  readonly batchSize: number | undefined;
  /** Least time between progress redraws; undefined = 100 ms on a terminal, 1 s otherwise. */
  readonly progressEveryMs: number | undefined;
}

export const USAGE = `usage: rebuild [--registry <module>]... [--batch-size <n>] [--progress-every <ms>] <projection>
  Rebuilds <projection> into new tables while the current ones keep serving, then switches to them.
  Interrupt with Ctrl-C (or kill it): running it again resumes. Needs DATABASE_URL.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const positiveInt = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number >= 0`);
  return n;
};

export function parseRebuildConfig(argv: readonly string[], env: NodeJS.ProcessEnv): RebuildConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        registry: { type: 'string', multiple: true },
        'batch-size': { type: 'string' },
        'progress-every': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [projection, ...extra] = parsed.positionals;
  if (!projection || extra.length > 0) throw new UsageError('give exactly one projection name');
  const environment = Env.safeParse(env);
  if (!environment.success) throw new UsageError(environment.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const batchSize = positiveInt('--batch-size', parsed.values['batch-size']);
  if (batchSize === 0) throw new UsageError('--batch-size must be at least 1');
  return Object.freeze({
    databaseUrl: environment.data.DATABASE_URL,
    projection,
    registries: parsed.values.registry ?? [],
    batchSize,
    progressEveryMs: positiveInt('--progress-every', parsed.values['progress-every']),
  });
}
