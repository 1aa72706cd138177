// The report as a workbook: every table on its own sheet, the headline figures' drill-down facts on
// theirs (the case ids a reader checks against).
import type { Report } from '../report/build-report.js';
import type { FactListItem } from '../report/fact-queries.js';
import { reportTables } from './tables.js';
import { writeXlsx, type XlsxSheet } from './xlsx-writer.js';

const sheetName = (title: string, used: Set<string>) => {
  let name = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  for (let i = 2; used.has(name); i += 1) name = `${title.slice(0, 25)}(${i})`;
  used.add(name);
  return name;
};

export function reportWorkbook(report: Report, drillDowns: readonly { title: string; items: readonly FactListItem[] }[]): Buffer {
  const used = new Set<string>();
  const sheets: XlsxSheet[] = [];
  for (const t of reportTables(report)) sheets.push({ name: sheetName(t.title, used), rows: [[...t.head], ...t.rows] });
  for (const list of drillDowns) {
    sheets.push({
      name: sheetName(list.title, used),
      rows: [['事实', '案件类型', '案件', '机构', '发生时间', '数值', '记录事件', '记录时间'], ...list.items.map((i) => [i.factId, i.caseKind, i.caseId, i.orgId, i.occurredAt, i.value, i.eventId, i.recordedAt])],
    });
  }
  return writeXlsx(sheets);
}
