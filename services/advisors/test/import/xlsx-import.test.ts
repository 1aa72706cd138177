// XLSX: the reader (cells as people leave them: date cells, Excel serials, time cells, numbers, rich text,
// formulas, blank trailing rows, several sheets, the 说明 sheet skipped), the template (and importing it
// back), and the upload route on a workbook: all or nothing across sheets, errors naming the sheet.
import ExcelJS from 'exceljs';
import t from 'tap';
import { cellText, ledgerTemplate, readXlsx } from '../../src/import/index.js';
import { ADVISOR, advisorsFixture, type AdvisorsFixture } from '../support/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['日期', '村(社区)', '服务类型', '时长(小时)', '驻点/线上', '服务对象', '联系电话', '内容摘要', '开始时间'];

async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (f: AdvisorsFixture, body: Buffer, token = f.tokens.advisor) =>
  f.app.inject({ method: 'POST', url: '/imports', headers: { authorization: token, 'content-type': XLSX }, payload: body });

t.test('cells as the row parser reads them', async (t) => {
  t.equal(cellText(new Date(Date.UTC(2026, 2, 5))), '2026-03-05', 'a date cell');
  t.equal(cellText(new Date(Date.UTC(1899, 11, 30, 9, 30))), '09:30', 'a time-only cell');
  t.equal(cellText(46094), '46094', 'an unformatted serial stays a serial');
  t.equal(cellText(1.5), '1.5');
  t.equal(cellText({ richText: [{ text: '土地' }, { text: '纠纷' }] }), '土地纠纷');
  t.equal(cellText({ formula: 'A1*2', result: 4 } as ExcelJS.CellValue), '4');
  t.equal(cellText(null), '');
  t.match(await readXlsx(Buffer.from('not a workbook')), { ok: false, rule: 'not_xlsx' });
});

t.test('a workbook of two sheets imports whole, the 说明 sheet skipped; again, nothing', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  await f.post('/villages/huadu-xinhua-xicun/appointments', { advisorId: ADVISOR.advisorId, from: '2026-02-01', to: '2026-12-31' }, f.tokens.admin);
  const file = await workbook({
    三月: [HEADER,
      [new Date(Date.UTC(2026, 2, 5)), '东沙村', '驻点值班', 4, '驻点', null, null, '驻点值班', new Date(Date.UTC(1899, 11, 30, 9, 0))],
      [46094, '东沙村', '法律咨询', '1.5', '现场', '王五、赵六', '13800000001、13800000002', { richText: [{ text: '土地承包' }, { text: '纠纷' }] }, '14:00'],
      [null, null, null], [], []],
    二月: [HEADER, ['2026年2月9日', '西村', '调解', '90分钟', '驻点', '钱七', '020-88886666', '邻里纠纷调解', null]],
    说明: [['列', '说明'], ['日期', '不是数据']],
  });
  const res = await upload(f, file);
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { status: 'completed', rows: 3, newRows: 3, ledgers: [{ villageId: 'huadu-xinhua-dongsha', month: '2026-03', newRows: 2 }, { villageId: 'huadu-xinhua-xicun', month: '2026-02', newRows: 1 }] });
  const march = (await f.get('/villages/huadu-xinhua-dongsha/ledger/2026-03', f.tokens.office)).json();
  t.match(march.entries, [
    { content: { date: '2026-03-05', startTime: '09:00', type: 'on_site_duty', durationMinutes: 240 } },
    { content: { date: '2026-03-13', startTime: '14:00', type: 'consultation', durationMinutes: 90, summary: '土地承包纠纷' } },
  ]);
  const before = await f.streamRevisions();
  t.match((await upload(f, file)).json(), { status: 'nothing_new', alreadyLogged: 3 });
  t.same(await f.streamRevisions(), before);
});

t.test('one bad row in one sheet: nothing from any sheet, the error names the sheet', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const before = await f.streamRevisions();
  const file = await workbook({
    好: [HEADER, ['2026-03-05', '东沙村', '驻点值班', 4, '驻点', null, null, '驻点值班', '09:00']],
    坏: [HEADER, ['2026-03-06', '东沙村', '喝茶', 1, '驻点', null, null, '喝茶', null]],
  });
  const res = await upload(f, file);
  t.equal(res.statusCode, 422, res.body);
  t.match(res.json().importErrors, [{ sheet: '坏', row: 2, column: '服务类型', rule: 'unknown_service_type' }]);
  t.match(res.json().detail, /坏 第2行 \[服务类型\] unknown_service_type/);
  t.same(await f.streamRevisions(), before, 'the good sheet is not imported either');
  const notXlsx = await upload(f, Buffer.from('PK not really'));
  t.equal(notXlsx.statusCode, 422);
  t.match(notXlsx.json().importErrors, [{ rule: 'not_xlsx' }]);
});

/** `file` with the unpacked size its archive's directory declares for `part` set to `declared`. */
function declaring(file: Buffer, part: string, declared: number): Buffer {
  const copy = Buffer.from(file);
  for (let at = 0; at + 46 < copy.length; at += 1) {
    if (copy.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = copy.readUInt16LE(at + 28);
    if (copy.toString('utf8', at + 46, at + 46 + nameLength) !== part) continue;
    copy.writeUInt32LE(declared, at + 24);
    return copy;
  }
  throw new Error(`no ${part} in the archive`);
}

t.test('a part that unpacks to more than it declares, or declares too much (a ZIP bomb): refused, nothing written', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const before = await f.streamRevisions();
  const good = await workbook({ 三月: [HEADER, ['2026-03-05', '东沙村', '驻点值班', 4, '驻点', null, null, '驻点值班', '09:00']] });
  t.match(await readXlsx(good), { ok: true }, 'the file as written reads');
  for (const [what, file] of [
    ['the sheet unpacks past its declared size', declaring(good, 'xl/worksheets/sheet1.xml', 100)],
    ['the shared strings unpack past theirs', declaring(good, 'xl/sharedStrings.xml', 10)],
    ['a part declares 4 GiB', declaring(good, 'xl/worksheets/sheet1.xml', 0xfffffff0)],
  ] as const) {
    t.match(await readXlsx(file), { ok: false, rule: 'not_xlsx' }, what);
    const res = await upload(f, file);
    t.equal(res.statusCode, 422, `${what}: ${res.body}`);
    t.match(res.json().importErrors, [{ rule: 'not_xlsx' }]);
  }
  t.same(await f.streamRevisions(), before, 'nothing written');
});

t.test('the template: Chinese headers and an explanation sheet; filled in, it imports', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua');
  const res = await f.app.inject({ method: 'GET', url: '/imports/template.xlsx', headers: { authorization: f.tokens.office } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  t.same(wb.worksheets.map((w) => w.name), ['台账', '说明']);
  t.same((wb.getWorksheet('台账')!.getRow(1).values as unknown[]).slice(1, 4), ['日期', '村(社区)', '服务类型']);
  t.ok(wb.getWorksheet('说明')!.rowCount > 10, 'each column explained');
  const imported = await upload(f, res.rawPayload);
  t.equal(imported.statusCode, 200, imported.body);
  t.match(imported.json(), { newRows: 1, ledgers: [{ villageId: 'huadu-xinhua-sanhua', month: '2026-03' }] });
  t.ok((await ledgerTemplate()).length > 1000);
});

t.test('a township\'s month exported as XLSX in the template\'s columns: imported again, nothing new', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const csv = (await import('node:fs')).readFileSync(new URL('./fixtures/good-ledger.csv', import.meta.url));
  t.equal((await f.app.inject({ method: 'POST', url: '/imports', headers: { authorization: f.tokens.advisor, 'content-type': 'text/csv' }, payload: csv })).statusCode, 200);
  const url = '/judicial-offices/huadu-xinhua-so/ledger/2026-03/export.xlsx';
  const res = await f.get(url, f.tokens.office);
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers['content-type'], XLSX);
  const read = await readXlsx(res.rawPayload);
  t.ok(read.ok);
  const rows = read.ok ? read.sheets[0]!.rows : [];
  t.same(rows[0], ['日期', '村(社区)', '服务类型', '时长(小时)', '驻点/线上', '服务对象', '联系电话', '内容摘要', '开始时间', '法律顾问', '法援申请编号', '记录编号']);
  t.equal(rows.length, 6, 'the header and five entries');
  t.ok(rows.some((r) => r.includes('王五、赵六')), 'the office sees the persons served');
  const before = await f.streamRevisions();
  const back = await upload(f, res.rawPayload);
  t.match(back.json(), { status: 'nothing_new', alreadyLogged: 5 }, 'the same columns as the import: nothing twice');
  t.same(await f.streamRevisions(), before);
  const masked = await f.get(url, f.tokens.auditor);
  t.equal(masked.statusCode, 200);
  const maskedRows = await readXlsx(masked.rawPayload);
  t.notOk(JSON.stringify(maskedRows).includes('王五'), 'masked for the district');
  t.equal((await f.get(url, f.tokens.baiyunAdmin)).statusCode, 404, 'another district: no such office');
  t.equal((await f.get('/judicial-offices/huadu-xinhua-sanhua/ledger/2026-03/export.xlsx', f.tokens.auditor)).statusCode, 404, 'a village is not an office');
});
