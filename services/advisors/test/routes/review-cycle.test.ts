// The month's review cycle end to end (issue 18): log, the office starts its review from the 25th, returns
// an entry, the advisor corrects it and it comes back, the office approves after the month ends, a late
// correction is refused until the office reopens, then the month is approved again. And the queue, the
// on-site figures and the district's summary along the way.
import t from 'tap';
import { ADVISOR, advisorsFixture, service } from '../support/app.js';

t.test('log, return, correct, approve, reopen', async (t) => {
  const f = await advisorsFixture(t, { start: '2026-03-20 10:00' });
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua');
  const ledger = '/villages/huadu-xinhua-sanhua/ledger/2026-03';
  const log = (entryId: string, overrides: Record<string, unknown>) => f.post('/villages/huadu-xinhua-sanhua/ledger/entries', { entryId, ...service(overrides) }, f.tokens.advisor);
  t.equal((await log('duty-1', { date: '2026-03-06', type: 'on_site_duty', durationMinutes: 240, personsServed: [], summary: '驻点值班' })).statusCode, 200);
  t.equal((await log('consult-1', { date: '2026-03-10', durationMinutes: 60 })).statusCode, 200);

  const early = await f.post(`${ledger}/review`, {}, f.tokens.office);
  t.equal(early.statusCode, 422);
  t.match(early.json(), { rule: 'review_window_not_open' });

  f.clock.set('2026-03-25 09:00');
  const started = await f.post(`${ledger}/review`, {}, f.tokens.office);
  t.equal(started.statusCode, 200, started.body);
  const queue = await f.get(`/review-queue?month=2026-03&after=${encodeURIComponent(started.json().position)}`, f.tokens.office);
  t.match(queue.json().items, [{ villageId: 'huadu-xinhua-sanhua', month: '2026-03', status: 'in_review', entries: 2, returnedOutstanding: 0 }]);
  t.notOk(queue.body.includes('张三丰'), 'no personal data in the queue');

  const returned = await f.post(`${ledger}/entries/consult-1/return`, { reason: '请补充服务对象电话' }, f.tokens.office);
  t.equal(returned.statusCode, 200, returned.body);
  t.match((await f.get(`/review-queue?month=2026-03&after=${encodeURIComponent(returned.json().position)}`, f.tokens.office)).json().items, [{ returnedOutstanding: 1 }]);

  f.clock.set('2026-04-02 09:00');
  const blocked = await f.post(`${ledger}/approval`, {}, f.tokens.office);
  t.equal(blocked.statusCode, 422);
  t.match(blocked.json(), { rule: 'returned_entries_outstanding' });

  const corrected = await f.post(`${ledger}/entries/consult-1/correction`, { reason: '补充电话', correction: { personsServed: [{ name: '张三丰', phone: '13812345679' }] } }, f.tokens.advisor);
  t.equal(corrected.statusCode, 200, corrected.body);
  const view = (await f.get(ledger, f.tokens.office)).json();
  t.match(view.entries[1], { entryId: 'consult-1', returned: null });
  t.same(view.entries[1].history.map((h: { change: string }) => h.change), ['logged', 'returned', 'corrected']);

  // The office sees the month short (5 h of 8) and excuses it before approving.
  t.match(view.onSite, { outcome: 'short', onSiteMinutes: 300, shortByMinutes: 180 });
  const excused = await f.post(`${ledger}/excuse`, { cause: 'advisor_ill', reason: '顾问住院两周' }, f.tokens.office);
  t.equal(excused.statusCode, 200, excused.body);
  const approved = await f.post(`${ledger}/approval`, {}, f.tokens.office);
  t.equal(approved.statusCode, 200, approved.body);
  t.match((await f.get(ledger, f.tokens.office)).json(), { status: 'approved', onSite: { outcome: 'excused' } });

  const late = await f.post(`${ledger}/entries/duty-1/correction`, { reason: '补记', correction: { durationMinutes: 300 } }, f.tokens.advisor);
  t.equal(late.statusCode, 422);
  t.match(late.json(), { rule: 'month_approved' });
  const lateLog = await log('late-1', { date: '2026-03-28', startTime: '10:00' });
  t.match(lateLog.json(), { rule: 'month_approved' });

  const reopenNoReason = await f.post(`${ledger}/reopening`, { reason: '   ' }, f.tokens.office);
  t.equal(reopenNoReason.statusCode, 400, 'a reason is required');
  const reopened = await f.post(`${ledger}/reopening`, { reason: '顾问补交签到表' }, f.tokens.office);
  t.equal(reopened.statusCode, 200, reopened.body);
  const fixed = await f.post(`${ledger}/entries/duty-1/correction`, { reason: '补记签到表', correction: { durationMinutes: 480 } }, f.tokens.advisor);
  t.equal(fixed.statusCode, 200, fixed.body);
  const again = await f.post(`${ledger}/approval`, {}, f.tokens.office);
  t.equal(again.statusCode, 200, again.body);
  const final = (await f.get(ledger, f.tokens.office)).json();
  t.match(final, { status: 'approved', reopenings: 1, onSite: { outcome: 'met', onSiteMinutes: 540 } });

  const onSite = await f.get(`/on-site/2026-03?after=${encodeURIComponent(again.json().position)}`, f.tokens.office);
  t.equal(onSite.statusCode, 200, onSite.body);
  const byVillage = Object.fromEntries(onSite.json().villages.map((v: { villageId: string }) => [v.villageId, v]));
  t.match(byVillage['huadu-xinhua-sanhua'], { outcome: 'met', onSiteMinutes: 540, minimumMinutes: 480, byAdvisor: [{ advisorId: ADVISOR.advisorId, onSiteMinutes: 540 }] });
  t.match(byVillage['huadu-xinhua-xinjie'], { outcome: 'short', onSiteMinutes: 0, shortByMinutes: 480, status: 'unopened' }, 'a village nobody logged in is short by all');
  t.notOk(onSite.body.includes('baiyun'), 'only the office\'s villages');

  const summary = await f.get(`/districts/huadu/summary/2026-03?after=${encodeURIComponent(again.json().position)}`, f.tokens.auditor);
  t.equal(summary.statusCode, 200, summary.body);
  t.match(summary.json(), { districtId: 'huadu', villages: 4, met: 1, short: 3, approved: 1, onSiteMinutes: 540, byType: { on_site_duty: 1, consultation: 1 } });
  t.equal((await f.get('/districts/baiyun/summary/2026-03', f.tokens.auditor)).statusCode, 404, 'another district answers as none');
});

t.test('a per-district minimum is configurable', async (t) => {
  const f = await advisorsFixture(t, { env: { ADVISORS_MINIMUM_ON_SITE_HOURS_BY_DISTRICT: '{"huadu":2}' } });
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua');
  await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ durationMinutes: 120 }), f.tokens.advisor);
  t.match((await f.get('/villages/huadu-xinhua-sanhua/ledger/2026-03', f.tokens.office)).json().onSite, { outcome: 'met', minimumMinutes: 120 });
});
