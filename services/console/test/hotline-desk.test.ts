// The hotline desk in a real browser, against the hotline service and the platform's simulator over the
// wire: a centre's staff member signs for an order (a double click records one sign-for), is told which
// field is missing, answers it; the month's figures; a supervisor retries and gives up a dead letter; a
// district's auditor elsewhere cannot open the order; a station clerk is told the desk is not theirs.
import { randomUUID } from 'node:crypto';
import { signTestToken } from '@bureau/service-kit/testing';
import { eventually } from '@bureau/testing';
import type { Page } from 'playwright-core';
import t from 'tap';
import { fitsWidth, hashTo, launchBrowser, nothingJumped, newPage, shot, signInAs, medianUsable, USABLE_BAR_MS } from './support/browser.js';
import { JWT_SECRET, startAudit, startConsole, startHotline } from './support/platform.js';

const USABLE_MS = USABLE_BAR_MS;
/** Leaves for the home page, so the next navigation loads its page afresh. */
const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};

t.test('the hotline desk, in a browser', async (t) => {
  const [{ platform, url: hotlineUrl, databaseUrl }, browser] = await Promise.all([startHotline(t), launchBrowser(t)]);
  const { url: auditUrl } = await startAudit(t, databaseUrl);
  const { url } = await startConsole(t, { hotline: hotlineUrl, audit: auditUrl });
  const supervisor = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-supervisor', role: 'centre_supervisor', org: 'huadu-plsc' })}`;
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${hotlineUrl}${path}`, { ...init, headers: { authorization: supervisor, 'content-type': 'application/json', ...init.headers } });
    return (await response.json()) as Record<string, unknown>;
  };

  const first = await platform.dispatch({ category: 'consultation', citizen: { name: '王小明', phone: '13900001111' }, content: '咨询劳动合同解除后的经济补偿' });
  await platform.dispatch({ category: 'complaint' });
  const workOrderId = String((first.body as { workOrderId: string }).workOrderId);
  await eventually(async () => ((await api('/worklist')).entries as unknown[]).length === 2, 10_000, 'both orders in the worklist');

  const page = await newPage(browser);
  await page.goto(`${url}/#/sign-in`);
  await page.locator('button[data-user="centre_staff@huadu-plsc"]').waitFor();
  await shot(page, 'sign-in');
  await signInAs(page, url, 'centre_staff', 'huadu-plsc');
  t.match(await page.locator('header.top .who').textContent(), /花都区公共法律服务中心 · 中心工作人员/);

  t.test('the worklist by next deadline, usable within a second', async (t) => {
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/hotline'), `tr[data-order="${first.orderNo}"]`);
    t.ok(ms < USABLE_MS, `worklist usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    t.equal(await page.locator('table.list tbody tr[data-order]').count(), 2, 'both open orders listed');
    await nothingJumped(t, page, 'as the list arrived (its rows were reserved)');
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    await shot(page, 'hotline-worklist');
  });

  t.test('the worklist pages and sorts on the server, the address keeping both', async (t) => {
    const order = ((await api('/worklist?sort=externalNumber')).entries as Array<{ externalNumber: string }>).map((e) => e.externalNumber);
    await hashTo(page, '#/hotline?sort=externalNumber&limit=1');
    // The whole list is still shown until the first page of one arrives: wait for that.
    await page.waitForFunction('document.querySelectorAll("table.list tbody tr[data-order]").length === 1');
    await page.locator(`tr[data-order="${order[0]}"]`).waitFor();
    await page.locator('.pager .count:text("共 2 张")').waitFor();
    await page.locator('.pager button[data-page="next"]').click();
    await page.locator(`tr[data-order="${order[1]}"]`).waitFor();
    t.match(page.url(), /cursor=/, 'the address keeps the page');
    t.ok(await page.locator('.pager button[data-page="next"]').isDisabled(), 'the last page');
    await page.locator('th[data-sort="externalNumber"] a').click();
    await page.locator('th[data-sort="externalNumber"][aria-sort="descending"]').waitFor();
    // The new sort's first page (a next page, no previous), its first order the last one ascending.
    await page.locator('.pager button[data-page="next"]:not([disabled])').waitFor();
    t.ok(await page.locator('.pager button[data-page="previous"]').isDisabled(), 'the first page of the new sort');
    await page.locator(`tr[data-order="${order[1]}"]`).waitFor();
    t.match(page.url(), /sort=-externalNumber/, 'the address keeps the sort');
    t.notMatch(page.url(), /cursor=/, 'a new sort starts at its first page');
    await shot(page, 'hotline-worklist-sorted');
    // Back to the whole list, as the person left it, for the next test.
    await hashTo(page, '#/hotline');
    await page.locator(`tr[data-order="${order[0]}"] a`).waitFor();
    await page.locator(`tr[data-order="${order[1]}"] a`).waitFor();
  });

  t.test('an order signed for with a double click records one sign-for, then answered', async (t) => {
    const { median: ms, all } = await medianUsable(page, async () => { await hashTo(page, '#/hotline'); await page.locator(`tr[data-order="${first.orderNo}"]`).waitFor(); }, () => page.locator(`tr[data-order="${first.orderNo}"] a`).click(), 'dd[data-fact="status"]:text("待签收")');
    t.ok(ms < USABLE_MS, `order page usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    t.ok(await fitsWidth(page), 'fits 1366 wide');
    await shot(page, 'hotline-order');
    await page.locator('[data-action="sign-for"] button').dblclick();
    await page.locator('dd[data-fact="status"]:text("办理中")').waitFor();
    await page.locator('li[data-event="WorkOrderSignedFor"]').waitFor();
    const timeline = await api(`/work-orders/${workOrderId}/timeline`);
    t.same((timeline.entries as Array<{ type: string }>).map((e) => e.type), ['WorkOrderDispatched', 'WorkOrderSignedFor'], 'one sign-for recorded');

    // An answer left empty: the service's 400 names body.answer, shown against that field.
    await page.locator('form[data-action="reply"] button[type="submit"]').click();
    await page.locator('.field.has-error[data-field="reply-answer"]').waitFor();
    t.equal(await page.locator('#f-reply-answer').getAttribute('aria-invalid'), 'true', 'the answer field is marked');
    await shot(page, 'hotline-order-field-error');

    await page.locator('#f-reply-answer').fill('已电话答复：可依法协商解除，并告知经济补偿的计算方法');
    await page.locator('form[data-action="reply"] button[type="submit"]').click();
    await page.locator('dd[data-fact="status"]:text("已办结")').waitFor();
    await page.locator('li[data-event="WorkOrderReplied"]').waitFor();
    await shot(page, 'hotline-order-replied');
    await eventually(() => platform.received({ orderNo: first.orderNo }).length === 2, 15_000, 'sign-for and reply at the platform');
    t.same(platform.received({ orderNo: first.orderNo }).map((c) => c.action), ['sign-for', 'replies'], 'the platform got each once');
  });

  t.test("the month's figures", async (t) => {
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/hotline/figures'), '[data-figure="dispatched"]:text("2")');
    t.ok(ms < USABLE_MS, `figures usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await shot(page, 'hotline-figures');
  });

  t.test('a dead letter retried, then given up with a reason', async (t) => {
    // An order the platform never dispatched itself: the platform refuses (404) the centre's sign-for.
    const orderNo = 'GZE2026120700999';
    const delivered = await platform.deliverRaw({
      body: { messageId: randomUUID(), type: 'order.dispatched', orderNo, occurredAt: new Date().toISOString(), data: { category: 'assistance', citizen: { name: '赵六', phone: '13700002222' }, content: '求助', role: 'lead' } },
    });
    const strayId = String((delivered.body as { workOrderId: string }).workOrderId);
    await api(`/work-orders/${strayId}/sign-for`, { method: 'POST', body: JSON.stringify({ commandId: randomUUID() }) });
    await eventually(async () => ((await api('/outbox/dead-letters')).items as unknown[]).length === 1, 15_000, 'the dead letter');

    const boss = await newPage(browser);
    await signInAs(boss, url, 'centre_supervisor', 'huadu-plsc');
    const { median: ms, all } = await medianUsable(boss, home(boss), () => hashTo(boss, '#/hotline/dead-letters'), 'tr[data-letter]');
    t.ok(ms < USABLE_MS, `dead letters usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await shot(boss, 'hotline-dead-letters');
    await boss.locator('tr[data-letter] button:text("重新推送")').click();
    await eventually(async () => ((await api('/outbox/stats')).dead as number) === 1 && platform.attempts().filter((a) => a.orderNo === orderNo).length >= 2, 15_000, 'refused again');
    await boss.locator('button:text("刷新")').click();
    await boss.locator('tr[data-letter] button:text("放弃…")').click();
    await boss.locator('tr[data-letter] button:text("确认放弃")').click();
    await boss.locator('tr[data-letter] .field.has-error').waitFor();
    await shot(boss, 'hotline-dead-letter-reason-missing');
    await boss.locator('tr[data-letter] input').fill('平台无此工单，已电话核实');
    await boss.locator('tr[data-letter] button:text("确认放弃")').click();
    await boss.locator('td.empty:text("没有推送失败的消息")').waitFor();
    t.match(await api('/outbox/stats'), { dead: 0, discarded: 1 });
    await boss.context().close();
  });

  t.test('on a tablet (820x1180), the worklist and an order read without sideways scrolling', async (t) => {
    const tablet = await newPage(browser, { width: 820, height: 1180 });
    await signInAs(tablet, url, 'centre_supervisor', 'huadu-plsc');
    await hashTo(tablet, '#/hotline');
    await tablet.locator('tr[data-order]').first().waitFor();
    t.ok(await fitsWidth(tablet), 'the worklist fits');
    await shot(tablet, 'tablet-hotline-worklist');
    await hashTo(tablet, `#/hotline/orders/${workOrderId}`);
    await tablet.locator('li[data-event="WorkOrderReplied"]').waitFor();
    t.ok(await fitsWidth(tablet), 'the order fits');
    await shot(tablet, 'tablet-hotline-order');
    await tablet.context().close();
  });

  t.test("the district's auditor steps through the order's history, compares two points, sees the verdict", async (t) => {
    const auditor = await newPage(browser);
    await signInAs(auditor, url, 'auditor', 'huadu-bureau');
    const { median: ms, all } = await medianUsable(auditor, home(auditor), () => hashTo(auditor, `#/audit/work-order/${workOrderId}`), '[data-step="3"]');
    t.ok(ms < USABLE_MS, `history usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await auditor.locator('[data-verdict="intact"]').waitFor();
    t.match(await auditor.locator('[data-fact="event"]').textContent(), /答复/, 'the last event first');
    await auditor.locator('input[type="range"]').focus();
    await auditor.keyboard.press('Home');
    await auditor.locator('[data-step="1"]').waitFor();
    t.match(await auditor.locator('[data-fact="event"]').textContent(), /派单/, 'stepped back to the dispatch');
    await auditor.locator('button[aria-label="下一条"]').click();
    t.match(await auditor.locator('[data-fact="event"]').textContent(), /签收/, 'and forward to the sign-for');
    t.ok(await auditor.locator('tr[data-change="status"]').count() > 0 || await auditor.locator('tr[data-change]').count() > 0, 'what the sign-for changed');
    await auditor.locator('section[aria-label="比较两个时点"] tr[data-change]').first().waitFor();
    await shot(auditor, 'audit-history');
    await auditor.context().close();
  });

  t.test("another district's auditor cannot open the order; a station clerk is told the desk is not theirs", async (t) => {
    const auditor = await newPage(browser);
    await signInAs(auditor, url, 'auditor', 'baiyun-bureau');
    await hashTo(auditor, `#/hotline/orders/${workOrderId}`);
    const note = auditor.locator('.problem[role="alert"]');
    await note.waitFor();
    t.match(await note.textContent(), /没有找到这张工单：它不存在，或不属于您所在单位的职责范围/);
    t.notMatch(await auditor.content(), /王小明|13900001111/, 'nothing of the order reached the page');
    await shot(auditor, 'hotline-other-district');
    await hashTo(auditor, `#/audit/work-order/${workOrderId}`);
    await auditor.locator('.problem[role="alert"]:has-text("没有找到这个案件")').waitFor();
    t.pass('nor its history in the audit service');
    await auditor.context().close();

    const clerk = await newPage(browser);
    await signInAs(clerk, url, 'station_clerk', 'huadu-station-xinhua');
    await hashTo(clerk, '#/hotline');
    await clerk.locator('h1:text("无权查看")').waitFor();
    t.equal(await clerk.locator('header nav a:text("12345 工单")').count(), 0, 'the desk is not in the clerk\'s menu');
    await clerk.context().close();
  });
});
