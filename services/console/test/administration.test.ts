// The administrators' area in a real browser, against the hotline, legal-aid and advisors services over
// the wire: the city's administrator loads a calendar year from the keyboard (a bad line named against
// its field first) and sees it in force in every service; a district administrator adds a lawyer (a bad
// licence number named first), sorts the registry on the server, reads projection status and the
// village appointments; another district's administrator sees nothing of that registry; a clerk is told
// the area is not theirs.
import { signTestToken } from '@bureau/service-kit/testing';
import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { fitsWidth, hashTo, launchBrowser, layoutShiftSince, nothingJumped, medianUsable, newPage, shot, signInAs, USABLE_BAR_MS } from './support/browser.js';
import { JWT_SECRET, startAdvisors, startConsole, startHotline, startLegalAid } from './support/platform.js';

const USABLE_MS = USABLE_BAR_MS;
const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};
const field = (name: string) => `[id="f-${name}"]`;

t.test("the administrators' area, in a browser", async (t) => {
  const [hotline, legalAid, advisors, browser] = await Promise.all([startHotline(t), startLegalAid(t), startAdvisors(t), launchBrowser(t)]);
  const { url } = await startConsole(t, { hotline: hotline.url, legalAid: legalAid.url, advisors: advisors.url });
  const huaduAdmin = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-admin', role: 'administrator', org: 'huadu-bureau' })}`;
  const post = async (base: string, path: string, body: object) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: huaduAdmin, 'content-type': 'application/json' }, body: JSON.stringify({ commandId: randomUUID(), ...body }) });
    t.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  };
  // 花都's registry has one lawyer already; its register one advisor, appointed to 三华村.
  await post(legalAid.url, '/districts/huadu/lawyers', { lawyerId: 'lawyer-zhang', name: '张明律师', licenceNumber: '14401201510000009', firmId: 'firm-huadu-1', firmName: '广东花都律师事务所', relevantPracticeSince: '2015-03-01' });
  await post(advisors.url, '/districts/huadu/advisors', { advisorId: 'adv-chen', name: '陈顾问', firm: '广东花都律师事务所', licenceNumber: '14401201610000001', phone: '13800000001' });
  await post(advisors.url, '/villages/huadu-xinhua-sanhua/appointments', { advisorId: 'adv-chen', from: '2026-01-01', to: '2026-12-31' });

  t.test('the city administrator loads a calendar year from the keyboard and sees it in force', async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'city_administrator', 'gz');
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/admin/calendar'), 'tr[data-year="2027"] td[data-fact="state"] .tag');
    t.ok(ms < USABLE_MS, `calendar usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await nothingJumped(t, page, 'as the years arrived');
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    t.match(await page.locator('tr[data-year="2027"] td[data-fact="state"]').textContent(), /未加载/, '2027 not loaded yet');
    await shot(page, 'admin-calendar');

    await page.locator(field('year')).fill('');
    await page.locator(field('year')).focus();
    await page.keyboard.type('2027');
    await page.keyboard.press('Tab');
    await page.keyboard.type('国务院办公厅关于2027年部分节假日安排的通知（测试）');
    await page.keyboard.press('Tab'); // 更正已加载的年度
    await page.keyboard.press('Tab');
    for (const line of ['2027-01-01/2027-01-03', '2027-02-30']) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Tab');
    await page.keyboard.type('2027-02-20');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.field.has-error[data-field="off"]').waitFor();
    t.match(await page.locator('[id="f-off-note"]').textContent(), /第 2 行/, 'the bad line named against its field');
    await shot(page, 'admin-calendar-field-error');

    await page.locator(field('off')).fill('2027-01-01/2027-01-03\n2027-02-06/2027-02-13');
    await page.locator(field('off')).press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.done:text("2027 年日历已加载")').waitFor();
    await page.locator('tr[data-year="2027"] td[data-fact="state"]:has-text("已生效")').waitFor();
    for (const service of ['hotline', 'legal-aid']) t.equal(await page.locator(`tr[data-year="2027"] td[data-service="${service}"]`).textContent(), '已加载', `${service} has 2027`);
    for (const base of [hotline.url, legalAid.url]) {
      const calendar = (await (await fetch(`${base}/calendar`, { headers: { authorization: huaduAdmin } })).json()) as { years: number[] };
      t.ok(calendar.years.includes(2027), `${base}: 2027 in the calendar in use`);
    }
    await shot(page, 'admin-calendar-loaded');

    const { median: orgMs, all: orgAll } = await medianUsable(page, home(page), () => hashTo(page, '#/admin/organisations?sort=name&kind=village'), 'tr[data-organisation="huadu-xinhua-sanhua"]');
    t.ok(orgMs < USABLE_MS, `organisations usable in ${Math.round(orgMs)} ms (median of ${orgAll.join(', ')})`);
    await nothingJumped(t, page, 'as the registry arrived');
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    t.strictSame(await page.locator('tr[data-organisation]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-organisation'))), ['baiyun-jingtai-v1', 'huadu-xinhua-sanhua', 'huadu-xinhua-xinjie'], 'villages by name (pinyin), as the service sorted them: 景泰, 三华, 新街');
    t.equal(await page.locator('th[data-sort="name"]').getAttribute('aria-sort'), 'ascending', 'the name header marks the order');
    await shot(page, 'admin-organisations');
    await page.locator('tr[data-organisation="huadu-xinhua-xinjie"] button:text("更名…")').click();
    await page.locator(field('name-huadu-xinhua-xinjie')).fill('新街社区居委会');
    await page.locator(field('name-huadu-xinhua-xinjie')).press('Enter');
    await page.locator('tr[data-organisation="huadu-xinhua-xinjie"] td:text("新街社区居委会")').waitFor();
    // The outbox's dead letters are the hotline desk's page, one link away.
    await page.locator('nav.admin-nav a:text("推送失败（死信）")').click();
    await page.locator('h1:text("推送失败（死信）")').waitFor();
    await page.locator('td.empty:text("没有推送失败的消息")').waitFor();
    await page.context().close();
  });

  t.test('a district administrator adds a lawyer, sorts the registry, reads projection status and appointments', async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'administrator', 'huadu-bureau');
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/admin/lawyers'), 'tr[data-lawyer="lawyer-zhang"]');
    t.ok(ms < USABLE_MS, `lawyers usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await nothingJumped(t, page, 'as the registry arrived');
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    t.match(await page.locator('h1').textContent(), /律师名册：花都区/);

    await page.locator(field('lawyer-register-lawyerId')).fill('lawyer-li');
    await page.locator(field('lawyer-register-name')).fill('李华律师');
    await page.locator(field('lawyer-register-licenceNumber')).fill('1440120181000000');
    await page.locator(field('lawyer-register-relevantPracticeSince')).fill('2018-06-01');
    await page.locator(field('lawyer-register-firmId')).fill('firm-huadu-2');
    await page.locator(field('lawyer-register-firmName')).fill('广州新华律师事务所');
    await page.locator(field('lawyer-register-specialties')).fill('劳动争议，婚姻家庭');
    await page.locator(field('lawyer-register-specialties')).press('Enter');
    await page.locator('.field.has-error[data-field="lawyer-register-licenceNumber"]').waitFor();
    t.equal(await page.locator('.field.has-error').count(), 1, 'only the licence number is marked');
    await shot(page, 'admin-lawyer-field-error');
    await page.locator(field('lawyer-register-licenceNumber')).fill('14401201810000001');
    await page.locator(field('lawyer-register-licenceNumber')).press('Enter');
    await page.locator('tr[data-lawyer="lawyer-li"]').waitFor();
    t.match(await page.locator('tr[data-lawyer="lawyer-li"]').textContent(), /李华律师.*广州新华律师事务所.*劳动争议、婚姻家庭.*可指派/);
    await page.locator('th[data-sort="name"] a').click();
    await page.waitForFunction('document.querySelector("tr[data-lawyer]")?.getAttribute("data-lawyer") === "lawyer-li"');
    t.strictSame(await page.locator('tr[data-lawyer]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lawyer'))), ['lawyer-li', 'lawyer-zhang'], 'by name on the server: 李 before 张');
    t.match(page.url(), /sort=name/, 'the order kept in the address');
    t.equal(await page.locator('th[data-sort="name"]').getAttribute('aria-sort'), 'ascending', 'the header says how it sorts');
    t.match(await page.locator('.pager .count').textContent(), /共 2 名/, 'the pager counts the registry');
    await shot(page, 'admin-lawyers');
    await page.locator('th[data-sort="name"] a').click();
    await page.waitForFunction('document.querySelector("tr[data-lawyer]")?.getAttribute("data-lawyer") === "lawyer-zhang"');
    t.match(page.url(), /sort=-name/, 'again: the other way');
    // 停止指派 from the keyboard: the reason asked for beside the row, then the row says so.
    await page.locator('tr[data-lawyer="lawyer-zhang"] button:text("停止指派…")').click();
    await page.locator(field('reason-lawyer-zhang')).fill('调离本区');
    await page.locator(field('reason-lawyer-zhang')).press('Enter');
    await page.locator('tr[data-lawyer="lawyer-zhang"] .tag:text("已停止指派")').waitFor();
    t.match(await page.locator('tr[data-lawyer="lawyer-zhang"]').textContent(), /调离本区/);

    await layoutShiftSince(page); // what moved after the acts above (the note of what was recorded) is not the next page's
    const { median: statusMs, all: statusAll } = await medianUsable(page, home(page), () => hashTo(page, '#/admin/projections'), 'section[data-service="legal-aid"] tr[data-projection] td[data-fact="status"]');
    t.ok(statusMs < USABLE_MS, `projection status usable in ${Math.round(statusMs)} ms (median of ${statusAll.join(', ')})`);
    await page.locator('section[data-service="hotline"] tr[data-projection]').first().waitFor();
    await page.locator('section[data-service="advisors"] [data-fact="ready"]:text("就绪")').waitFor();
    await page.locator('section[data-service="advisors"] tr[data-projection="advisors_ledger_months"]').waitFor();
    await nothingJumped(t, page, 'as the status arrived');
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    t.ok((await page.locator('section[data-service="legal-aid"] tr[data-projection]').count()) >= 2, 'legal aid: files and walk-ins');
    t.match(await page.locator('section[data-service="hotline"] td[data-fact="status"]').first().textContent(), /运行中|待命/);
    await shot(page, 'admin-projections');

    const { median: advMs, all: advAll } = await medianUsable(page, home(page), () => hashTo(page, '#/admin/advisors'), 'tr[data-appointment]');
    t.ok(advMs < USABLE_MS, `advisors usable in ${Math.round(advMs)} ms (median of ${advAll.join(', ')})`);
    await nothingJumped(t, page, 'as the appointments arrived');
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    t.match(await page.locator('tr[data-appointment]').textContent(), /陈顾问.*2026-01-01 至 2026-12-31/);
    await shot(page, 'admin-advisors');
    await page.locator('tr[data-appointment] button:text("解聘…")').click();
    await page.locator('tr[data-appointment] input[type="date"]').fill('2026-11-30');
    await page.locator('tr[data-appointment] input[id^="f-endReason-"]').fill('村委会换届');
    await page.locator('tr[data-appointment] input[id^="f-endReason-"]').press('Enter');
    await page.locator('tr[data-appointment] td:text("2026-11-30（村委会换届）")').waitFor();
    await shot(page, 'admin-advisors-ended');
    await page.context().close();
  });

  t.test('on a tablet (820 wide) the pages fit', async (t) => {
    const tablet = await newPage(browser, { width: 820, height: 1180 });
    await signInAs(tablet, url, 'administrator', 'huadu-bureau');
    for (const [hash, ready, name] of [
      ['#/admin/calendar', 'tr[data-year="2027"] td[data-fact="state"] .tag', 'calendar'],
      ['#/admin/lawyers', 'tr[data-lawyer="lawyer-li"]', 'lawyers'],
      ['#/admin/projections', 'section[data-service="legal-aid"] tr[data-projection]', 'projections'],
    ] as const) {
      await hashTo(tablet, hash);
      await tablet.locator(ready).first().waitFor();
      t.ok(await fitsWidth(tablet), `${name} fits`);
      await shot(tablet, `tablet-admin-${name}`);
    }
    await tablet.context().close();
  });

  t.test("another district's administrator sees nothing of 花都's registry", async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'administrator', 'baiyun-bureau');
    await hashTo(page, '#/admin/lawyers');
    await page.locator('td.empty:text("名册中还没有律师")').waitFor();
    t.match(await page.locator('h1').textContent(), /律师名册：白云区/, 'their own district\'s registry');
    t.equal(await page.locator('select option[value="huadu"]').count(), 0, 'no other district to choose');
    await hashTo(page, '#/admin/lawyers?district=huadu');
    const note = page.locator('.problem[role="alert"]');
    await note.waitFor();
    t.match(await note.textContent(), /没有找到这份律师名册：它不存在，或不属于您所在单位的职责范围/);
    t.notMatch(await page.content(), /张明|李华|14401201510000009|lawyer-li/, 'nothing of it reached the page');
    t.equal(await page.locator('form[data-action="lawyer-register"]').count(), 0, 'no form to change it');
    await shot(page, 'admin-other-district');
    await page.context().close();
  });

  t.test('a clerk is told the area is not theirs', async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'station_clerk', 'huadu-station-xinhua');
    t.equal(await page.locator('header.top nav a:text("系统管理")').count(), 0, 'no link to it');
    await hashTo(page, '#/admin/lawyers');
    await page.locator('h1:text("无权查看")').waitFor();
    t.match(await page.locator('.problem[role="alert"]').textContent(), /不属于您的岗位职责/);
    await shot(page, 'admin-not-yours');
    await page.context().close();
  });
});
