// The hotline desk in a real browser, against the hotline service and the platform's simulator over the
// wire: a centre's staff member signs for an order (a double click records one sign-for), is told which
// field is missing, answers it; the month's figures; a supervisor retries and gives up a dead letter; a
// district's auditor elsewhere cannot open the order; a station clerk is told the desk is not theirs.
import { randomUUID } from 'node:crypto';
import { signTestToken } from '@bureau/service-kit/testing';
import { eventually } from '@bureau/testing';
import t from 'tap';
import { hashTo, launchBrowser, newPage, shot, signInAs, usableWithin } from './support/browser.js';
import { JWT_SECRET, startConsole, startHotline } from './support/platform.js';

const USABLE_MS = 1_000;

t.test('the hotline desk, in a browser', async (t) => {
  const [{ platform, url: hotlineUrl }, browser] = await Promise.all([startHotline(t), launchBrowser(t)]);
  const { url } = await startConsole(t, { hotline: hotlineUrl });
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
    const ms = await usableWithin(page, () => hashTo(page, '#/hotline'), `tr[data-order="${first.orderNo}"]`);
    t.ok(ms < USABLE_MS, `worklist usable in ${Math.round(ms)} ms`);
    t.equal(await page.locator('table.list tbody tr[data-order]').count(), 2, 'both open orders listed');
    await shot(page, 'hotline-worklist');
  });

  t.test('an order signed for with a double click records one sign-for, then answered', async (t) => {
    const ms = await usableWithin(page, () => page.locator(`tr[data-order="${first.orderNo}"] a`).click(), 'dd[data-fact="status"]:text("待签收")');
    t.ok(ms < USABLE_MS, `order page usable in ${Math.round(ms)} ms`);
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
    const ms = await usableWithin(page, () => hashTo(page, '#/hotline/figures'), '[data-figure="dispatched"]:text("2")');
    t.ok(ms < USABLE_MS, `figures usable in ${Math.round(ms)} ms`);
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
    const ms = await usableWithin(boss, () => hashTo(boss, '#/hotline/dead-letters'), 'tr[data-letter]');
    t.ok(ms < USABLE_MS, `dead letters usable in ${Math.round(ms)} ms`);
    await shot(boss, 'hotline-dead-letters');
    await boss.locator('tr[data-letter] button:text("重新推送")').click();
    await eventually(async () => ((await api('/outbox/stats')).dead as number) === 1 && platform.attempts().filter((a) => a.orderNo === orderNo).length >= 2, 15_000, 'refused again');
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

  t.test("another district's auditor cannot open the order; a station clerk is told the desk is not theirs", async (t) => {
    const auditor = await newPage(browser);
    await signInAs(auditor, url, 'auditor', 'baiyun-bureau');
    await hashTo(auditor, `#/hotline/orders/${workOrderId}`);
    const note = auditor.locator('.problem[role="alert"]');
    await note.waitFor();
    t.match(await note.textContent(), /没有找到这张工单：它不存在，或不属于您所在单位的职责范围/);
    t.notMatch(await auditor.content(), /王小明|13900001111/, 'nothing of the order reached the page');
    await shot(auditor, 'hotline-other-district');
    await auditor.context().close();

    const clerk = await newPage(browser);
    await signInAs(clerk, url, 'station_clerk', 'huadu-station-xinhua');
    await hashTo(clerk, '#/hotline');
    await clerk.locator('h1:text("无权查看")').waitFor();
    t.equal(await clerk.locator('header nav a:text("12345 工单")').count(), 0, 'the desk is not in the clerk\'s menu');
    await clerk.context().close();
  });
});
