// The ledger over HTTP: register, appoint, log, correct, void; the ledger as it stands with its history;
// personal data masked for the district; an advisor refused where they are not appointed, with the rule.
import t from 'tap';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture, service } from '../support/app.js';

t.test('register, appoint, log, correct, void, read', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua');

  const register = await f.get('/districts/huadu/advisors', f.tokens.admin);
  t.equal(register.statusCode, 200);
  t.match(register.json(), { districtId: 'huadu', advisors: [{ advisorId: ADVISOR.advisorId, status: 'active' }] });
  const appointments = await f.get('/villages/huadu-xinhua-sanhua/appointments', f.tokens.office);
  t.match(appointments.json(), { judicialOfficeId: 'huadu-xinhua-so', appointments: [{ advisorId: ADVISOR.advisorId, from: '2026-03-01' }] });

  const logged = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', { entryId: 'e1', ...service() }, f.tokens.advisor);
  t.equal(logged.statusCode, 200, logged.body);
  t.match(logged.json(), { villageId: 'huadu-xinhua-sanhua', month: '2026-03', entryId: 'e1', alreadyApplied: false });

  const corrected = await f.post('/villages/huadu-xinhua-sanhua/ledger/2026-03/entries/e1/correction', { reason: '时长记错', correction: { durationMinutes: 90 } }, f.tokens.advisor);
  t.equal(corrected.statusCode, 200, corrected.body);
  const second = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', { entryId: 'e2', ...service({ startTime: '14:00', type: 'lecture', durationMinutes: 60 }) }, f.tokens.advisor);
  t.equal(second.statusCode, 200, second.body);
  const voided = await f.post('/villages/huadu-xinhua-sanhua/ledger/2026-03/entries/e2/void', { reason: '重复登记' }, f.tokens.advisor);
  t.equal(voided.statusCode, 200, voided.body);

  const asOffice = (await f.get('/villages/huadu-xinhua-sanhua/ledger/2026-03', f.tokens.office)).json();
  t.match(asOffice, { status: 'open', judicialOfficeId: 'huadu-xinhua-so', figures: { entries: 1, onSiteMinutes: 90 }, onSite: { outcome: 'short', onSiteMinutes: 90, minimumMinutes: 480 } });
  t.match(asOffice.entries[0], { entryId: 'e1', status: 'standing', content: { durationMinutes: 90, personsServed: [{ name: '张三丰', phone: '13812345678' }] } });
  t.same(asOffice.entries[0].history.map((h: { change: string }) => h.change), ['logged', 'corrected'], 'never edited in place: the history');
  t.match(asOffice.entries[1], { entryId: 'e2', status: 'voided', voidReason: '重复登记' });

  const asDistrict = await f.get('/villages/huadu-xinhua-sanhua/ledger/2026-03', f.tokens.auditor);
  t.notOk(asDistrict.body.includes('13812345678'), 'the district sees phones masked');
  t.notOk(asDistrict.body.includes('张三丰'), 'and names');
  t.match(asDistrict.json().entries[0].content.personsServed, [{ name: '张**', phone: '138****5678' }]);
  const asAdvisor = await f.get('/villages/huadu-xinhua-sanhua/ledger/2026-03', f.tokens.advisor);
  t.ok(asAdvisor.body.includes('13812345678'), 'the advisor sees their own entries whole');

  t.test('the same command again is recorded once', async (t) => {
    const body = { commandId: '6f9619ff-8b86-4d01-b42d-00cf4fc964ff', entryId: 'e3', ...service({ startTime: '16:00' }) };
    const first = await f.app.inject({ method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', headers: { authorization: f.tokens.advisor }, payload: body });
    const again = await f.app.inject({ method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', headers: { authorization: f.tokens.advisor }, payload: body });
    t.equal(first.json().alreadyApplied, false);
    t.equal(again.json().alreadyApplied, true);
  });

  t.test('an advisor logging for a village they are not appointed to is refused with the rule', async (t) => {
    const before = await f.streamRevisions();
    const res = await f.post('/villages/huadu-xinhua-xinjie/ledger/entries', service(), f.tokens.advisor);
    t.equal(res.statusCode, 422);
    t.match(res.json(), { rule: 'advisor_not_appointed' });
    t.same(await f.streamRevisions(), before, 'nothing written');
  });

  t.test('an advisor logging outside their appointment period is refused with the rule', async (t) => {
    const res = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ date: '2025-12-30' }), f.tokens.advisor);
    t.equal(res.statusCode, 422);
    t.match(res.json(), { rule: 'advisor_not_appointed' });
  });

  t.test('another advisor cannot correct or void an entry they did not log', async (t) => {
    const reg = await f.post('/districts/huadu/advisors', OTHER_ADVISOR, f.tokens.admin);
    t.equal(reg.statusCode, 200);
    const res = await f.post('/villages/huadu-xinhua-sanhua/ledger/2026-03/entries/e1/void', { reason: '不是我的' }, f.tokens.otherAdvisor);
    t.equal(res.statusCode, 422);
    t.match(res.json(), { rule: 'entry_of_another_advisor' });
    const theirs = await f.get('/villages/huadu-xinhua-sanhua/ledger/2026-03', f.tokens.otherAdvisor);
    t.equal(theirs.statusCode, 404, 'nor read the ledger of a village they did not serve');
  });

  t.test('a village of another district answers as no village; an unknown entry is 404', async (t) => {
    const theirs = await f.post('/villages/baiyun-jingtai-v1/ledger/entries', service(), f.tokens.advisor);
    const none = await f.post('/villages/no-such-village/ledger/entries', service(), f.tokens.advisor);
    t.equal(theirs.statusCode, 404);
    t.equal(theirs.json().detail, none.json().detail);
    const entry = await f.post('/villages/huadu-xinhua-sanhua/ledger/2026-03/entries/nope/void', { reason: 'x' }, f.tokens.advisor);
    t.equal(entry.statusCode, 404);
  });

  t.test('a future date is refused', async (t) => {
    const res = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ date: '2026-03-25' }), f.tokens.advisor);
    t.equal(res.statusCode, 422);
    t.match(res.json(), { rule: 'service_in_future' });
  });
});

t.test('appointments: overlapping refused with the rule; end early; unregistered advisor', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua', '2026-01-01', '2026-12-31');
  await f.post('/districts/huadu/advisors', OTHER_ADVISOR, f.tokens.admin);
  const overlap = await f.post('/villages/huadu-xinhua-sanhua/appointments', { advisorId: OTHER_ADVISOR.advisorId, from: '2026-03-01', to: '2026-12-31' }, f.tokens.admin);
  t.equal(overlap.statusCode, 422);
  t.match(overlap.json(), { rule: 'appointment_overlaps' });
  const appointments = (await f.get('/villages/huadu-xinhua-sanhua/appointments', f.tokens.admin)).json();
  const id = appointments.appointments[0].appointmentId;
  const ended = await f.post(`/villages/huadu-xinhua-sanhua/appointments/${id}/end`, { endsOn: '2026-03-10', reason: '更换顾问' }, f.tokens.admin);
  t.equal(ended.statusCode, 200, ended.body);
  const next = await f.post('/villages/huadu-xinhua-sanhua/appointments', { advisorId: OTHER_ADVISOR.advisorId, from: '2026-03-11', to: '2026-12-31' }, f.tokens.admin);
  t.equal(next.statusCode, 200, next.body);
  const unknown = await f.post('/villages/huadu-xinhua-xinjie/appointments', { advisorId: 'adv-nobody', from: '2026-03-01', to: '2026-12-31' }, f.tokens.admin);
  t.equal(unknown.statusCode, 422);
  t.match(unknown.json(), { rule: 'advisor_not_registered' });
  // The new advisor logs from the 11th; the old one's 12th is refused.
  t.equal((await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ date: '2026-03-12' }), f.tokens.otherAdvisor)).statusCode, 200);
  const old = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ date: '2026-03-12', startTime: '15:00' }), f.tokens.advisor);
  t.match(old.json(), { rule: 'advisor_not_appointed' });
  const dup = await f.post('/districts/huadu/advisors', { ...OTHER_ADVISOR, advisorId: 'adv-copy' }, f.tokens.admin);
  t.match(dup.json(), { rule: 'licence_number_taken' });
  const removed = await f.post(`/districts/huadu/advisors/${ADVISOR.advisorId}/removal`, { reason: '合同到期' }, f.tokens.admin);
  t.equal(removed.statusCode, 200, removed.body);
  const changed = await f.app.inject({ method: 'PUT', url: `/districts/huadu/advisors/${OTHER_ADVISOR.advisorId}`, headers: { authorization: f.tokens.admin },
    payload: { commandId: '0c7a6b34-5d9e-4b0e-9f3e-2a1b3c4d5e6f', name: OTHER_ADVISOR.name, firm: '广东新所律师事务所', licenceNumber: OTHER_ADVISOR.licenceNumber, phone: OTHER_ADVISOR.phone } });
  t.equal(changed.statusCode, 200, changed.body);
});
