// A sheet of ledger rows to LogService commands, all or nothing: either every row is valid and every
// command stands, or nothing does and every error is reported (issue 18: one bad row imports nothing).
// Read row by row as the spreadsheet is read (ledgerSheetReader), so a province's file is checked while
// it is still being read; parseLedgerSheet is the same over a sheet held whole. Blank rows (trailing
// ones above all) are skipped. Pure, apart from hashing the row into its entry id.
import * as crypto from 'node:crypto';
import type { LogService } from '../domain/index.js';
import { indexColumns, type ColumnIndex } from './columns.js';
import { importError, type ImportError } from './errors.js';
import { parseRow, type ParsedRow, type RowContext } from './row.js';

export type LedgerSheetResult =
  | { readonly ok: true; readonly commands: LogService[] }
  | { readonly ok: false; readonly errors: ImportError[] };

export type LedgerSheetOptions = Omit<RowContext, 'sheet'> & { readonly sheet?: string | null };

/** A sheet read row by row, in order. */
export interface LedgerSheetReader {
  /**
   * One row as read (its number as the spreadsheet shows it): its command when the row is valid so far.
   * A command handed out stands only if end() then finds no error in the whole sheet.
   */
  row(cells: readonly string[], rowNumber: number): LogService | undefined;
  /** After the last row: every error of the sheet by row, none when every command stands. */
  end(): ImportError[];
  /** Whether any row so far had anything in it (a workbook's spare, empty sheet is not a ledger). */
  readonly sawAnything: boolean;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

export function ledgerSheetReader(options: LedgerSheetOptions): LedgerSheetReader {
  const context: RowContext = { ...options, sheet: options.sheet ?? null };
  let header: { row: number; index: ColumnIndex; problems: ImportError[] } | undefined;
  let dataRows = 0;
  const errors: ImportError[] = [];
  const twins = twinsInFile(context.sheet);
  return {
    get sawAnything() {
      return header !== undefined;
    },
    row(cells, rowNumber) {
      if (isBlank(cells)) return undefined;
      if (header === undefined) {
        // The first row with anything in it is the header.
        const { index, problems } = indexColumns(cells);
        const fileErrors = problems.map((p) => importError(context.sheet, rowNumber, p.column, p.rule));
        if (index.advisor === undefined && !context.advisorId) fileErrors.push(importError(context.sheet, rowNumber, null, 'advisor_required'));
        header = { row: rowNumber, index, problems: fileErrors };
        return undefined;
      }
      dataRows += 1;
      if (header.problems.length > 0) return undefined; // a header that cannot be read: no row is read
      const result = parseRow(cells, rowNumber, header.index, context);
      if (Array.isArray(result)) {
        errors.push(...result);
        return undefined;
      }
      const twin = twins.check(rowNumber, result);
      if (twin) {
        errors.push(twin);
        return undefined;
      }
      return toCommand(result);
    },
    end() {
      if (header === undefined || dataRows === 0) return [importError(context.sheet, 1, null, 'empty_file')];
      if (header.problems.length > 0) return header.problems;
      return errors.sort((a, b) => a.row - b.row);
    },
  };
}

export function parseLedgerSheet(rows: readonly (readonly string[])[], options: LedgerSheetOptions): LedgerSheetResult {
  const reader = ledgerSheetReader(options);
  const commands: LogService[] = [];
  rows.forEach((cells, i) => {
    const command = reader.row(cells, i + 1);
    if (command) commands.push(command);
  });
  const errors = reader.end();
  return errors.length > 0 ? { ok: false, errors } : { ok: true, commands };
}

const identityOf = ({ villageId, details: d }: ParsedRow) => `${villageId}\u0000${d.date}\u0000${d.advisorId}\u0000${d.type}\u0000${d.startTime ?? ''}`;

/** Two rows of one file for the same service (village, date, advisor, type, start) must say the same. */
function twinsInFile(sheet: string | null) {
  const first = new Map<string, { row: number; details: ParsedRow['details'] }>();
  return {
    check(row: number, value: ParsedRow): ImportError | undefined {
      const key = identityOf(value);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { row, details: value.details });
        return undefined;
      }
      if (JSON.stringify(earlier.details) === JSON.stringify(value.details)) return undefined;
      return importError(sheet, row, null, 'duplicate_in_file', `第${earlier.row}行 / row ${earlier.row}`);
    },
  };
}

// One-shot hashing where Node has it (>= 20.12): a province's file hashes 100,000 rows.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = (text: string) => (oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex'));

/**
 * The row's own 记录编号 when it has one; otherwise an id derived from what the row says, so the same file
 * imported again gives the same ids (already logged: nothing written twice) and a changed row a new id
 * (the ledger then refuses it as duplicate_entry_differs: a change is a correction, not a second service).
 */
function toCommand({ villageId, entryId, details }: ParsedRow): LogService {
  const derived = `import-${sha256Hex(JSON.stringify([villageId, details])).slice(0, 32)}`;
  return { type: 'LogService', data: { entryId: entryId ?? derived, villageId, ...details } };
}
