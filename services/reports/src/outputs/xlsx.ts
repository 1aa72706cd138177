// The report as a workbook: every table on its own sheet, the drill-down facts of the headline figures
// on theirs (the case ids a reader checks against).
import ExcelJS from 'exceljs';
import type { Report } from '../report/build-report.js';
import type { FactListItem } from '../report/fact-queries.js';
import { districtTables } from './tables.js';

const sheetName = (title: string, used: Set<string>) => {
  let name = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  for (let i = 2; used.has(name); i += 1) name = `${title.slice(0, 25)}(${i})`;
  used.add(name);
  return name;
};

export async function reportWorkbook(report: Report, drillDowns: readonly { title: string; items: readonly FactListItem[] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const d of report.districts) {
    for (const t of districtTables(report, d)) {
      const sheet = book.addWorksheet(sheetName(t.title, used));
      sheet.addRow([t.title]);
      sheet.addRow([...t.head]).font = { bold: true };
      for (const row of t.rows) sheet.addRow(row);
    }
  }
  for (const list of drillDowns) {
    const sheet = book.addWorksheet(sheetName(list.title, used));
    sheet.addRow(['事实', '案件类型', '案件', '机构', '发生时间', '数值', '记录事件', '记录时间']).font = { bold: true };
    for (const i of list.items) sheet.addRow([i.factId, i.caseKind, i.caseId, i.orgId, i.occurredAt, i.value, i.eventId, i.recordedAt]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
