// The import from the command line (台账导入), the same all-or-nothing import as POST /imports:
//   tsx services/advisors/src/cli/import.ts --as <organisation> [--advisor <advisorId>] <file.xlsx|file.csv>
// --as names the district (or its bureau) importing, as an administrator's token would; --advisor says
// whose ledger a file without a 法律顾问 column is. Configuration as the service's (DATABASE_URL, CITY_ID).
// A progress bar on stderr; the summary (or every bad row) on stdout as lines, then as one JSON line.
// Exit codes: 0 imported (or nothing new), 1 refused (bad rows), 2 usage.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { RegistryBook, registryReachResolver } from '@bureau/organisations';
import { HttpProblem, openEventStore } from '@bureau/service-kit';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { importLedgerFile, type ImportSummary } from '../commands/import-ledger-file.js';
import { loadConfig } from '../config.js';
import { importFilesIn } from '../storage/import-files.js';
import { migrateAdvisorsStorage } from '../storage/migrations.js';
import { progressBar } from './progress-bar.js';

export const USAGE = 'usage: import --as <district or its bureau> [--advisor <advisorId>] <file.xlsx|file.csv>';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** `env`: the variables to configure from (tests pass their own); the process's when undefined (config.ts reads it). */
export async function runImportCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> | undefined, io: CliIo, now = new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { as: { type: 'string' }, advisor: { type: 'string' } } });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const [path] = parsed.positionals;
  const organisation = parsed.values.as;
  if (!path || !organisation || parsed.positionals.length !== 1) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(env);
  const store = await openEventStore(config);
  // The service's own database: the accepted file is kept there, as the upload route keeps it.
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 }) }) });
  try {
    await migrateAdvisorsStorage(db);
    const book = new RegistryBook(store, config.CITY_ID);
    await book.refresh();
    const reach = registryReachResolver(() => book.current(), config.CITY_ID).reachOf(organisation, 'district');
    if (!reach) {
      io.stderr.write(`--as ${organisation}: not an open organisation of ${config.CITY_ID}'s registry\n`);
      return 2;
    }
    let summary: ImportSummary;
    try {
      summary = await importLedgerFile({ store, registry: () => book.current(), limitsFor: config.limitsFor, importFiles: importFilesIn(db) }, {
        file: readFileSync(path),
        kind: extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv',
        fileName: path,
        actor: { id: 'command-line', role: 'administrator', organisation },
        reach,
        ownAdvisorId: undefined,
        advisorId: parsed.values.advisor,
        now,
        correlationId: `cli-${now.toISOString()}`,
        progress: progressBar(io.stderr),
      });
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      io.stdout.write(`${error.detail ?? error.title}\n${JSON.stringify({ status: error.status, ...error.extensions })}\n`);
      return 1;
    }
    const lines = summary.status === 'nothing_new'
      ? `没有新记录 / nothing new: all ${summary.rows} rows were already in the ledgers`
      : `导入 ${summary.newRows} 条 / imported ${summary.newRows} of ${summary.rows} rows (${summary.alreadyLogged} already there) into ${summary.ledgers.length} ledgers; import ${summary.importId}`;
    io.stdout.write(`${lines}\n${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await store.close();
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await runImportCli(process.argv.slice(2), undefined, { stdout: process.stdout, stderr: process.stderr });
  process.exit(code);
}
