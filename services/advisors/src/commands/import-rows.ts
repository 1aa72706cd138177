// A spreadsheet's rows read into LogService commands grouped by ledger (village-month), in file order:
// at upload (names looked up in the registry and the register, within the caller's reach) and again when
// an accepted import left unfinished is completed from its kept file (names as they were found at
// acceptance, recorded in the accepted event: the registry may have changed since). The same file read
// the same way gives the same commands, and each ledger's digest says so.
import { createHash } from 'node:crypto';
import { HttpProblem } from '@bureau/service-kit';
import { monthOf, type ImportReading, type LedgerMonth, type LocalDate, type LogService } from '../domain/index.js';
import { ledgerSheetReader, openXlsx, openXlsxOnWorker, readCsv, UnreadableWorkbook, type ImportError, type SheetRow } from '../import/index.js';

export type SpreadsheetKind = 'csv' | 'xlsx';

/** A problem with the file: the parser's (ImportError) or a ledger rule a row would break. */
export type FileProblem = Omit<ImportError, 'rule'> & { readonly rule: string };

/** One line per problem, as formatImportErrors writes the parser's: "第3行 [日期] invalid_date: …". */
const formatProblems = (errors: readonly FileProblem[]) =>
  errors.map((e) => `${e.sheet ? `${e.sheet} ` : ''}第${e.row}行${e.column ? ` [${e.column}]` : ''} ${e.rule}: ${e.detail}`).join('\n');

export const importRefused = (errors: readonly FileProblem[]) =>
  new HttpProblem(422, 'Unprocessable Content', 'urn:bureau:problem:import-refused',
    `文件未导入，共${errors.length}处错误 / nothing was imported: ${errors.length} problem(s) to fix in the file.\n${formatProblems(errors)}`,
    {
      rule: 'import_refused',
      // Every bad row as JSON (sheet, row as the spreadsheet numbers it, column header, rule, detail) ...
      importErrors: errors,
      // ... and in the kit's field-error form, for clients that only read that.
      errors: errors.map((e) => ({ field: `body.row${e.row}${e.column ? `.${e.column}` : ''}`, rule: e.rule, message: e.detail })),
    });

/** How a file's rows are read: Beijing's today, the names it may use, whose ledger a file without a 法律顾问 column is. */
export interface RowReading {
  readonly today: LocalDate;
  readonly villageIdOf: (name: string) => string | undefined;
  readonly advisorIdOf: (text: string) => string | undefined;
  readonly advisorId: string | undefined;
}

export interface LedgerRows {
  readonly villageId: string;
  readonly month: LedgerMonth;
  readonly items: { readonly sheet: string | null; readonly row: number; readonly command: LogService }[];
}

export const ledgerKey = (villageId: string, month: string) => `${villageId}_${month}`;

const NOT_XLSX = '文件不是有效的Excel工作簿(.xlsx) / the file is not a valid Excel workbook (.xlsx)';

/** A sheet's rows as they are read: an XLSX file's sheets streamed, a CSV file as one sheet without a name. */
/**
 * From this size a workbook is read on a worker thread (xlsx-on-worker.ts), beside the row checks: below
 * it, starting the thread (and its TypeScript loader) costs more than the reading it moves.
 */
export const XLSX_ON_WORKER_FROM_BYTES = 1024 * 1024;

async function* sheetsOf(file: Buffer, kind: SpreadsheetKind, workerFromBytes: number): AsyncGenerator<{ sheet: string | null; rows: AsyncIterable<SheetRow> | Iterable<SheetRow> }> {
  if (kind === 'xlsx') {
    const workbook = file.length >= workerFromBytes ? await openXlsxOnWorker(file) : await openXlsx(file);
    if (!workbook.ok) throw importRefused([{ sheet: null, row: 0, column: null, rule: workbook.rule, detail: workbook.detail }]);
    for await (const { name, rows } of workbook.sheets) yield { sheet: name, rows };
    return;
  }
  const csv = readCsv(file);
  if (!csv.ok) throw importRefused([{ sheet: null, row: csv.row, column: null, rule: csv.rule, detail: csv.detail }]);
  yield { sheet: null, rows: csv.rows.map((cells, i) => ({ number: i + 1, cells })) };
}

/**
 * Every row of the file as its command, grouped by ledger in file order, read as the file is read:
 * `onLedger` hears of each ledger when its first row is read (the import reads the ledger meanwhile).
 * Every parse problem refuses the file (422), once the whole file is read.
 */
export async function readLedgerRows(
  file: Buffer, kind: SpreadsheetKind, reading: RowReading, onLedger?: (group: LedgerRows) => void, workerFromBytes = XLSX_ON_WORKER_FROM_BYTES,
): Promise<{ groups: Map<string, LedgerRows>; rowCount: number }> {
  const problems: FileProblem[] = [];
  const groups = new Map<string, LedgerRows>();
  let rowCount = 0;
  let ledgerSheets = 0;
  try {
    for await (const { sheet, rows } of sheetsOf(file, kind, workerFromBytes)) {
      const reader = ledgerSheetReader({ today: reading.today, villageIdOf: reading.villageIdOf, advisorIdOf: reading.advisorIdOf, sheet, ...(reading.advisorId ? { advisorId: reading.advisorId } : {}) });
      for await (const { number, cells } of rows) {
        const command = reader.row(cells, number);
        if (command === undefined) continue;
        rowCount += 1;
        const month = monthOf(command.data.date);
        const key = ledgerKey(command.data.villageId, month);
        let group = groups.get(key);
        if (group === undefined) {
          group = { villageId: command.data.villageId, month, items: [] };
          groups.set(key, group);
          onLedger?.(group);
        }
        group.items.push({ sheet, row: number, command });
      }
      // A sheet with nothing in it (a workbook's spare Sheet2) is not a ledger.
      if (kind === 'xlsx' && !reader.sawAnything) continue;
      ledgerSheets += 1;
      problems.push(...reader.end());
    }
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw importRefused([{ sheet: null, row: 0, column: null, rule: 'not_xlsx', detail: NOT_XLSX }]);
    throw error;
  }
  if (ledgerSheets === 0) throw importRefused([{ sheet: null, row: 1, column: null, rule: 'empty_file', detail: '文件没有表头或数据 / the file has no header row or no data' }]);
  if (problems.length > 0) throw importRefused(problems);
  return { groups, rowCount };
}

/** The digest of a ledger's rows as read (every row of the file for it, in file order). */
export function ledgerRowsDigest(items: LedgerRows['items']): string {
  const hash = createHash('sha256');
  for (const { command } of items) hash.update(JSON.stringify(command.data)).update('\n');
  return hash.digest('hex');
}

/** Lookups that remember every name they found, for the accepted event (ImportReading). */
export function remembering(lookup: (text: string) => string | undefined) {
  const found = new Map<string, string>();
  return {
    lookup: (text: string) => {
      const key = text.trim();
      const id = lookup(key);
      if (id !== undefined) found.set(key, id);
      return id;
    },
    found: () => Object.fromEntries(found),
  };
}

/** The lookups an accepted import recorded, for reading its file again. */
export function recordedReading(reading: ImportReading, acceptedOn: LocalDate): RowReading {
  const of = (names: Record<string, string>) => (text: string) => {
    const key = text.trim();
    return Object.hasOwn(names, key) ? names[key] : undefined;
  };
  return { today: acceptedOn, villageIdOf: of(reading.villages), advisorIdOf: of(reading.advisors), advisorId: reading.advisorId ?? undefined };
}
