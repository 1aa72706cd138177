// A township's month as an XLSX ledger (导出台账) in the import template's columns, to send upward: one
// row per standing entry of each village the judicial office reviews, its 记录编号 the entry id, so the
// file imported again logs nothing twice. Persons served as the reader may see them (masked or not).
import ExcelJS from 'exceljs';
import { reviewSubjectNames, serviceTypeNames, type EntryContent, type LedgerMonthState } from '../domain/index.js';
import { columns, type ColumnKey } from './columns.js';

export interface ExportVillage {
  readonly name: string;
  readonly state: LedgerMonthState;
}

const ORDER: ColumnKey[] = ['date', 'village', 'type', 'duration', 'mode', 'persons', 'phones', 'summary', 'startTime', 'advisor', 'applicationId', 'entryId'];

const typeName = (c: EntryContent) => (c.type === 'review' && c.reviewSubject ? `审查${reviewSubjectNames[c.reviewSubject]}` : serviceTypeNames[c.type]);
const duration = (minutes: number) => (minutes % 30 === 0 ? minutes / 60 : `${minutes}分钟`);

export async function ledgerExport(villages: readonly ExportVillage[], advisorName: (advisorId: string) => string, show: (c: EntryContent) => EntryContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(ORDER.map((k) => columns[k].header));
  sheet.getRow(1).font = { bold: true };
  for (const { name, state } of villages) {
    if (state.status === 'unopened') continue;
    for (const entry of state.entries) {
      if (entry.status !== 'standing') continue;
      const c = show(entry.content);
      const phones = c.personsServed.every((p) => p.phone !== null) ? c.personsServed.map((p) => p.phone).join('、') : '';
      sheet.addRow([
        c.date, name, typeName(c), duration(c.durationMinutes), c.mode === 'on_site' ? '驻点' : '线上',
        c.personsServed.map((p) => p.name).join('、'), phones, c.summary, c.startTime ?? '', advisorName(c.advisorId), c.legalAidApplicationId ?? '', entry.entryId,
      ]);
    }
  }
  ORDER.forEach((_, i) => (sheet.getColumn(i + 1).width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
