// The walk-in desk, the reports and the auditors' exports in a real browser, against legal aid, the report
// service (on legal aid's store, as deployed), the hotline (its registry names the districts; its orders
// are the auditor's case) and the audit service, over the wire: a clerk records a walk-in in two keys and
// voids one; a statistician reads the district's month and year with their charts, follows a figure to
// its cases (as many as the figure), downloads the outputs, closes the month and sees a late visit as a
// restatement, records the rank; an auditor exports a history and finds the export in the access report;
// the city's statistician reads the city's year district by district; another district's statistician
// gets nothing of 花都's report.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signTestToken } from '@bureau/service-kit/testing';
import type { Download, Page } from 'playwright-core';
import t from 'tap';
import { fitsWidth, hashTo, launchBrowser, nothingJumped, medianUsable, newPage, shot, signInAs, USABLE_BAR_MS } from './support/browser.js';
import { JWT_SECRET, startAudit, startConsole, startHotline, startLegalAid, startReports } from './support/platform.js';

const USABLE_MS = USABLE_BAR_MS;
const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};
/** The month before this one (Beijing time): ended, so it can be closed. */
const lastMonth = (() => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 2));
  return d.toISOString().slice(0, 7);
})();
const year = lastMonth.slice(0, 4);

async function saved(page: Page, click: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

t.test('walk-ins, reports and the auditors\' exports, in a browser', async (t) => {
  const [{ url: legalAidUrl, databaseUrl }, { platform, url: hotlineUrl, databaseUrl: hotlineDb }, browser] = await Promise.all([startLegalAid(t), startHotline(t), launchBrowser(t)]);
  const [{ url: reportsUrl }, { url: auditUrl }] = await Promise.all([startReports(t, databaseUrl), startAudit(t, hotlineDb)]);
  const { url } = await startConsole(t, { hotline: hotlineUrl, legalAid: legalAidUrl, audit: auditUrl, reports: reportsUrl });

  const clerkOf = (org: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `api-clerk-${org}`, role: 'station_clerk', org })}`;
  const visit = async (org: string, occurredAt: string, persons: number, topic = 'labour') => {
    const response = await fetch(`${legalAidUrl}/walk-in-consultations`, {
      method: 'POST', headers: { authorization: clerkOf(org), 'content-type': 'application/json' },
      body: JSON.stringify({ consultationId: randomUUID(), placeId: org, occurredAt, persons, topic, answer: 'answered_on_the_spot' }),
    });
    if (response.status !== 201) throw new Error(`walk-in not recorded: ${response.status} ${await response.text()}`);
  };
  // Last month at 花都's station: 3 visits, 7 persons; 白云's: 1 visit, 5 persons.
  await visit('huadu-station-xinhua', `${lastMonth}-03T09:00:00+08:00`, 2);
  await visit('huadu-station-xinhua', `${lastMonth}-12T10:30:00+08:00`, 1, 'marriage_family');
  await visit('huadu-station-xinhua', `${lastMonth}-20T15:00:00+08:00`, 4, 'contract_debt');
  await visit('baiyun-station-jingtai', `${lastMonth}-05T09:00:00+08:00`, 5);

  t.test('a clerk records a walk-in with two keys, voids one, and the month\'s counts follow', async (t) => {
    const clerk = await newPage(browser);
    await signInAs(clerk, url, 'station_clerk', 'huadu-station-xinhua');
    const { median: ms, all } = await medianUsable(clerk, home(clerk), () => hashTo(clerk, '#/walk-ins'), 'span.count[data-total="0"]');
    t.ok(ms < USABLE_MS, `walk-in desk usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await nothingJumped(t, clerk, 'as the list and counts arrived');
    t.ok(await fitsWidth(clerk), 'fits 1366 wide');
    t.equal(await clerk.evaluate('document.activeElement?.id'), 'f-topic', 'the form opens on the topic');

    // 2 picks 婚姻家庭; Enter records 1 person, answered on the spot, now.
    await clerk.keyboard.press('2');
    await clerk.keyboard.press('Enter');
    await clerk.locator('[data-recorded]').waitFor();
    await clerk.locator('[data-figure="walk-in-persons"]:text("1")').waitFor();
    await clerk.locator('span.count[data-total="1"]').waitFor();
    t.match(await clerk.locator('tr[data-visit]').first().textContent(), /婚姻家庭/, 'the visit listed with its topic');
    t.equal(await clerk.evaluate('document.activeElement?.id'), 'f-topic', 'ready for the next visitor');

    // Another: 3 persons typed in, Ctrl+Enter from the note.
    await clerk.keyboard.press('1');
    await clerk.locator('#f-persons').fill('3');
    await clerk.locator('#f-note').fill('咨询工资拖欠');
    await clerk.locator('#f-note').press('Control+Enter');
    await clerk.locator('[data-figure="walk-in-persons"]:text("4")').waitFor();
    await shot(clerk, 'walk-in-desk');

    // Voided with a reason: no longer counted.
    const row = clerk.locator('tr[data-visit]:has-text("咨询工资拖欠")');
    await row.locator('button:text("作废…")').click();
    await row.locator('button:text("确认作废")').click();
    await row.locator('.field.has-error').waitFor();
    await row.locator('input[aria-label="作废理由"]').fill('重复登记');
    await row.locator('button:text("确认作废")').click();
    await clerk.locator('[data-figure="walk-in-persons"]:text("1")').waitFor();
    await row.locator('.tag.bad:text("已作废")').waitFor();
    await shot(clerk, 'walk-in-desk-voided');
    const list = await fetch(`${legalAidUrl}/walk-in-consultations?includeVoided=true&limit=100`, { headers: { authorization: clerkOf('huadu-station-xinhua') } });
    const entries = ((await list.json()) as { entries: Array<{ voided: boolean }> }).entries;
    t.same([entries.length, entries.filter((e) => e.voided).length], [5, 1], 'two recorded from the keyboard (one voided), three before');

    // The month's list sorts and pages on the server (the kit's keyset paging), kept in the page's address.
    await hashTo(clerk, '#/walk-ins?limit=1');
    await clerk.waitForFunction("document.querySelectorAll('tr[data-visit]').length === 1");
    t.match(await clerk.locator('tr[data-visit]').textContent(), /咨询工资拖欠/, 'one to a page: the newest first');
    t.ok(await clerk.locator('button[data-page="previous"]').isDisabled(), 'no page before the first');
    await clerk.locator('button[data-page="next"]').click();
    await clerk.locator('tr[data-visit]:has-text("婚姻家庭")').waitFor();
    t.match(await clerk.evaluate('location.hash'), /cursor=/, 'the page in the address');
    t.ok(await clerk.locator('button[data-page="next"]').isDisabled(), 'the last of this month\'s two');
    await clerk.locator('button[data-page="previous"]').click();
    await clerk.locator('tr[data-visit]:has-text("咨询工资拖欠")').waitFor();
    await clerk.locator('th[data-sort="occurredAt"] a').click();
    await clerk.locator('th[data-sort="occurredAt"][aria-sort="ascending"]').waitFor();
    await clerk.locator('tr[data-visit]:has-text("婚姻家庭")').waitFor();
    t.match(await clerk.locator('nav.pager .count').textContent(), /共 2 条/, 'the count beside the pager');
    await shot(clerk, 'walk-in-desk-paged');
    await clerk.context().close();
  });

  t.test('a statistician reads the month with its charts, drills down, downloads, closes it, sees a restatement, records the rank', async (t) => {
    const stat = await newPage(browser);
    await signInAs(stat, url, 'statistician', 'huadu-bureau');
    await hashTo(stat, '#/reports');
    await stat.waitForFunction('/^#\\/reports\\/huadu\\/\\d{4}-\\d{2}$/.test(location.hash)');
    t.pass('my reports open on my district\'s month');
    const monthPage = `#/reports/huadu/${lastMonth}`;
    const { median: ms, all } = await medianUsable(stat, home(stat), () => hashTo(stat, monthPage), '[data-headline="walk_in_persons"] strong:text("7")');
    t.ok(ms < USABLE_MS, `month report usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await stat.locator('[data-chart="walk_ins_by_topic"] svg').waitFor();
    await nothingJumped(t, stat, 'as the figures and charts arrived');
    t.ok(await fitsWidth(stat), 'fits 1366 wide');
    t.equal(await stat.locator('.chart svg').count(), 7, 'the trend and each section\'s charts, drawn by the service');
    t.match(await stat.locator('[data-chart="walk_ins_by_topic"] svg').textContent(), /劳动争议/, 'a chart in the report\'s words');
    t.equal(await stat.locator('a[data-figure="walk_in_visits"]').textContent(), '3');
    await shot(stat, 'reports-month');

    // The figure's cases: as many as the figure.
    const { median: drillMs, all: drillAll } = await medianUsable(stat, () => hashTo(stat, monthPage).then(() => stat.locator('a[data-figure="walk_in_visits"]:text("3")').waitFor()), () => stat.locator('a[data-figure="walk_in_visits"]').click(), '[data-count="3"]');
    t.ok(drillMs < USABLE_MS, `drill-down usable in ${Math.round(drillMs)} ms (median of ${drillAll.join(', ')})`);
    t.equal(await stat.locator('tr[data-fact]').count(), 3, 'the list\'s length is the figure');
    t.match(await stat.locator('tr[data-fact]').first().textContent(), /花都区新华街法律援助工作站/, 'the station by its name');
    await shot(stat, 'reports-drill-down');
    // Two at a time: the kit's cursors, the address keeps the page.
    await hashTo(stat, `${monthPage}/figures/walk_in_visits?limit=2`);
    await stat.locator('.pager button[data-page="next"]:not([disabled])').waitFor();
    const firstTwo = await stat.locator('tr[data-fact]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-fact')));
    t.equal(firstTwo.length, 2, 'a page of two');
    t.equal(await stat.locator('.pager .count').textContent(), '共 3 条', 'and how many in all');
    await stat.locator('.pager button[data-page="next"]').click();
    await stat.locator('.pager button[data-page="previous"]:not([disabled])').waitFor();
    t.equal(await stat.locator('tr[data-fact]').count(), 1, 'the last one on the next page');
    t.notOk(firstTwo.includes(await stat.locator('tr[data-fact]').getAttribute('data-fact')), 'not one of the first two');
    t.ok(await stat.locator('.pager button[data-page="next"]').isDisabled(), 'the last page');

    // The outputs.
    await hashTo(stat, monthPage);
    await stat.locator('[data-headline="walk_in_persons"] strong:text("7")').waitFor();
    const xlsx = await saved(stat, () => stat.locator('[data-download="xlsx"] button').click());
    t.equal(xlsx.name, `report-huadu-${lastMonth}.xlsx`);
    t.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'a workbook (zip)');
    const html = await saved(stat, () => stat.locator('[data-download="html"] button').click());
    t.match(html.bytes.toString('utf8'), /<svg/, 'the HTML page with its charts');
    const pdf = await saved(stat, () => stat.locator('[data-download="pdf"] button').click());
    t.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');

    // Closed; a visit recorded late shows as a restatement, the closed figure stands.
    await stat.locator('button:text("关账…")').click();
    await stat.locator('[data-action="close-period"]').click();
    await stat.locator(`[data-closed="${lastMonth}"]`).waitFor();
    await visit('huadu-station-xinhua', `${lastMonth}-25T09:00:00+08:00`, 2);
    // The report service takes the visit in through its facts projection, a moment after legal aid
    // records it (and answers a report asked again meanwhile from the counts it kept): wait until it has.
    const statistician = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-statistician-huadu', role: 'statistician', org: 'huadu-bureau' })}`;
    for (let tries = 0; ; tries += 1) {
      const month = (await (await fetch(`${reportsUrl}/reports/huadu/${lastMonth}`, { headers: { authorization: statistician } })).json()) as { districts: { restatements: unknown[] }[] };
      if ((month.districts[0]?.restatements.length ?? 0) > 0) break;
      if (tries === 100) throw new Error('the late visit never reached the report');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await hashTo(stat, '#/');
    await hashTo(stat, monthPage);
    await stat.locator('[data-restated="walk_in_persons"]').waitFor();
    t.equal(await stat.locator('[data-headline="walk_in_persons"] strong').textContent(), '7', 'the closed figure stands');
    t.match(await stat.locator('[data-restated="walk_in_persons"]').textContent(), /7.*9.*WalkInConsultationRecorded/, 'as closed, now, and the event that moved it');
    await shot(stat, 'reports-closed-restated');

    // The year, and the rank recorded.
    await hashTo(stat, `#/reports/huadu/${year}`);
    // Last month's 9 (7, and 2 recorded after the close: the year is not closed), and this month's 1 if in the same year.
    const yearPersons = 9 + (new Date(Date.now() + 8 * 3_600_000).toISOString().startsWith(year) ? 1 : 0);
    await stat.locator(`[data-headline="walk_in_persons"] strong:text-is("${yearPersons}")`).waitFor();
    await stat.locator('#f-rank').fill('3');
    await stat.locator('#f-of').fill('11');
    await stat.locator('[data-action="peer-review-rank"] button[type="submit"]').click();
    await stat.locator('[data-rank="3"]').waitFor();
    t.ok(await fitsWidth(stat), 'the year fits 1366 wide');
    await shot(stat, 'reports-year');
    await stat.context().close();
  });

  t.test('an auditor exports a history and finds the export in the access report', async (t) => {
    const dispatched = await platform.dispatch({ category: 'consultation', citizen: { name: '李四', phone: '13800002222' }, content: '咨询房屋租赁纠纷' });
    const workOrderId = String((dispatched.body as { workOrderId: string }).workOrderId);
    const auditor = await newPage(browser);
    await signInAs(auditor, url, 'auditor', 'huadu-bureau');
    await hashTo(auditor, `#/audit/work-order/${workOrderId}`);
    await auditor.locator('[data-verdict="intact"]').waitFor();
    const jsonl = await saved(auditor, () => auditor.locator('[data-download="jsonl"] button').click());
    t.equal(jsonl.name, `work-order-${workOrderId}.jsonl`);
    const lines = jsonl.bytes.toString('utf8').trim().split('\n');
    t.match(JSON.parse(lines[0] ?? '{}'), { caseId: workOrderId, personalDataMasked: true }, 'the header: the case, masked');
    t.notMatch(jsonl.bytes.toString('utf8'), /13800002222/, 'no phone number in the export');
    await shot(auditor, 'audit-history-exports');

    const { median: ms, all } = await medianUsable(auditor, home(auditor), () => hashTo(auditor, '#/audit/access-log'), `tr[data-view="export-jsonl"][data-case="${workOrderId}"]`);
    t.ok(ms < USABLE_MS, `access report usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    t.match(await auditor.locator(`tr[data-view="export-jsonl"][data-case="${workOrderId}"]`).getAttribute('data-viewer'), /auditor-huadu-bureau/, 'their own export, listed');
    t.ok(await fitsWidth(auditor), 'fits 1366 wide');
    await shot(auditor, 'audit-access-log');
    await auditor.context().close();
  });

  t.test('the city\'s auditor: the anchors, the key, everything verified against the latest; the city district by district', async (t) => {
    const city = await newPage(browser);
    await signInAs(city, url, 'city_auditor', 'gz');
    await hashTo(city, '#/audit/anchors');
    await city.locator('td.empty:text("尚未记录锚点")').waitFor();
    await city.locator('button:text("立即记录锚点")').click();
    await city.locator('tr[data-anchor]').waitFor();
    const anchorId = String(await city.locator('tr[data-anchor]').getAttribute('data-anchor'));
    const file = await saved(city, () => city.locator(`[data-download="anchor-${anchorId}"] button`).click());
    t.match(JSON.parse(file.bytes.toString('utf8')), { anchorId, cityId: 'gz' }, 'the signed anchor file, as kept');
    const key = await saved(city, () => city.locator('[data-download="public-key"] button').click());
    t.match(key.bytes.toString('utf8'), /BEGIN PUBLIC KEY/, 'the public key');
    await city.locator('button:text("开始校验")').click();
    await city.locator('[data-store-verdict="intact"]').waitFor({ timeout: 30_000 });
    t.match(await city.locator('[data-store-verdict]').textContent(), /与最新锚点一致/, 'verified against the latest anchor');
    t.ok(await fitsWidth(city), 'fits 1366 wide');
    await shot(city, 'audit-anchors');

    await hashTo(city, `#/reports/gz/${lastMonth}`);
    await city.locator('[data-chart="districts_side_by_side"] svg').waitFor();
    t.equal(await city.locator('[data-headline="walk_in_persons"] strong').textContent(), '5', 'the first district (白云) first');
    await city.locator('nav.filters button:text("花都区")').click();
    await city.locator('[data-headline="walk_in_persons"] strong:text-is("7")').waitFor();
    t.ok(await fitsWidth(city), 'the city fits 1366 wide');
    await shot(city, 'reports-city');
    await city.context().close();
  });

  t.test('the city\'s statistician: the city\'s year district by district, a district picked; closes the city\'s own row only; the 12345 figures, no orders', async (t) => {
    const cityStat = await newPage(browser);
    await signInAs(cityStat, url, 'city_statistician', 'gz');
    t.same(await cityStat.locator('header nav a').allTextContents(), ['12345 工单', '数据报告'], 'the report and the 12345 figures, nothing else');
    await hashTo(cityStat, '#/reports');
    await cityStat.waitForFunction('/^#\\/reports\\/gz\\/\\d{4}-\\d{2}$/.test(location.hash)');
    t.match(cityStat.url(), /#\/reports\/gz\/\d{4}-\d{2}$/, 'my reports open on the city');
    // 花都's year as the service counts it for the city's statistician: what the picked district must show.
    const token = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-city-statistician', role: 'city_statistician', org: 'gz' })}`;
    const huaduYear = (await (await fetch(`${reportsUrl}/reports/huadu/${year}`, { headers: { authorization: token } })).json()) as { districts: { figures: { walk_in_persons: { value: number } } }[] };
    const huaduPersons = String(huaduYear.districts[0]!.figures.walk_in_persons.value);
    await hashTo(cityStat, `#/reports/gz/${year}`);
    await cityStat.locator('[data-chart="districts_side_by_side"] svg').waitFor();
    t.equal(await cityStat.locator('[data-headline="walk_in_persons"] strong').textContent(), '5', '白云 first');
    t.equal(await cityStat.locator('select[aria-label="范围"] option').count(), 3, 'the picker: the city and each of its districts');
    await cityStat.locator('nav.filters button:text("花都区")').click();
    await cityStat.locator(`[data-headline="walk_in_persons"] strong:text-is("${huaduPersons}")`).waitFor();
    t.equal(await cityStat.locator('button:text("关账…")').count(), 0, 'a district\'s period is its own statistician\'s to close');
    t.equal(await cityStat.locator('[data-action="peer-review-rank"]').count(), 0, 'and its rank');
    t.ok(await fitsWidth(cityStat), 'the city\'s year fits 1366 wide');
    await shot(cityStat, 'reports-city-statistician-year');
    await cityStat.locator('nav.filters button:text("本级")').click();
    await cityStat.locator('button:text("关账…")').waitFor();
    t.equal(await cityStat.locator('button:text("关账…")').count(), 1, 'the city\'s own row (市本级) is the city\'s statistician\'s to close');
    await hashTo(cityStat, '#/hotline');
    await cityStat.locator('[data-figure="dispatched"]:not(:text("…"))').waitFor();
    t.equal(await cityStat.locator('a[href="#/hotline"]:text("待办工单")').count(), 0, 'the figures, and no way to the orders');
    await cityStat.context().close();
  });

  t.test('another district\'s statistician gets nothing of 花都\'s report', async (t) => {
    const other = await newPage(browser);
    await signInAs(other, url, 'statistician', 'baiyun-bureau');
    await hashTo(other, `#/reports/huadu/${lastMonth}`);
    const note = other.locator('.problem[role="alert"]');
    await note.waitFor();
    t.match(await note.textContent(), /没有找到这份报告：它不存在，或不属于您所在单位的职责范围/);
    t.notMatch(await other.content(), /花都区公共法律服务数据|svg/, 'nothing of it on the page');
    await hashTo(other, `#/reports/huadu/${lastMonth}/figures/walk_in_visits`);
    await other.locator('.problem[role="alert"]:has-text("没有找到")').waitFor();
    t.equal(await other.locator('tr[data-fact]').count(), 0, 'nor its cases');
    await hashTo(other, `#/reports/baiyun/${lastMonth}`);
    await other.locator('[data-headline="walk_in_persons"] strong:text("5")').waitFor();
    t.pass('their own district\'s figures');
    await shot(other, 'reports-other-district');
    await other.context().close();
  });

  t.test('on a tablet (820 wide) the walk-in desk, the month\'s report and the access report fit', async (t) => {
    for (const [role, at, hash, ready, name] of [
      ['station_clerk', 'huadu-station-xinhua', '#/walk-ins', '[data-figure="walk-in-persons"]', 'walk-ins'],
      ['statistician', 'huadu-bureau', `#/reports/huadu/${lastMonth}`, '[data-chart] svg', 'report'],
      ['auditor', 'huadu-bureau', '#/audit/access-log', 'tr[data-view]', 'access-log'],
    ] as const) {
      const tablet = await newPage(browser, { width: 820, height: 1180 });
      await signInAs(tablet, url, role, at);
      await hashTo(tablet, hash);
      await tablet.locator(ready).first().waitFor();
      t.ok(await fitsWidth(tablet), `${name} fits 820 wide`);
      await shot(tablet, `tablet-${name}`);
      await tablet.context().close();
    }
  });
});
