// The ledgers kept today as Excel workbooks (.xlsx), read with exceljs (the whole workbook in memory; its
// streaming reader has an open race on Node 18+, exceljs issue 3064). Each worksheet becomes rows of cell
// strings in the shapes the row parser reads: a date cell as YYYY-MM-DD, a time-only cell as HH:MM, a
// number as written (an unformatted Excel serial date stays a serial, which readDate understands), a
// formula as its result, rich text as its text. The template's explanation sheet (说明) is not data.
import ExcelJS from 'exceljs';

export type WorkbookSheets =
  | { readonly ok: true; readonly sheets: { readonly name: string; readonly rows: string[][] }[] }
  | { readonly ok: false; readonly rule: 'not_xlsx'; readonly detail: string };

/** Sheets that explain the template rather than hold rows. */
export const EXPLANATION_SHEETS = ['说明', '填写说明', '导入说明'];

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

export async function readXlsx(file: Buffer): Promise<WorkbookSheets> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, rule: 'not_xlsx', detail: '文件不是有效的Excel工作簿(.xlsx) / the file is not a valid Excel workbook (.xlsx)' };
  }
  const sheets: { name: string; rows: string[][] }[] = [];
  workbook.eachSheet((sheet) => {
    if (EXPLANATION_SHEETS.includes(sheet.name.trim())) return;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      const values = row.values as ExcelJS.CellValue[];
      // row.values is 1-based: index 0 is empty.
      for (let c = 1; c < values.length; c += 1) cells.push(cellText(values[c]));
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
    sheets.push({ name: sheet.name, rows });
  });
  return { ok: true, sheets };
}
