// A whole sheet of ledger rows to LogService commands, all or nothing: either every row is valid and
// every command is returned, or nothing is and every error is (issue 18: one bad row imports nothing).
// Blank rows (trailing ones above all) are skipped. Pure, apart from hashing the row into its entry id.
import * as crypto from 'node:crypto';
import type { LogService } from '../domain/index.js';
import { indexColumns } from './columns.js';
import { importError, type ImportError } from './errors.js';
import { parseRow, type ParsedRow, type RowContext } from './row.js';

export type LedgerSheetResult =
  | { readonly ok: true; readonly commands: LogService[] }
  | { readonly ok: false; readonly errors: ImportError[] };

export type LedgerSheetOptions = Omit<RowContext, 'sheet'> & { readonly sheet?: string | null };

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

export function parseLedgerSheet(rows: readonly (readonly string[])[], options: LedgerSheetOptions): LedgerSheetResult {
  const context: RowContext = { ...options, sheet: options.sheet ?? null };
  const headerAt = rows.findIndex((r) => !isBlank(r));
  const header = rows[headerAt];
  if (headerAt < 0 || header === undefined || rows.slice(headerAt + 1).every(isBlank)) {
    return { ok: false, errors: [importError(context.sheet, 1, null, 'empty_file')] };
  }
  const headerRow = headerAt + 1;
  const { index, problems } = indexColumns(header);
  const fileErrors = problems.map((p) => importError(context.sheet, headerRow, p.column, p.rule));
  if (index.advisor === undefined && !context.advisorId) fileErrors.push(importError(context.sheet, headerRow, null, 'advisor_required'));
  if (fileErrors.length > 0) return { ok: false, errors: fileErrors };

  const errors: ImportError[] = [];
  const parsed: { row: number; value: ParsedRow }[] = [];
  rows.forEach((cells, i) => {
    if (i <= headerAt || isBlank(cells)) return;
    const result = parseRow(cells, i + 1, index, context);
    if (Array.isArray(result)) errors.push(...result);
    else parsed.push({ row: i + 1, value: result });
  });
  errors.push(...twinsInFile(parsed, context.sheet));
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  return { ok: true, commands: parsed.map(({ value }) => toCommand(value)) };
}

const identityOf = ({ villageId, details: d }: ParsedRow) => JSON.stringify([villageId, d.date, d.advisorId, d.type, d.startTime]);

/** Two rows of one file for the same service (village, date, advisor, type, start) must say the same. */
function twinsInFile(parsed: readonly { row: number; value: ParsedRow }[], sheet: string | null): ImportError[] {
  const first = new Map<string, { row: number; value: ParsedRow }>();
  const errors: ImportError[] = [];
  for (const entry of parsed) {
    const key = identityOf(entry.value);
    const earlier = first.get(key);
    if (!earlier) first.set(key, entry);
    else if (JSON.stringify(earlier.value.details) !== JSON.stringify(entry.value.details)) {
      errors.push(importError(sheet, entry.row, null, 'duplicate_in_file', `第${earlier.row}行 / row ${earlier.row}`));
    }
  }
  return errors;
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
