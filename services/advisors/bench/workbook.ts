// The benchmark's file: a province's month as one XLSX sheet in the template's columns, each village's
// advisor logging `perVillage` services over March (distinct day and start, so no two rows are one service).
import ExcelJS from 'exceljs';
import type { BenchVillage } from './seed.js';

const TYPES = ['驻点值班', '咨询', '法律意见', '调解', '普法讲座', '法治体检', '审查合同', '法援转介'];
const HEADER = ['日期', '村(社区)', '服务类型', '时长(小时)', '驻点/线上', '服务对象', '联系电话', '内容摘要', '开始时间', '法律顾问'];

export async function provinceMonth(villages: readonly BenchVillage[], perVillage: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(HEADER);
  for (const v of villages) {
    for (let i = 0; i < perVillage; i += 1) {
      const day = 1 + (i % 28);
      const slot = Math.floor(i / 28);
      const minutes = 8 * 60 + slot * 20;
      const type = TYPES[i % TYPES.length] as string;
      const duty = type === '驻点值班';
      sheet.addRow([
        `2026-03-${String(day).padStart(2, '0')}`, v.name, type, duty ? 4 : 1, duty || i % 2 === 0 ? '驻点' : '线上',
        duty ? '' : `村民${i}`, duty ? '' : `139${String(i).padStart(8, '0')}`, `${type}：第${i}次服务`,
        `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`, v.licenceNumber,
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
