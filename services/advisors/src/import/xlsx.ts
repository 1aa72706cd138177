// The ledgers kept today as Excel workbooks (.xlsx), read with exceljs's streaming reader row by row, so
// an import checks each row as it is read and never holds the workbook's model (a province's month:
// 100,000 rows read whole by workbook.xlsx.load took four times as long as streamed). Each row becomes
// cell strings in the shapes the row parser reads: a date cell as YYYY-MM-DD, a time-only cell as HH:MM, a
// number as written (an unformatted Excel serial date stays a serial, which readDate understands), a
// formula as its result, rich text as its text. The template's explanation sheet (说明) is not data.
//
// exceljs's reader is driven here part by part (its own loop takes the archive's parts in stored order:
// see zip-parts.ts): the workbook's relationships, the workbook (sheet names, 1904 dates), the shared
// strings and the styles (which cells are dates) first, then each sheet in tab order.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { zipParts, type ZipPart } from './zip-parts.js';

export type WorkbookSheets =
  | { readonly ok: true; readonly sheets: { readonly name: string; readonly rows: string[][] }[] }
  | { readonly ok: false; readonly rule: 'not_xlsx'; readonly detail: string };

/** One row of a sheet: its number as the spreadsheet shows it (1-based) and its cells as text. */
export interface SheetRow {
  readonly number: number;
  readonly cells: string[];
}

/** A data sheet, its rows read as they are iterated (rows with nothing in them may be left out). */
export interface StreamedSheet {
  readonly name: string;
  readonly rows: AsyncIterable<SheetRow>;
}

export type OpenedWorkbook =
  | { readonly ok: true; readonly sheets: AsyncIterable<StreamedSheet> }
  | { readonly ok: false; readonly rule: 'not_xlsx'; readonly detail: string };

/** Thrown while iterating a workbook whose sheet turns out not to be readable (broken XML, a broken part). */
export class UnreadableWorkbook extends Error {
  constructor(cause: unknown) {
    super('the workbook could not be read', { cause });
    this.name = 'UnreadableWorkbook';
  }
}

/** Sheets that explain the template rather than hold rows. */
export const EXPLANATION_SHEETS = ['说明', '填写说明', '导入说明'];

const NOT_XLSX = { ok: false, rule: 'not_xlsx', detail: '文件不是有效的Excel工作簿(.xlsx) / the file is not a valid Excel workbook (.xlsx)' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

function dateText(d: Date): string {
  // Excel's day zero (1899-12-30) with a time: a time of day only.
  if (d.getUTCFullYear() === 1899 && d.getUTCMonth() === 11 && d.getUTCDate() === 30) return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as ExcelJS.CellValue) : '';
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/**
 * The steps of exceljs's streaming WorkbookReader (4.4) called here in an order of our own. Each takes the
 * part as a stream (text chunks); the reader keeps what it read (shared strings, styles, the workbook's
 * properties) for the sheets' readers, which it makes.
 */
interface ReaderSteps {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Iterator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

const asStream = (part: ZipPart) => Readable.from([part.text()]);

/** The part a workbook relationship's target names (relative to xl/, or absolute from the archive's root). */
const partName = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

/** Opens a workbook for reading its data sheets row by row, or says why it is not one. */
export async function openXlsx(file: Buffer): Promise<OpenedWorkbook> {
  const parts = zipParts(file);
  const rels = parts?.get('xl/_rels/workbook.xml.rels');
  const book = parts?.get('xl/workbook.xml');
  if (!parts || !rels || !book) return NOT_XLSX;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  }) as unknown as ReaderSteps;
  const sheets: { name: string; part: ZipPart }[] = [];
  try {
    await reader._parseRels(asStream(rels));
    await reader._parseWorkbook(asStream(book));
    const sharedStrings = parts.get('xl/sharedStrings.xml');
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(asStream(sharedStrings))) void _;
    const styles = parts.get('xl/styles.xml');
    if (styles) await reader._parseStyles(asStream(styles));
    for (const sheet of reader.model?.sheets ?? []) {
      const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
      const part = target === undefined ? undefined : parts.get(partName(target));
      if (part && !EXPLANATION_SHEETS.includes(sheet.name.trim())) sheets.push({ name: sheet.name, part });
    }
  } catch {
    return NOT_XLSX;
  }
  return {
    ok: true,
    sheets: (async function* () {
      for (const [i, { name, part }] of sheets.entries()) yield { name, rows: sheetRows(reader, part, String(i + 1)) };
    })(),
  };
}

async function* sheetRows(reader: ReaderSteps, part: ZipPart, sheetNo: string): AsyncGenerator<SheetRow> {
  try {
    const worksheet = reader._parseWorksheet(part.textChunks(), sheetNo).next().value;
    if (!worksheet) return;
    for await (const row of worksheet.value) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      // row.values is 1-based: index 0 is empty.
      for (let c = 1; c < values.length; c += 1) cells.push(cellText(values[c]));
      yield { number: row.number, cells };
    }
  } catch (error) {
    throw new UnreadableWorkbook(error);
  }
}

/** The whole workbook's data sheets as rows of cell strings (row i is the spreadsheet's row i + 1). */
export async function readXlsx(file: Buffer): Promise<WorkbookSheets> {
  const workbook = await openXlsx(file);
  if (!workbook.ok) return workbook;
  const sheets: { name: string; rows: string[][] }[] = [];
  try {
    for await (const sheet of workbook.sheets) {
      const rows: string[][] = [];
      for await (const { number, cells } of sheet.rows) rows[number - 1] = cells;
      for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
      sheets.push({ name: sheet.name, rows });
    }
  } catch (error) {
    if (error instanceof UnreadableWorkbook) return NOT_XLSX;
    throw error;
  }
  return { ok: true, sheets };
}
