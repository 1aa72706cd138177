// The figures on a small hand-made year (2026) in 花都 and 白云, every history decided by its owning
// service's own decider: each figure equals a count made here independently from the histories, each
// drill-down list's length (or total) is its figure, and a district sees its own district only.
import t from 'tap';
import { reportsFixture } from './support/app.js';
import {
  approve, assign, closeCase, dispatch, followUp, ledgerHistory, legalAidHistory, local, notification, pledge, refuse, reply, review, signFor, submit, villages, walkIn, walkInVoided, workOrderHistory,
} from './support/histories.js';

t.test('a district-year counted from the events', async (t) => {
  const f = await reportsFixture(t);

  // 12345: three orders to 花都's centre in 2026 (one signed late, one replied and satisfied), one in 2025, one to 白云.
  await f.appendWorkOrder('wo-1', workOrderHistory([dispatch('wo-1', local('2026-03-02 10:00')), signFor(local('2026-03-02 10:30')), reply(local('2026-03-03 10:00')), followUp(local('2026-03-05 10:00'), 'satisfied', true)]));
  await f.appendWorkOrder('wo-2', workOrderHistory([dispatch('wo-2', local('2026-06-01 10:00')), signFor(local('2026-06-02 16:00'))]));
  await f.appendWorkOrder('wo-3', workOrderHistory([dispatch('wo-3', local('2026-11-02 10:00'), 'huadu-plsc', 'complaint'), signFor(local('2026-11-02 11:00')), reply(local('2026-11-04 10:00')), followUp(local('2026-11-06 10:00'), 'dissatisfied', false)]));
  await f.appendWorkOrder('wo-0', workOrderHistory([dispatch('wo-0', local('2025-12-01 10:00'))]));
  await f.appendWorkOrder('wo-b', workOrderHistory([dispatch('wo-b', local('2026-04-01 10:00'), 'baiyun-plsc')]));

  // Legal aid: two granted, one refused, one notified and assigned, one received in 2025 and granted in 2025.
  await f.appendLegalAid('app-1', legalAidHistory([{ command: submit('app-1'), now: local('2026-03-02 10:00') }, pledge(local('2026-03-02 10:10')), approve(local('2026-03-04 10:00')), assign(local('2026-03-05 10:00')), closeCase(local('2026-08-01 10:00')), review(local('2026-09-01 10:00'), 'good')]));
  await f.appendLegalAid('app-2', legalAidHistory([{ command: submit('app-2', { matterType: 'personal_injury', channel: { kind: 'online' } }), now: local('2026-05-11 10:00') }, pledge(local('2026-05-11 10:10')), approve(local('2026-05-18 10:00')), assign(local('2026-05-19 10:00')), closeCase(local('2026-09-01 10:00')), review(local('2026-10-01 10:00'), 'pass')]));
  await f.appendLegalAid('app-3', legalAidHistory([{ command: submit('app-3'), now: local('2026-07-01 10:00') }, refuse(local('2026-07-03 10:00'))]));
  await f.appendLegalAid('case-4', legalAidHistory([notification('case-4', local('2026-08-03 09:00')), assign(local('2026-08-04 09:00'))]));
  await f.appendLegalAid('app-0', legalAidHistory([{ command: submit('app-0'), now: local('2025-12-01 10:00') }, pledge(local('2025-12-01 10:10')), approve(local('2025-12-02 10:00'))]));

  // Advisors: 三华村 with 8 h on site in January and 3 h in February; 新街社区 a lecture in March.
  await f.appendLedger(villages.sanhua.villageId, '2026-01', ledgerHistory(villages.sanhua, '2026-01', [{ entryId: 'e1', date: '2026-01-05', minutes: 240 }, { entryId: 'e2', date: '2026-01-12', minutes: 240 }], local('2026-01-20 10:00')));
  await f.appendLedger(villages.sanhua.villageId, '2026-02', ledgerHistory(villages.sanhua, '2026-02', [{ entryId: 'e3', date: '2026-02-09', minutes: 180 }], local('2026-02-20 10:00')));
  await f.appendLedger(villages.xinjie.villageId, '2026-03', ledgerHistory(villages.xinjie, '2026-03', [{ entryId: 'e4', date: '2026-03-09', minutes: 90, type: 'lecture' }], local('2026-03-20 10:00')));

  // Walk-ins: 3 persons + 2 persons at the centre, a voided one of 4, one in 白云.
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-02-03 09:00'), 3)]);
  await f.appendWalkIn('w2', [walkIn('w2', 'huadu-station-xinhua', 'huadu', local('2026-09-03 09:00'), 2, 'marriage_family', 'referred_to_legal_aid')]);
  await f.appendWalkIn('w3', [walkIn('w3', 'huadu-plsc', 'huadu', local('2026-09-04 09:00'), 4), walkInVoided('w3')]);
  await f.appendWalkIn('wb', [walkIn('wb', 'baiyun-plsc', 'baiyun', local('2026-05-04 09:00'), 5)]);

  const res = await f.get('/reports/huadu/2026');
  t.equal(res.statusCode, 200, res.body);
  const [huadu] = res.json().districts;
  const value = (key: string) => huadu.figures[key].value;
  t.same(
    { walkIns: value('walk_in_persons'), visits: value('walk_in_visits'), orders: value('work_orders'), cases: value('legal_aid_cases'), services: value('advisor_services') },
    { walkIns: 5, visits: 2, orders: 3, cases: 3, services: 4 },
    'the headline figures in the report\'s units: 人次 5 (3 + 2, the voided visit not counted), 件 3, 宗 3 (two granted + one notified assigned), 件/次 4',
  );
  t.same(huadu.figures.work_orders.previous, 1, 'the previous year: one order in 2025');
  t.same(huadu.figures.work_orders.change, 2);
  t.same(huadu.figures.legal_aid_cases.previous, 1, 'app-0 granted in 2025');
  t.match(huadu.rates.timely_sign_for_rate, { numerator: 2, denominator: 3 }, '及时签收率: wo-2 signed a day late');
  t.match(huadu.rates.satisfaction_rate, { numerator: 1, denominator: 2 });
  t.match(huadu.rates.resolution_rate, { numerator: 1, denominator: 2 });
  t.match(huadu.rates.on_time_reply_rate, { numerator: 2, denominator: 2 });
  t.same([value('received'), value('decided'), value('approved'), value('refused'), value('notified')], [3, 3, 2, 1, 1]);
  t.match(huadu.rates.excellent_or_good_rate, { numerator: 1, denominator: 2 }, '优良率: one good, one pass');
  t.same(huadu.breakdowns.received_by_matter_type, { employment_or_wages: 2, personal_injury: 1 });
  t.same(huadu.breakdowns.received_by_channel, { counter: 2, online: 1 });
  t.same(huadu.breakdowns.cases_by_kind, { application: 2, notified: 1 });
  t.equal(value('on_site_hours'), 12.5, 'on site: 4 + 4 + 3 hours of duty and the 1.5-hour lecture');
  t.same(huadu.breakdowns.services_by_type, { on_site_duty: 3, lecture: 1 });
  t.same(huadu.breakdowns.walk_ins_by_topic, { labour: 3, marriage_family: 2 });
  t.equal(huadu.villagesMetEveryMonth.value, 0, 'no village met the minimum in every month of the year');
  t.equal(huadu.monthly.work_orders['2026-03'], 1);

  t.test('each drill-down list is its figure', async (t) => {
    for (const [key, figure] of Object.entries(huadu.figures as Record<string, { value: number | null }>)) {
      if (key === 'median_days_to_decision') continue;
      const list = await f.get(huadu.links.figures[key]);
      t.equal(list.statusCode, 200, list.body);
      const body = list.json();
      const summed = ['walk_in_persons', 'on_site_hours'].includes(key);
      t.equal(summed ? body.sum : body.total, figure.value, `${key}: the list's ${summed ? 'sum' : 'length'} is the figure`);
      t.equal(body.items.length, Math.min(body.total, 100));
    }
    const cases = (await f.get(huadu.links.figures.legal_aid_cases)).json();
    t.same(cases.items.map((i: { caseId: string }) => i.caseId).sort(), ['app-1', 'app-2', 'case-4'], 'the cases counted, by id');
  });

  t.test('a drill-down pages by keyset: the pages walked are the whole list, once each', async (t) => {
    const whole = (await f.get(huadu.links.figures.advisor_services)).json();
    const first = (await f.get(`${huadu.links.figures.advisor_services}?limit=3`)).json();
    t.same([first.total, first.items.length, first.previous], [4, 3, null], 'the first page, and the whole list\'s length');
    const second = (await f.get(first.next)).json();
    t.same([second.items.length, second.next], [1, null], 'the last page');
    t.same([...first.items, ...second.items].map((i: { factId: string }) => i.factId), whole.items.map((i: { factId: string }) => i.factId), 'in the list\'s order');
    const back = (await f.get(second.previous)).json();
    t.same(back.items, first.items, 'and back');
    const newest = (await f.get(`${huadu.links.figures.advisor_services}?sort=-occurredAt&limit=1`)).json();
    t.equal(newest.items[0].factId, whole.items.at(-1).factId, 'newest first');
    const wrongSort = await f.get(`${huadu.links.figures.advisor_services}?sort=recordedAt&cursor=${encodeURIComponent(first.nextCursor)}`);
    t.equal(wrongSort.statusCode, 400, 'a cursor of another sort');
    t.match(wrongSort.json(), { errors: [{ field: 'querystring.cursor', rule: 'cursor_sort' }] });
    const villagesCursor = await f.get(`${huadu.links.figures.villages_met_every_month}?cursor=${encodeURIComponent(first.nextCursor)}`);
    t.equal(villagesCursor.statusCode, 400, 'a cursor of another list');
    t.equal((await f.get(`${huadu.links.figures.advisor_services}?offset=1`)).statusCode, 400, 'offset is no longer taken');
  });

  t.test('every drill-down of the row at once: each list the figure\'s own first page', async (t) => {
    const res = await f.get('/reports/huadu/2026/drill-downs');
    t.equal(res.statusCode, 200, res.body);
    const all = res.json();
    t.same([all.districtId, all.period, all.asOf], ['huadu', '2026', null]);
    for (const [key, figure] of Object.entries(huadu.figures as Record<string, { value: number | null }>)) {
      const own = (await f.get(huadu.links.figures[key])).json();
      const list = all.lists[key];
      t.same([list.total, list.sum, list.items, list.nextCursor], [own.total, own.sum, own.items, own.nextCursor], `${key}: as its own drill-down's first page`);
      if (key === 'median_days_to_decision') continue;
      const summed = ['walk_in_persons', 'on_site_hours'].includes(key);
      t.equal(summed ? list.sum : list.total, figure.value, `${key}: the list's ${summed ? 'sum' : 'length'} is the figure`);
    }
    t.same([all.lists.villages_met_every_month.total, all.lists.villages_met_every_month.villageIds], [0, []], '每月达标村: none');
    t.equal(all.organisationNames['huadu-station-xinhua'], '花都区新华街法律援助工作站', 'the organisations named');
    t.notOk(Object.keys(all.organisationNames).some((id) => id.startsWith('baiyun')), 'none of 白云\'s');

    const paged = (await f.get('/reports/huadu/2026/drill-downs?limit=3')).json();
    const own = (await f.get(`${huadu.links.figures.advisor_services}?limit=3`)).json();
    t.same([paged.lists.advisor_services.items, paged.lists.advisor_services.nextCursor], [own.items, own.nextCursor], 'a page of 3: the figure\'s own first page of 3');
    const second = await f.get(paged.lists.advisor_services.next);
    t.equal(second.statusCode, 200, second.body);
    t.same(second.json().items, (await f.get(own.next)).json().items, 'its next is the figure\'s own second page');
    t.equal(paged.lists.work_orders.items.length, 3);
    t.equal(paged.lists.advisor_services.next, `/reports/huadu/2026/figures/advisor_services/facts?sort=occurredAt&limit=3&as=closed&cursor=${encodeURIComponent(paged.lists.advisor_services.nextCursor)}`, 'next: the figure\'s route with the same query');
    const newest = (await f.get('/reports/huadu/2026/drill-downs?sort=-recordedAt&limit=1')).json();
    const ownNewest = (await f.get(`${huadu.links.figures.advisor_services}?sort=-recordedAt&limit=1`)).json();
    t.same(newest.lists.advisor_services.items, ownNewest.items, 'sorted as asked');
    t.equal(newest.lists.work_orders.total, 3, 'the totals whatever the page');
  });

  t.test('every drill-down at once: reach and bad input', async (t) => {
    const bare = (body: string) => { const { instance: _i, requestId: _r, ...rest } = JSON.parse(body) as Record<string, unknown>; return rest; };
    const theirs = await f.get('/reports/baiyun/2026/drill-downs');
    t.equal(theirs.statusCode, 404, '花都\'s statistician asking for 白云\'s');
    t.same(bare(theirs.body), bare((await f.get('/reports/nowhere/2026/drill-downs')).body), 'answered as a district that does not exist');
    t.equal((await f.get('/reports/gz/2026/drill-downs')).statusCode, 404, 'nor the city\'s');
    t.equal((await f.get('/reports/huadu/2026/drill-downs', f.token('centre_staff', 'huadu-plsc'))).statusCode, 403, 'a role with no use for it');
    const city = await f.get('/reports/gz/2026/drill-downs', f.tokens.cityAuditor);
    t.equal(city.statusCode, 200, city.body);
    t.same([city.json().districtId, city.json().lists.work_orders.total], ['gz', 0], 'the city: its own organisations (市本级)');
    const baiyun = (await f.get('/reports/baiyun/2026/drill-downs', f.tokens.cityAuditor)).json();
    t.same([baiyun.lists.walk_in_persons.sum, baiyun.lists.work_orders.items.map((i: { caseId: string }) => i.caseId)], [5, ['wo-b']], 'the city\'s auditor reads 白云\'s, 白云\'s facts only');
    const bad = await f.get('/reports/huadu/2026/drill-downs?limit=0');
    t.equal(bad.statusCode, 400);
    t.match(bad.headers['content-type'], /application\/problem\+json/);
    t.match(bad.body, /limit/);
    t.equal((await f.get('/reports/huadu/2026/drill-downs?cursor=abc')).statusCode, 400, 'no cursor: each list pages on at its own route');
    t.equal((await f.get('/reports/huadu/2026-13/drill-downs')).statusCode, 400, 'a period that is none');
  });

  t.test('the months judged: a month with its minimum met counts', async (t) => {
    const january = (await f.get('/reports/huadu/2026-01')).json().districts[0];
    t.equal(january.villagesMetEveryMonth.value, 1, '三华村 met 8 hours in January');
    t.same((await f.get(january.links.figures.villages_met_every_month)).json().villageIds, [villages.sanhua.villageId]);
  });

  t.test('median working days to decision', async (t) => {
    // app-1: Mon 2 Mar → Wed 4 Mar (2); app-2: Mon 11 May → Mon 18 May (5); app-3: Wed 1 Jul → Fri 3 Jul (2).
    t.equal(value('median_days_to_decision'), 2);
  });

  t.test('a district sees its own district only; the city sees each', async (t) => {
    t.equal((await f.get('/reports/baiyun/2026')).statusCode, 404, '花都 statistician asking for 白云');
    t.equal((await f.get('/reports/gz/2026')).statusCode, 404, 'a district role asking for the city');
    const bare = (body: string) => { const { instance: _i, requestId: _r, ...rest } = JSON.parse(body) as Record<string, unknown>; return rest; };
    t.same(bare((await f.get('/reports/nowhere/2026')).body), bare((await f.get('/reports/baiyun/2026')).body), 'out of reach answers as unknown');
    t.equal((await f.get('/reports/baiyun/2026/figures/work_orders/facts')).statusCode, 404, 'nor its drill-down');
    const city = await f.get('/reports/gz/2026', f.tokens.cityAuditor);
    t.equal(city.statusCode, 200, city.body);
    const byDistrict = Object.fromEntries(city.json().districts.map((d: { districtId: string; figures: Record<string, { value: number }> }) => [d.districtId, d.figures['work_orders']?.value]));
    t.same(byDistrict, { baiyun: 1, huadu: 3, gz: 0 }, 'each district, and the city\'s own organisations (市本级)');
    const baiyun = city.json().districts.find((d: { districtId: string }) => d.districtId === 'baiyun');
    t.equal(baiyun.figures.walk_in_persons.value, 5);
    t.equal((await f.get('/reports/huadu/2026', f.tokens.baiyunStatistician)).statusCode, 404);
    t.equal((await f.get('/reports/huadu/2026', f.tokens.huaduAuditor)).statusCode, 200, 'the district\'s auditor reads it');
    t.equal((await f.get('/reports/huadu/2026', f.token('centre_staff', 'huadu-plsc'))).statusCode, 403, 'a role with no use for it');
  });

  t.test('bad input: problem+json naming the field', async (t) => {
    const res = await f.get('/reports/huadu/2026-13');
    t.equal(res.statusCode, 400);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.match(res.body, /period/);
  });
});
