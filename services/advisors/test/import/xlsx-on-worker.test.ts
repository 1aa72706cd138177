// A large workbook is read on a worker thread: the same sheets and rows as read on this thread (every
// cell shape, blank rows, the 说明 sheet skipped), a file that is not a workbook refused the same way,
// and the import's reading of rows through it the same as without it.
import ExcelJS from 'exceljs';
import t from 'tap';
import { readLedgerRows } from '../../src/commands/import-rows.js';
import { openXlsx, openXlsxOnWorker, type OpenedWorkbook } from '../../src/import/index.js';

const HEADER = ['日期', '村(社区)', '服务类型', '时长(小时)', '驻点/线上', '服务对象', '联系电话', '内容摘要', '开始时间'];

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const march = wb.addWorksheet('三月');
  march.addRow(HEADER);
  march.addRow([new Date(Date.UTC(2026, 2, 5)), '东沙村', '驻点值班', 4, '驻点', null, null, '驻点值班', new Date(Date.UTC(1899, 11, 30, 9, 0))]);
  march.addRow([46094, '东沙村', '法律咨询', '1.5', '现场', '王五、赵六', '13800000001、13800000002', { richText: [{ text: '土地承包' }, { text: '纠纷' }] }, '14:00']);
  march.addRow([]);
  for (let i = 0; i < 4500; i += 1) {
    const minutes = Math.floor(i / 28);
    march.addRow([`2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, '东沙村', '调解', '90分钟', '驻点', `村民${i}`, '', `第${i}次`, `${8 + Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`]);
  }
  const february = wb.addWorksheet('二月');
  february.addRow(HEADER);
  february.addRow(['2026年2月9日', '东沙村', '调解', '90分钟', '驻点', '钱七', '020-88886666', '邻里纠纷调解', null]);
  wb.addWorksheet('说明').addRow(['列', '说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function everything(opened: OpenedWorkbook) {
  if (!opened.ok) return opened;
  const sheets: { name: string; rows: { number: number; cells: string[] }[] }[] = [];
  for await (const sheet of opened.sheets) {
    const rows = [];
    for await (const row of sheet.rows) rows.push(row);
    sheets.push({ name: sheet.name, rows });
  }
  return sheets;
}

t.test('the same sheets and rows as read on this thread', async (t) => {
  const file = await workbook();
  const here = await everything(await openXlsx(file));
  const there = await everything(await openXlsxOnWorker(file));
  t.ok(Array.isArray(here) && here.length === 2 && here[0]!.rows.length > 4500 && here[1]!.rows.length === 2, 'the workbook read (its rows in more than one batch)');
  t.strictSame(there, here);
  t.match(await openXlsxOnWorker(Buffer.from('not a workbook')), { ok: false, rule: 'not_xlsx' });
});

t.test('the import reads the same ledgers through the worker as without it', async (t) => {
  const file = await workbook();
  const reading = { today: '2026-03-31', villageIdOf: (name: string) => (name === '东沙村' ? 'v-dongsha' : undefined), advisorIdOf: () => undefined, advisorId: 'chen' };
  const onThread = await readLedgerRows(file, 'xlsx', reading, undefined, Number.POSITIVE_INFINITY);
  const onWorker = await readLedgerRows(file, 'xlsx', reading, undefined, 0);
  t.equal(onWorker.rowCount, 4503);
  t.strictSame([...onWorker.groups.entries()], [...onThread.groups.entries()]);
});
