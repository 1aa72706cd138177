// The report as a workbook: every table on its own sheet, the headline figures' drill-down facts on
// theirs (the case ids a reader checks against), streamed (the lists read sheet by sheet).
import type { Readable } from 'node:stream';
import type { Report } from '../report/build-report.js';
import { reportTables } from './tables.js';
import { xlsxStream, type XlsxCell, type XlsxSheet } from './xlsx-writer.js';

const sheetName = (title: string, used: Set<string>) => {
  let name = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  for (let i = 2; used.has(name); i += 1) name = `${title.slice(0, 25)}(${i})`;
  used.add(name);
  return name;
};

export function reportWorkbook(report: Report, drillDowns: readonly { title: string; rows: () => Promise<readonly (readonly XlsxCell[])[]> }[]): Readable {
  const used = new Set<string>();
  const sheets: XlsxSheet[] = [];
  for (const t of reportTables(report)) sheets.push({ name: sheetName(t.title, used), rows: [[...t.head], ...t.rows] });
  for (const list of drillDowns) sheets.push({ name: sheetName(list.title, used), rows: list.rows });
  return xlsxStream(sheets);
}
