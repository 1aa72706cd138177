// Offices and auditors may not read the advisors' register, yet the ledger, the on-site list and the
// month's shares must say who the advisor is: by name and firm (public, posted in the village), never by
// phone or licence number (not public).
import t from 'tap';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture, service } from '../support/app.js';

t.test('the ledger and the on-site list name each advisor, and show nothing personal of them', async (t) => {
  const f = await advisorsFixture(t, { start: '2026-03-20 10:00' });
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  t.equal((await f.post('/districts/huadu/advisors', OTHER_ADVISOR, f.tokens.admin)).statusCode, 200, 'another advisor on the same register');
  const logged = await f.post('/villages/huadu-xinhua-dongsha/ledger/entries', service({ type: 'on_site_duty', durationMinutes: 180, personsServed: [], summary: '驻点值班' }), f.tokens.advisor);
  t.equal(logged.statusCode, 200, logged.body);
  const after = `after=${encodeURIComponent(logged.json().position)}`;
  const named = { name: ADVISOR.name, firm: ADVISOR.firm };
  const personal = [ADVISOR.phone, ADVISOR.licenceNumber, OTHER_ADVISOR.phone, OTHER_ADVISOR.licenceNumber];

  for (const [who, token] of [['the judicial office', f.tokens.office], ['the district auditor', f.tokens.auditor], ['the city auditor', f.tokens.cityAuditor]] as const) {
    const ledger = await f.get('/villages/huadu-xinhua-dongsha/ledger/2026-03', token);
    t.equal(ledger.statusCode, 200, ledger.body);
    t.same(ledger.json().entries[0].advisor, named, `${who}: the entry names its advisor`);
    t.match(ledger.json().onSite.byAdvisor, [{ advisorId: ADVISOR.advisorId, onSiteMinutes: 180, advisor: named }], `${who}: the share too`);
    const onSite = await f.get(`/on-site/2026-03?${after}`, token);
    t.equal(onSite.statusCode, 200, onSite.body);
    const dongsha = onSite.json().villages.find((v: { villageId: string }) => v.villageId === 'huadu-xinhua-dongsha');
    t.match(dongsha.byAdvisor, [{ advisorId: ADVISOR.advisorId, onSiteMinutes: 180, advisor: named }], `${who}: the on-site list's share`);
    for (const body of [ledger.body, onSite.body]) t.notOk(personal.some((p) => body.includes(p)), `${who}: no advisor's phone or licence number`);
    t.equal((await f.get('/districts/huadu/advisors', token)).statusCode === 200, who !== 'the judicial office', `${who}: the register itself is ${who === 'the judicial office' ? 'not' : ''} theirs to read`);
  }

  t.test('an advisor no longer on the register keeps their name on what they logged', async (t) => {
    const removed = await f.post(`/districts/huadu/advisors/${ADVISOR.advisorId}/removal`, { reason: '合同到期' }, f.tokens.admin);
    t.equal(removed.statusCode, 200, removed.body);
    t.same((await f.get('/villages/huadu-xinhua-dongsha/ledger/2026-03', f.tokens.office)).json().entries[0].advisor, named);
  });
});
