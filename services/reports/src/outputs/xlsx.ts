// The report as a workbook: every table on its own sheet, the drill-down facts of the headline figures
// on theirs (the case ids a reader checks against).
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Report } from '../report/build-report.js';
import type { FactListItem } from '../report/fact-queries.js';
import { districtTables } from './tables.js';

const sheetName = (title: string, used: Set<string>) => {
  let name = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  for (let i = 2; used.has(name); i += 1) name = `${title.slice(0, 25)}(${i})`;
  used.add(name);
  return name;
};

/** Streamed (ExcelJS's WorkbookWriter: rows committed as written), since the drill-down lists are long. */
export async function reportWorkbook(report: Report, drillDowns: readonly { title: string; items: readonly FactListItem[] }[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const used = new Set<string>();
  for (const d of report.districts) {
    for (const t of districtTables(report, d)) {
      const sheet = book.addWorksheet(sheetName(t.title, used));
      sheet.addRow([t.title]).commit();
      const head = sheet.addRow([...t.head]);
      head.font = { bold: true };
      head.commit();
      for (const row of t.rows) sheet.addRow(row).commit();
      sheet.commit();
    }
  }
  for (const list of drillDowns) {
    const sheet = book.addWorksheet(sheetName(list.title, used));
    const head = sheet.addRow(['事实', '案件类型', '案件', '机构', '发生时间', '数值', '记录事件', '记录时间']);
    head.font = { bold: true };
    head.commit();
    for (const i of list.items) sheet.addRow([i.factId, i.caseKind, i.caseId, i.orgId, i.occurredAt, i.value, i.eventId, i.recordedAt]).commit();
    sheet.commit();
  }
  await book.commit();
  return Buffer.concat(chunks);
}
