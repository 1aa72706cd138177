// The city's report: district by district, the city's own organisations (市本级: the city's legal-aid
// office) as a row of their own, and the total row (全市合计) the sum of the rows, in the JSON, the HTML
// and the workbook. The 市本级 row's drill-down lists its facts; a district role does not see it.
import ExcelJS from 'exceljs';
import t from 'tap';
import { reportsFixture } from './support/app.js';
import { approve, assign, dispatch, ledgerHistory, legalAidHistory, local, notification, pledge, submit, villages, walkIn, workOrderHistory } from './support/histories.js';

/** A notice from an authority that sits at city level (the intermediate court): the city office's case. */
const cityLevelNotice = (step: ReturnType<typeof notification>): ReturnType<typeof notification> => {
  if (step.command.type !== 'ReceiveNotification') return step;
  const data = step.command.data;
  return { ...step, command: { ...step.command, data: { ...data, notifyingAuthority: { ...data.notifyingAuthority, name: '广州市中级人民法院', sits: { cityLevel: true } } } } };
};

t.test('the city: district by district, 市本级, and the total row', async (t) => {
  const f = await reportsFixture(t, new Date('2026-04-10T02:00:00Z'));
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);
  await f.appendWalkIn('w2', [walkIn('w2', 'baiyun-plsc', 'baiyun', local('2026-03-04 09:00'), 3)]);
  const order = crypto.randomUUID();
  await f.appendWorkOrder(order, workOrderHistory([dispatch(order, local('2026-03-02 10:00'))]));
  await f.appendLedger(villages.jingtai.villageId, '2026-03', ledgerHistory(villages.jingtai, '2026-03', [{ entryId: 'e1', date: '2026-03-02', minutes: 300 }], local('2026-03-20 10:00')));
  // 花都 decides in 2 working days; the city's office is notified of a case and assigns a lawyer.
  await f.appendLegalAid('app-1', legalAidHistory([{ command: submit('app-1'), now: local('2026-03-02 10:00') }, pledge(local('2026-03-02 10:10')), approve(local('2026-03-04 10:00'))]));
  await f.appendLegalAid('city-1', legalAidHistory([
    cityLevelNotice(notification('city-1', local('2026-03-05 09:00'), 'gz-legal-aid')),
    { ...assign(local('2026-03-06 09:00')), by: { id: 'gz-legal-aid', kind: 'legal_aid_office' } },
  ]));

  const res = await f.get('/reports/gz/2026-03', f.tokens.cityAuditor);
  t.equal(res.statusCode, 200, res.body);
  const report = res.json();
  type Row = { districtId: string; name: string; figures: Record<string, { value: number | null }>; links?: { figures: Record<string, string> } };
  const rows = report.districts as Row[];
  const byId = new Map(rows.map((d) => [d.districtId, d]));
  const city = byId.get('gz');
  t.ok(city, 'the city\'s own organisations are a row');
  t.equal(city?.name, '广州市本级');
  t.equal(city?.figures.notified?.value, 1, 'the city office\'s notified case counts under the city');
  t.equal(city?.figures.legal_aid_cases?.value, 1, '… and as a case (宗), assigned');
  t.equal(byId.get('huadu')?.figures.notified?.value, 0, 'in no district');

  const total = report.total as Row;
  t.equal(total.name, '全市合计');
  for (const key of ['walk_in_persons', 'work_orders', 'legal_aid_cases', 'notified', 'advisor_services', 'on_site_hours', 'received']) {
    t.equal(total.figures[key]?.value, rows.reduce((n, d) => n + (d.figures[key]?.value ?? 0), 0), `${key}: the total is the sum of the rows`);
  }
  t.equal(total.figures.walk_in_persons?.value, 5);
  t.equal(total.figures.legal_aid_cases?.value, 2, '花都\'s grant and the city\'s notified case');
  t.equal(total.figures.median_days_to_decision?.value, byId.get('huadu')?.figures.median_days_to_decision?.value, 'the median over every row\'s decisions (花都\'s only)');

  const list = await f.get(city!.links!.figures.legal_aid_cases!, f.tokens.cityAuditor);
  t.equal(list.statusCode, 200, list.body);
  t.match(list.json(), { total: 1, items: [{ caseId: 'city-1', orgId: 'gz-legal-aid' }] }, 'the 市本级 row\'s drill-down lists its case');
  t.same(Object.keys(list.json().organisationNames), ['gz-legal-aid'], 'the page\'s organisations named, and only those');
  t.not(list.json().organisationNames['gz-legal-aid'], 'gz-legal-aid', 'by their name on the registry');
  t.equal((await f.get('/reports/gz/2026-03/figures/legal_aid_cases/facts', f.tokens.huaduStatistician)).statusCode, 404, 'a district role: as unknown');

  const html = await f.get('/reports/gz/2026-03/report.html', f.tokens.cityAuditor);
  t.match(html.body, /分区数据与全市合计/);
  t.match(html.body, /全市合计 · 核心指标|全市合计 ·/);
  const xlsx = await f.get('/reports/gz/2026-03/report.xlsx', f.tokens.cityAuditor);
  t.equal(xlsx.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets.find((w) => w.name.includes('全市合计'));
  t.ok(sheet, 'the workbook has the city table');
  const lastRow = sheet?.getRow(sheet.rowCount);
  t.equal(lastRow?.getCell(1).value, '全市合计', 'its last row is the total');
});
