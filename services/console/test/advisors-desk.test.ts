// The advisors' and judicial offices' area in a real browser, against the advisors service over the wire:
// an advisor logs a service (a double click records one); an import with one bad row shows that row and
// imports nothing, the fixed file imports; the township's judicial office returns an entry with a reason,
// the advisor corrects it, the office approves the month; another township's office cannot open the
// village's ledger. Pages usable within a second, nothing sideways at 1366, nothing jumping as data arrives.
import { signTestToken } from '@bureau/service-kit/testing';
import { eventually } from '@bureau/testing';
import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { fitsWidth, hashTo, launchBrowser, nothingJumped, medianUsable, newPage, shot, signInAs, USABLE_BAR_MS } from './support/browser.js';
import { JWT_SECRET, startAdvisors, startConsole } from './support/platform.js';

const USABLE_MS = USABLE_BAR_MS;
const VILLAGE = 'huadu-xinhua-sanhua';
/** The demo sign-in's advisor at 三华村: its token's subject is their id on the register. */
const ADVISOR_ID = `demo-legal_advisor-${VILLAGE}`;
const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};
/** Last month in Beijing time: ended, so the office may approve it. */
const beijingToday = new Date(Date.now() + 8 * 3_600_000);
const MONTH = new Date(Date.UTC(beijingToday.getUTCFullYear(), beijingToday.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const csv = (rows: string[]) => Buffer.from(`日期,村(社区),服务类型,时长(小时),驻点/线上,服务对象,联系电话,内容摘要\n${rows.join('\n')}\n`);
const GOOD_ROWS = [`${MONTH}-10,三华村,驻点值班,3,驻点,,,驻点值班接待来访`, `${MONTH}-12,三华村,普法讲座,1.5,驻点,,,民法典婚姻家庭编讲座`];
const BAD_ROWS = [GOOD_ROWS[0] ?? '', `${MONTH}-12,三华村,普法讲座,三小时,驻点,,,民法典婚姻家庭编讲座`];

t.test('advisors and judicial offices, in a browser', async (t) => {
  const [{ url: advisorsUrl }, browser] = await Promise.all([startAdvisors(t), launchBrowser(t)]);
  const { url } = await startConsole(t, { advisors: advisorsUrl });
  const bearer = (sub: string, role: string, org: string) => `Bearer ${signTestToken(JWT_SECRET, { sub, role, org })}`;
  const admin = bearer('api-admin', 'administrator', 'huadu-bureau');
  const office = bearer('api-office', 'judicial_office_staff', 'huadu-xinhua-so');
  const api = async (path: string, authorization = office, body?: object) => {
    const response = await fetch(`${advisorsUrl}${path}`, {
      method: body ? 'POST' : 'GET', headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify({ commandId: randomUUID(), ...body }) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ledger = async () => (await api(`/villages/${VILLAGE}/ledger/${MONTH}`)).body as { status: string; entries: Array<{ entryId: string; status: string; content: { durationMinutes: number; summary: string }; history: Array<{ change: string }> }> };

  // 花都's register and 三华村's appointment, kept by the district's administrator.
  t.equal((await api('/districts/huadu/advisors', admin, { advisorId: ADVISOR_ID, name: '陈律师', firm: '广东花城律师事务所', licenceNumber: '14401200910123456', phone: '13800000009' })).status, 200);
  t.equal((await api(`/villages/${VILLAGE}/appointments`, admin, { advisorId: ADVISOR_ID, from: `${MONTH}-01`, to: '2030-12-31' })).status, 200);

  const advisor = await newPage(browser);
  await signInAs(advisor, url, 'legal_advisor', VILLAGE);

  t.test("the advisor's villages, then a service logged (a double click records one)", async (t) => {
    const { median: ms, all } = await medianUsable(advisor, home(advisor), () => hashTo(advisor, '#/advisors'), `tr[data-village="${VILLAGE}"]`);
    t.ok(ms < USABLE_MS, `my villages usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await nothingJumped(t, advisor, 'as my villages arrived');
    await shot(advisor, 'advisors-my-villages');

    const form = await medianUsable(advisor, home(advisor), () => hashTo(advisor, '#/advisors/log'), 'form.service-form[data-ready="yes"]');
    t.ok(form.median < USABLE_MS, `log form usable in ${Math.round(form.median)} ms (median of ${form.all.join(', ')})`);
    // Nothing filled: the service's 400 names the duration and the summary, marked on the form.
    await advisor.locator('form.service-form button[type="submit"]').click();
    await advisor.locator('.field.has-error[data-field="log-durationMinutes"]').waitFor();
    t.equal(await advisor.locator('#f-log-summary').getAttribute('aria-invalid'), 'true', 'the summary is marked too');
    await shot(advisor, 'advisors-log-field-errors');

    await advisor.locator('#f-log-date').fill(`${MONTH}-05`);
    await advisor.locator('#f-log-startTime').fill('09:30');
    await advisor.locator('#f-log-durationMinutes').fill('2');
    await advisor.locator('#f-log-personsServed').fill('张三丰 13812345678');
    await advisor.locator('#f-log-summary').fill('咨询土地承包合同纠纷，告知续约与补偿');
    await advisor.locator('#f-evidence').setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a-a scanned sign-in sheet') });
    await advisor.locator('[data-field="evidence"] .field-note:has-text("签到表.png")').waitFor();
    t.ok(await fitsWidth(advisor), 'the form fits 1366 wide');
    await shot(advisor, 'advisors-log-filled');
    await advisor.locator('form.service-form button[type="submit"]').dblclick();
    await advisor.locator('p.done:has-text("已登记")').waitFor();
    const after = await ledger();
    t.equal(after.entries.length, 1, 'one service recorded for the double click');
    t.match(after.entries[0], { content: { durationMinutes: 120, summary: '咨询土地承包合同纠纷，告知续约与补偿', evidence: [{ mediaType: 'image/png' }] } });
    await shot(advisor, 'advisors-logged');
  });

  t.test('an import with one bad row shows that row and imports nothing; the fixed file imports', async (t) => {
    const { median: ms, all } = await medianUsable(advisor, home(advisor), () => hashTo(advisor, '#/advisors/import'), 'form[aria-label="导入表格"] input[type="file"]');
    t.ok(ms < USABLE_MS, `import page usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    const [template] = await Promise.all([advisor.waitForEvent('download'), advisor.locator('button:text("下载导入模板（XLSX）")').click()]);
    t.equal(template.suggestedFilename(), '台账导入模板.xlsx', 'the template downloads');
    const before = await ledger();
    await advisor.locator('#f-import-file').setInputFiles({ name: '三华村台账.csv', mimeType: 'text/csv', buffer: csv(BAD_ROWS) });
    await advisor.locator('form[aria-label="导入表格"] button[type="submit"]').click();
    await advisor.locator('[data-import="refused"]').waitFor();
    t.match(await advisor.locator('[data-import="refused"]').textContent(), /没有导入任何记录/, 'said plainly: nothing imported');
    const rows = advisor.locator('tr[data-row-error]');
    t.equal(await rows.count(), 1, 'one bad row');
    t.match(await rows.first().textContent(), /第 3 行.*时长\(小时\).*时长无法识别.*invalid_duration/, 'its row, column, what is wrong and the rule');
    t.ok(await fitsWidth(advisor), 'fits 1366 wide');
    await shot(advisor, 'advisors-import-refused');
    t.same((await ledger()).entries, before.entries, 'the ledger is unchanged');

    await advisor.locator('#f-import-file').setInputFiles({ name: '三华村台账.csv', mimeType: 'text/csv', buffer: csv(GOOD_ROWS) });
    await advisor.locator('form[aria-label="导入表格"] button[type="submit"]').click();
    await advisor.locator('[data-import="completed"]:has-text("已导入 2 条")').waitFor();
    t.equal(await advisor.locator('tr[data-row-error]').count(), 0, 'no row errors left on the page');
    await shot(advisor, 'advisors-import-done');
    t.equal((await ledger()).entries.length, 3, 'the two rows in the ledger');
  });

  t.test('the office returns an entry with a reason, the advisor corrects it, the office approves the month', async (t) => {
    const clerk = await newPage(browser);
    await signInAs(clerk, url, 'judicial_office_staff', 'huadu-xinhua-so');
    const queue = await medianUsable(clerk, home(clerk), () => hashTo(clerk, '#/advisors/review'), `tr[data-queue="${VILLAGE}/${MONTH}"]`);
    t.ok(queue.median < USABLE_MS, `review queue usable in ${Math.round(queue.median)} ms (median of ${queue.all.join(', ')})`);
    await nothingJumped(t, clerk, 'as the queue arrived');
    t.ok(await fitsWidth(clerk), 'fits 1366 wide');
    await shot(clerk, 'advisors-review-queue');

    const first = (await ledger()).entries[0]?.entryId ?? '';
    const open = await medianUsable(clerk, async () => { await hashTo(clerk, '#/advisors/review'); await clerk.locator(`tr[data-queue="${VILLAGE}/${MONTH}"]`).waitFor(); },
      () => clerk.locator(`tr[data-queue="${VILLAGE}/${MONTH}"] a`).click(), `tr[data-entry="${first}"]`);
    t.ok(open.median < USABLE_MS, `ledger usable in ${Math.round(open.median)} ms (median of ${open.all.join(', ')})`);
    await nothingJumped(t, clerk, 'as the ledger arrived');
    t.match(await clerk.locator(`tr[data-entry="${first}"]`).textContent(), /张三丰 13812345678/, 'the office sees persons served unmasked');
    await clerk.locator('[data-action="review"] button').click();
    await clerk.locator('dd[data-fact="status"]:text("审核中")').waitFor();
    await clerk.locator(`tr[data-entry="${first}"] button:text("退回")`).click();
    await clerk.locator('form[data-action="return"] button[type="submit"]').click();
    await clerk.locator('.field.has-error[data-field="return-reason"]').waitFor();
    await clerk.locator('#f-return-reason').fill('时长与签到表不符，请核实');
    await clerk.locator('form[data-action="return"] button[type="submit"]').click();
    await clerk.locator(`tr[data-entry="${first}"] .tag.bad:has-text("时长与签到表不符")`).waitFor();
    t.ok(await fitsWidth(clerk), 'the ledger fits 1366 wide');
    await shot(clerk, 'advisors-ledger-returned');

    await hashTo(advisor, `#/advisors/ledger/${VILLAGE}/${MONTH}`);
    await advisor.locator(`tr[data-entry="${first}"] .tag.bad:has-text("退回待更正")`).waitFor();
    t.equal(await advisor.locator('table.entries .tag.bad').count(), 1, 'the returned entry flagged, and only it');
    await advisor.locator(`tr[data-entry="${first}"] button:text("更正")`).click();
    await advisor.locator(`[id="f-correct-${first}-durationMinutes"]`).fill('1.5');
    await advisor.locator(`[id="f-correct-${first}-reason"]`).fill('按签到表更正为1.5小时');
    await shot(advisor, 'advisors-correcting');
    await advisor.locator('form[data-action="correct"] button[type="submit"]').click();
    await advisor.locator(`tr[data-entry="${first}"] .tag.ok:has-text("已更正")`).waitFor();
    t.ok(await fitsWidth(advisor), 'fits 1366 wide');
    await shot(advisor, 'advisors-ledger-corrected');
    // The lecture was logged twice in the advisor's books: voided with a reason, kept in the history.
    const lecture = (await ledger()).entries[2]?.entryId ?? '';
    await advisor.locator(`tr[data-entry="${lecture}"] button:text("作废")`).click();
    await advisor.locator('#f-void-reason').fill('与另一场讲座重复登记');
    await advisor.locator('form[data-action="void"] button[type="submit"]').click();
    await advisor.locator(`tr[data-entry="${lecture}"] .tag:has-text("已作废：与另一场讲座重复登记")`).waitFor();
    const corrected = (await ledger()).entries[0];
    t.equal(corrected?.content.durationMinutes, 90);
    t.same(corrected?.history.map((h) => h.change), ['logged', 'returned', 'corrected'], 'the entry with its history');

    await clerk.locator('nav.sub a:text("返回")').click();
    await clerk.locator(`tr[data-queue="${VILLAGE}/${MONTH}"] a`).click();
    // Short of the 8 hours: the office records why (the advisor was ill), then approves.
    await clerk.locator('button:text("说明不足…")').click();
    await clerk.locator('#f-excuse-reason').fill('顾问11月中旬住院两周，已安排下月补足');
    await clerk.locator('form[data-action="excuse"] button[type="submit"]').click();
    await clerk.locator('dd[data-fact="on-site"]:has-text("已说明")').waitFor();
    await clerk.locator('[data-action="approve"] button').click();
    await clerk.locator('dd[data-fact="status"]:text("已审核")').waitFor();
    await clerk.locator('button:text("重新打开…")').waitFor();
    await shot(clerk, 'advisors-ledger-approved');
    t.same(await clerk.locator('tr[data-entry] [data-advisor]').allTextContents(), ['陈律师', '陈律师', '陈律师'], 'the office sees each entry\'s advisor by name');
    t.notMatch(await clerk.locator('main').innerText(), new RegExp(`${ADVISOR_ID}|13800000009|14401200910123456`), 'not by register id, and nothing personal of the advisor');
    t.equal((await ledger()).status, 'approved', 'the month approved');

    const shortfalls = await medianUsable(clerk, home(clerk), () => hashTo(clerk, `#/advisors/on-site?month=${MONTH}`), `tr[data-on-site="${VILLAGE}"]`);
    t.ok(shortfalls.median < USABLE_MS, `on-site list usable in ${Math.round(shortfalls.median)} ms (median of ${shortfalls.all.join(', ')})`);
    await nothingJumped(t, clerk, 'as the list arrived');
    const shares = clerk.locator(`tr[data-on-site="${VILLAGE}"] [data-shares]`);
    t.match(await shares.textContent(), /陈律师 4\.5 小时/, "the advisor's share, by name: 1.5 + 3 hours (the voided lecture not counted)");
    t.notMatch(await shares.textContent(), new RegExp(ADVISOR_ID), 'not by register id');
    t.equal(await shares.locator(`[data-advisor="${ADVISOR_ID}"]`).getAttribute('title'), `广东花城律师事务所（顾问编号 ${ADVISOR_ID}）`, 'the firm and the id in the tooltip');
    t.match(await clerk.locator(`tr[data-on-site="${VILLAGE}"]`).textContent(), /已说明.*顾问11月中旬住院两周/, 'excused, with the reason');
    t.ok(await fitsWidth(clerk), 'fits 1366 wide');
    await shot(clerk, 'advisors-on-site');
    await clerk.context().close();
  });

  t.test("another township's office cannot open the village's ledger, nor see it in its queue", async (t) => {
    const stranger = await newPage(browser);
    await signInAs(stranger, url, 'judicial_office_staff', 'baiyun-jingtai-so');
    await hashTo(stranger, `#/advisors/ledger/${VILLAGE}/${MONTH}`);
    await stranger.locator('.problem[role="alert"]').waitFor();
    t.match(await stranger.locator('.problem[role="alert"]').textContent(), /没有找到这个村（社区）的台账：它不存在，或不属于您所在单位的职责范围/);
    t.notMatch(await stranger.locator('main').innerText(), /三华|张三|土地承包|驻点值班接待|陈律师/, 'nothing of the ledger on the page');
    await shot(stranger, 'advisors-other-township');
    await hashTo(stranger, '#/advisors/review');
    await stranger.locator('td.empty:text("没有待审核的台账")').waitFor();
    await eventually(async () => ((await api('/review-queue', bearer('x', 'judicial_office_staff', 'baiyun-jingtai-so'))).body.total as number) === 0, 5_000, 'not even a count');
    await stranger.context().close();
  });
});
