// The import template to download (导入模板): a 台账 sheet with the column headers in Chinese, one example
// row, and a 说明 sheet explaining each column (required or not, what it accepts). Built with exceljs.
import ExcelJS from 'exceljs';
import { serviceTypeNames, serviceTypes } from '../domain/index.js';
import { columns, type ColumnKey } from './columns.js';

const accepts: Record<ColumnKey, string> = {
  date: '2026-03-05、2026/3/5、2026年3月5日 或 Excel 日期',
  village: '村(社区)名称，与组织机构名录一致',
  type: serviceTypes.map((t) => serviceTypeNames[t]).join('、'),
  duration: '小时数，如 2、1.5；或 2小时、90分钟',
  mode: '驻点(现场、到村) 或 线上(远程、电话、微信)；驻点值班留空即为驻点',
  persons: '姓名，多人用 、 分隔',
  phones: '与服务对象一一对应，用 、 分隔；可不填',
  summary: '服务内容摘要',
  startTime: '如 9:30；同一天同类服务多次时用于区分',
  advisor: '法律顾问姓名或执业证号；不填则为导入人本人',
  applicationId: '仅法援转介填写：法律援助申请编号',
  entryId: '可不填；填写则重复导入时按编号识别',
};

export async function ledgerTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const keys = Object.keys(columns) as ColumnKey[];
  const ledger = workbook.addWorksheet('台账');
  ledger.addRow(keys.map((k) => columns[k].header));
  ledger.addRow(['2026-03-05', '三华村', '驻点值班', 4, '驻点', '', '', '村法律服务室驻点值班', '09:00', '', '', '']);
  ledger.getRow(1).font = { bold: true };
  keys.forEach((_, i) => (ledger.getColumn(i + 1).width = 16));
  const help = workbook.addWorksheet('说明');
  help.addRow(['列', '必填', '填写方式']);
  help.getRow(1).font = { bold: true };
  for (const k of keys) help.addRow([columns[k].header, columns[k].required ? '是' : '否', accepts[k]]);
  help.addRow([]);
  help.addRow(['整个文件全部导入或全部不导入：任何一行有错，都会列出所有错误（工作表、行号、列、规则），文件不导入。重复导入同一文件不会重复登记。']);
  help.getColumn(1).width = 14;
  help.getColumn(3).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
