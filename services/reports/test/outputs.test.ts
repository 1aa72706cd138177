// The outputs: the HTML page with its server-drawn charts, the PDF with the Chinese font embedded (a page
// rendered to PNG in /tmp/reports-shots/ to look at), and the workbook of every table.
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { reportHtml } from '../src/outputs/html.js';
import { reportFor } from '../src/report/report-for.js';
import { parsePeriod } from '../src/periods/period.js';
import { reportsFixture } from './support/app.js';
import { dispatch, ledgerHistory, local, reply, signFor, villages, walkIn, workOrderHistory } from './support/histories.js';

t.test('HTML, PDF and XLSX', async (t) => {
  const f = await reportsFixture(t);
  await f.appendWorkOrder('wo-1', workOrderHistory([dispatch('wo-1', local('2026-03-02 10:00')), signFor(local('2026-03-02 10:30')), reply(local('2026-03-03 10:00'))]));
  await f.appendWorkOrder('wo-2', workOrderHistory([dispatch('wo-2', local('2026-05-06 10:00'))]));
  await f.appendLedger(villages.sanhua.villageId, '2026-02', ledgerHistory(villages.sanhua, '2026-02', [{ entryId: 'e1', date: '2026-02-09', minutes: 240 }, { entryId: 'e2', date: '2026-02-16', minutes: 60, type: 'consultation' }], local('2026-02-20 10:00')));
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-04-03 09:00'), 3)]);

  const html = await f.get('/reports/huadu/2026/report.html');
  t.equal(html.statusCode, 200);
  t.match(html.headers['content-type'], /text\/html/);
  t.match(html.body, /花都区公共法律服务数据 · 2026年/);
  t.match(html.body, /<svg[^>]*>/, 'charts as SVG');
  t.match(html.body, /@font-face\{font-family:'Noto Sans SC'/, 'the font inlined');
  t.match(html.body, /来访咨询/);

  const charts = await f.get('/reports/huadu/2026/charts');
  t.equal(charts.statusCode, 200, charts.body);
  const drawn = (charts.json() as { charts: Array<{ key: string; section: string; svg: string }> }).charts;
  t.same(drawn.map((c) => c.section), ['headline', 'hotline', 'legal_aid', 'legal_aid', 'advisors', 'walk_in', 'walk_in'], 'the trend, then each section\'s shares');
  t.ok(drawn.every((c) => /^<svg[^>]*viewBox=/.test(c.svg)), 'each an SVG drawn on the server');
  t.match(drawn.find((c) => c.key === 'walk_ins_by_topic')?.svg, /劳动争议/, 'the walk-ins by topic, in the report\'s words');
  t.equal((await f.get('/reports/baiyun/2026/charts')).statusCode, 404, 'another district\'s charts: as unknown');
  const city = await f.get('/reports/gz/2026/charts', f.tokens.cityAuditor);
  t.ok((city.json() as { charts: Array<{ key: string }> }).charts.some((c) => c.key === 'districts_side_by_side'), 'the city: the districts side by side');

  const pdf = await f.get('/reports/huadu/2026/report.pdf');
  t.equal(pdf.statusCode, 200);
  t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  t.match(pdf.rawPayload.toString('latin1'), /FontFile2|FontFile3|NotoSansSC/, 'a font embedded in the PDF');

  const shots = '/tmp/reports-shots';
  mkdirSync(shots, { recursive: true });
  const report = await reportFor(f.app, { scope: { id: 'huadu', name: '花都区' }, units: [{ id: 'huadu', name: '花都区', orgIds: f.app.organisations.current().organisations.has('huadu') ? ['huadu', 'huadu-plsc', 'huadu-xinhua-sanhua'] : [], villageIds: ['huadu-xinhua-sanhua'] }] }, parsePeriod('2026')!);
  const png = await f.app.reports.renderer.screenshot(reportHtml(report));
  writeFileSync(`${shots}/huadu-2026.png`, png);
  writeFileSync(`${shots}/huadu-2026.pdf`, pdf.rawPayload);
  t.ok(png.length > 10_000, 'a page rendered to look at');

  const xlsx = await f.get('/reports/huadu/2026/report.xlsx');
  t.equal(xlsx.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const names = book.worksheets.map((s) => s.name);
  t.ok(names.some((n) => n.includes('主要数据')), 'the headline table');
  t.ok(names.some((n) => n.includes('12345工单明细')), 'a drill-down list');
  const orders = book.worksheets.find((s) => s.name.includes('12345工单明细'))!;
  t.equal(orders.rowCount - 1, 2, 'its rows are the figure');
  t.equal((await f.get('/reports/baiyun/2026/report.xlsx')).statusCode, 404, 'another district\'s workbook: as unknown');

  // The drawings are kept by what they draw: asked again, the same; a new fact, drawn anew.
  const topicChart = async () => ((await f.get('/reports/huadu/2026/charts')).json() as { charts: Array<{ key: string; svg: string }> }).charts.find((c) => c.key === 'walk_ins_by_topic')?.svg ?? '';
  const before = await topicChart();
  t.equal(await topicChart(), before, 'the same figures, the same drawing');
  t.notMatch(before, /婚姻家庭/);
  await f.appendWalkIn('w2', [walkIn('w2', 'huadu-plsc', 'huadu', local('2026-04-08 09:00'), 2, 'marriage_family')]);
  t.match(await topicChart(), /婚姻家庭/, 'a new visit: drawn anew');
});
