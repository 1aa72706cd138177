// The intake counter in a real browser, against the legal-aid service over the wire: a clerk takes an
// application from the keyboard (the ID number's check digit and the phone checked as typed, with the
// service's own schemas), sees the receipt and prints it (the service's PDF), is warned of the duplicate
// when taking the same person again; a reviewer records the economic status, the office's head approves
// and assigns a lawyer; a clerk of another district cannot open the file, nor see it in a list.
import { residentIdCheckCharacter } from '@bureau/person-schemas';
import { signTestToken } from '@bureau/service-kit/testing';
import { eventually } from '@bureau/testing';
import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { hashTo, launchBrowser, newPage, shot, signInAs, medianUsable, USABLE_BAR_MS } from './support/browser.js';
import { JWT_SECRET, startConsole, startLegalAid } from './support/platform.js';

const USABLE_MS = USABLE_BAR_MS;
/** Leaves for the home page, so the next navigation loads its page afresh. */
const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};
const first17 = '44011419800101123';
const idNumber = `${first17}${residentIdCheckCharacter(first17)}`;
const wrongCheck = `${first17}${residentIdCheckCharacter(first17) === '0' ? '1' : '0'}`;
const field = (name: string) => `[id="f-${name}"]`;

t.test('the intake counter, in a browser', async (t) => {
  const [{ url: legalAidUrl }, browser] = await Promise.all([startLegalAid(t), launchBrowser(t)]);
  const { url } = await startConsole(t, { legalAid: legalAidUrl });
  const head = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-head', role: 'legal_aid_head', org: 'huadu-legal-aid' })}`;
  const clerk = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-clerk', role: 'station_clerk', org: 'huadu-station-xinhua' })}`;
  // The district's lawyer registry (法律援助律师名册), kept by its bureau's administrator: the head assigns from it.
  const administrator = `Bearer ${signTestToken(JWT_SECRET, { sub: 'api-admin', role: 'administrator', org: 'huadu-bureau' })}`;
  const registered = await fetch(`${legalAidUrl}/districts/huadu/lawyers`, {
    method: 'POST', headers: { authorization: administrator, 'content-type': 'application/json' },
    body: JSON.stringify({ commandId: randomUUID(), lawyerId: 'lawyer-zhang', name: '张明律师', licenceNumber: '14401201510000009', firmId: 'firm-huadu-1', firmName: '广东花都律师事务所', relevantPracticeSince: '2015-03-01' }),
  });
  t.equal(registered.status, 200, 'a lawyer in 花都\'s registry');
  const api = async (path: string) => (await (await fetch(`${legalAidUrl}${path}`, { headers: { authorization: head } })).json()) as Record<string, unknown>;

  const page = await newPage(browser);
  await signInAs(page, url, 'station_clerk', 'huadu-station-xinhua');
  let caseId = '';
  let applicationNumber = '';

  t.test('an application taken from the keyboard, checked as typed, then the receipt printed', async (t) => {
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/intake/new'), field('applicant.name'));
    t.ok(ms < USABLE_MS, `form usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    // The name field has the focus: the clerk types straight away and tabs through.
    await page.keyboard.type('李四光');
    await page.keyboard.press('Tab'); // 证件类型
    await page.keyboard.press('Tab'); // 证件号码
    await page.keyboard.type(wrongCheck);
    await page.keyboard.press('Tab'); // 联系电话
    await page.locator('.field.has-error[data-field="applicant.document.number"]').waitFor();
    t.match(await page.locator('[id="f-applicant.document.number-note"]').textContent(), /校验码不符/, 'the check digit, from the shared schema');
    await page.keyboard.type('1391234');
    await page.keyboard.press('Tab');
    await page.locator('.field.has-error[data-field="applicant.phone"]').waitFor();
    await shot(page, 'intake-form-errors');

    await page.locator(field('applicant.document.number')).fill(idNumber);
    await page.locator(field('applicant.phone')).fill('13912345678');
    await page.locator(field('applicant.address')).fill('花都区新华街道1号');
    t.equal(await page.locator('.field.has-error').count(), 0, 'no field in error once corrected');
    await page.locator('label:has-text("农民工") input').check();
    await page.locator(field('opposingParty')).fill('某某建筑有限公司');
    await page.locator(field('authority')).fill('花都区劳动人事争议仲裁委员会');
    await page.locator(field('summary')).fill('追讨拖欠工资三个月');
    await page.keyboard.press('Control+Enter');
    const number = page.locator('[data-fact="application-number"]');
    await number.waitFor();
    applicationNumber = ((await number.textContent()) ?? '').trim();
    t.match(applicationNumber, /花法援申〔\d{4}〕\d{5}号/, 'the application number');
    await shot(page, 'intake-receipt');

    const popup = page.waitForEvent('popup');
    await page.locator('button:text("打印回执")').click();
    const printed = page.locator('[data-printed]');
    await printed.waitFor({ timeout: 30_000 });
    t.ok(Number(await printed.getAttribute('data-printed')) > 5_000, 'the receipt PDF came back');
    t.ok(await popup, 'opened in a new window for printing');
    const found = await eventually(async () => ((await api(`/search?applicationNumber=${encodeURIComponent(applicationNumber)}`)).entries as Array<{ caseId: string }>)[0], 10_000, 'the file in the read model');
    caseId = found.caseId;
    // The same document through the console, as the page fetched it: a PDF.
    const pdf = await fetch(`${url}/api/legal-aid/files/${caseId}/documents/receipt?format=pdf`, { headers: { authorization: clerk } });
    t.equal(pdf.headers.get('content-type'), 'application/pdf');
    t.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  });

  t.test('the same person again: the duplicate warning as the ID number is typed', async (t) => {
    await page.locator('button:text("受理下一件")').click();
    await page.locator(field('applicant.name')).fill('李四光');
    await page.locator(field('applicant.document.number')).fill(idNumber);
    await page.locator('[data-warning="duplicate"]').waitFor();
    t.match(await page.locator('[data-warning="duplicate"]').textContent(), new RegExp(applicationNumber.replace(/[〔〕]/g, '.')));
    await shot(page, 'intake-duplicate-warning');
  });

  t.test("the station's worklist, green channel marked", async (t) => {
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/intake'), `tr[data-case="${applicationNumber}"]`);
    t.ok(ms < USABLE_MS, `worklist usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    await shot(page, 'intake-worklist');
  });

  t.test('the worklist pages and sorts on the server, the address keeping both', async (t) => {
    // A second file at the station (through the service), so there is a next page of one; in the green
    // channel as the first is (a disabled applicant), since the green channel comes first under every sort.
    const second = `${'44011419900101456'}${residentIdCheckCharacter('44011419900101456')}`;
    const submitted = await fetch(`${legalAidUrl}/applications`, {
      method: 'POST', headers: { authorization: clerk, 'content-type': 'application/json' },
      body: JSON.stringify({
        commandId: randomUUID(), channel: { kind: 'counter' }, applicant: { name: '王五', document: { type: 'resident_id', number: second }, phone: '13900002222', address: '花都区新华街道2号', groups: ['disabled'] },
        matterType: 'employment_or_wages', aidForm: 'labour_dispute_representation', opposingParty: '某某物业有限公司', summary: '追讨拖欠工资',
        competenceFacts: { kind: 'non_litigation', disputeAuthority: '花都区劳动人事争议仲裁委员会', disputeAuthoritySits: { districtId: 'huadu' }, matterAroseIn: { districtId: 'huadu' } },
      }),
    });
    t.equal(submitted.status, 201, 'a second application');
    const { applicationNumber: secondNumber } = (await submitted.json()) as { applicationNumber: string };
    await eventually(async () => ((await api('/worklist')).total as number) === 2, 10_000, 'both in the read model');
    await hashTo(page, '#/intake?sort=applicationNumber&limit=1');
    // The whole list is still shown until the first page of one arrives: wait for that.
    await page.waitForFunction('document.querySelectorAll("table.list tbody tr[data-case]").length === 1');
    await page.locator(`tr[data-case="${applicationNumber}"]`).waitFor();
    await page.locator('.pager .count:text("共 2 件")').waitFor();
    await page.locator('.pager button[data-page="next"]').click();
    await page.locator(`tr[data-case="${secondNumber}"]`).waitFor();
    t.match(page.url(), /cursor=/, 'the address keeps the page');
    await page.locator('.pager button[data-page="previous"]').click();
    await page.locator(`tr[data-case="${applicationNumber}"]`).waitFor();
    await page.locator('th[data-sort="applicationNumber"] a').click();
    await page.locator('th[data-sort="applicationNumber"][aria-sort="descending"]').waitFor();
    await page.locator(`tr[data-case="${secondNumber}"]`).waitFor();
    t.match(page.url(), /sort=-applicationNumber/, 'the address keeps the sort');
    await shot(page, 'intake-worklist-sorted');
  });

  t.test('a reviewer records the economic status; the head approves and assigns a lawyer', async (t) => {
    const reviewer = await newPage(browser);
    await signInAs(reviewer, url, 'legal_aid_reviewer', 'huadu-legal-aid');
    const { median: ms, all } = await medianUsable(reviewer, home(reviewer), () => hashTo(reviewer, `#/intake/files/${caseId}`), 'dd[data-fact="status"]:text("审查中")');
    t.ok(ms < USABLE_MS, `file usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    t.equal(await reviewer.locator('form[data-action="approval"]').count(), 0, 'a reviewer does not decide');
    // Exempt from verification (Art. 42): the service's 400 (no proof) and its 422 (a ground that does not
    // fit: the applicant is no recipient of social assistance) each shown on its field; then the ground that fits.
    const economic = reviewer.locator('form[data-action="economic-status"]');
    await reviewer.locator('[id="f-economic-status-kind"]').selectOption('art42_exempt');
    await economic.locator('button[type="submit"]').click();
    await reviewer.locator('.field.has-error[data-field="economic-status-proof"]').waitFor();
    t.equal(await reviewer.locator('.field.has-error').count(), 1, 'the proof, and only it, in error');
    await reviewer.locator('[id="f-economic-status-proof"]').fill('穗花民低保证第0815号');
    await economic.locator('button[type="submit"]').click();
    await reviewer.locator('.field.has-error[data-field="economic-status-ground42"]').waitFor();
    t.match(await reviewer.locator('[id="f-economic-status-ground42-note"]').textContent(), /第四十二条情形与受援人或申请事项不符/, 'the rule, in the bureau\'s words, on the ground');
    await shot(reviewer, 'intake-economic-status-field-error');
    await reviewer.locator('[id="f-economic-status-ground42"]').selectOption('migrant_worker_wages_or_work_injury');
    await reviewer.locator('[id="f-economic-status-proof"]').fill('劳动合同及欠薪证明');
    await economic.locator('button[type="submit"]').click();
    await reviewer.locator('.done:text("已记录")').waitFor();
    await reviewer.locator('dd[data-fact="economic-status"]:has-text("免予核查（第四十二条）：申请支付劳动报酬")').waitFor();
    await shot(reviewer, 'intake-economic-status-recorded');
    t.match((await api(`/files/${caseId}`)).file, { economicStatus: { kind: 'art42_exempt', ground: 'migrant_worker_wages_or_work_injury', proof: '劳动合同及欠薪证明' } }, 'recorded as exempt, with its ground and proof');
    await reviewer.context().close();

    const boss = await newPage(browser);
    await signInAs(boss, url, 'legal_aid_head', 'huadu-legal-aid');
    await hashTo(boss, `#/intake/files/${caseId}`);
    await boss.locator('form[data-action="approval"] button').click();
    await boss.locator('dd[data-fact="status"]:text("已给予援助（待指派）")').waitFor();
    // No lawyer chosen: the service names the field, shown against it; then one from the registry's suggestions.
    await boss.locator('form[data-action="lawyer-assignment"] button').click();
    await boss.locator('.field.has-error[data-field="lawyer-assignment-lawyerId"]').waitFor();
    await shot(boss, 'intake-assignment-field-error');
    await boss.locator('[id="f-lawyer-assignment-lawyerId"]').selectOption('lawyer-zhang');
    t.match(await boss.locator('[id="f-lawyer-assignment-lawyerId"] option[value="lawyer-zhang"]').textContent(), /张明律师（广东花都律师事务所，相关执业\d+年，在办0件）/, 'suggested with its firm, years and load');
    await boss.locator('form[data-action="lawyer-assignment"] button').click();
    await boss.locator('dd[data-fact="status"]:text("已指派")').waitFor();
    t.match(await boss.locator('[data-fact="lawyer"]').textContent(), /张明律师（广东花都律师事务所）/, 'the lawyer named, from the registry');
    // The timeline is the file's record: each act with who did it.
    await boss.locator('li[data-event="LawyerAssigned"]:has-text("张明律师（广东花都律师事务所）")').waitFor();
    t.match(await boss.locator('li[data-event="ApplicationSubmitted"]').textContent(), /受理申请.*受理人员 · 花都区新华街法律援助工作站/);
    t.match(await boss.locator('li[data-event="ApplicationApproved"]').textContent(), /决定给予法律援助.*法律援助机构负责人/);
    await shot(boss, 'intake-file-assigned');
    const file = await api(`/files/${caseId}`);
    t.equal(file.status, 'aided', 'the service has it assigned');
    await boss.context().close();
  });

  t.test('a clerk of another district cannot open the file, nor find it', async (t) => {
    const other = await newPage(browser);
    await signInAs(other, url, 'station_clerk', 'baiyun-station-jingtai');
    await hashTo(other, `#/intake/files/${caseId}`);
    const note = other.locator('.problem[role="alert"]');
    await note.waitFor();
    t.match(await note.textContent(), /没有找到这份申请：它不存在，或不属于您所在单位的职责范围/);
    t.notMatch(await other.content(), /李四光|13912345678/, 'nothing of the file reached the page');
    await shot(other, 'intake-other-district');
    await hashTo(other, '#/intake');
    await other.locator('td.empty').waitFor();
    t.equal(await other.locator(`tr[data-case="${applicationNumber}"]`).count(), 0, 'not in their worklist');
    await other.context().close();
  });
});
