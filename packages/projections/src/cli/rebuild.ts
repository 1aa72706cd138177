// `tsx packages/projections/src/cli/rebuild.ts [--registry <module>]... <projection>`
// Rebuilds one projection blue/green with a progress bar on stderr. Ctrl-C stops after the batch in
// progress; SIGKILL loses nothing either (the checkpoint moves with the rows). Run again to resume.
// Exit codes: 0 switched, 130 interrupted, 2 usage, 1 failed (e.g. parked on a failing event).
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { ProjectionParkedError, RebuildInProgressError } from '../errors.js';
import { rebuildProjection } from '../rebuild-command.js';
import { parseRebuildConfig, USAGE, UsageError } from './config.js';
import { ProgressBar } from './progress-bar.js';
import { discoverRegistries, loadRegistries } from './registry.js';

async function main(): Promise<number> {
  const config = parseRebuildConfig(process.argv.slice(2), process.env);
  const registries = config.registries.length > 0 ? config.registries : discoverRegistries(process.cwd());
  const projections = await loadRegistries(registries, process.cwd());
  const projection = projections.get(config.projection);
  if (!projection) {
    throw new UsageError(`unknown projection ${config.projection}; registered: ${[...projections.keys()].sort().join(', ') || 'none'}`);
  }
  const store = await createPostgresEventStore({ connectionString: config.databaseUrl, poolSize: 4 });
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = new ProgressBar(process.stderr, config.progressEveryMs ?? (process.stderr.isTTY ? 100 : 1000));
  try {
    const result = await rebuildProjection({
      store,
      pool: store.pool,
      projection,
      ...(config.batchSize ? { batchSize: config.batchSize } : {}),
      signal: interrupt.signal,
      onProgress: (p) => bar.update(p, p.fraction === 1),
    });
    if (result.kind === 'switched') {
      bar.done(`${projection.name}: generation ${result.generation} built (${result.eventsThisRun} events this run) and now serving`);
      return 0;
    }
    bar.done(`${projection.name}: interrupted; generation ${result.generation} kept, run again to resume`);
    return 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    const known = error instanceof ProjectionParkedError || error instanceof RebuildInProgressError;
    process.stderr.write(`rebuild failed: ${known || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message)}\n`);
    process.exit(1);
  },
);
