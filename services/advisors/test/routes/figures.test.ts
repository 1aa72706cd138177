// The query side beyond one village's month (issue 18): an advisor's month and year, a township's month,
// and the district's year in the annual report's terms (services 件/次 by type, hours on site, villages
// that met the monthly minimum in every ended month). Each within the caller's reach: another district's
// data in no list and no count, and a subject out of reach answered exactly as one that does not exist.
import t from 'tap';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture, service } from '../support/app.js';

t.test('per advisor, per township, the year in the report\'s terms', async (t) => {
  const f = await advisorsFixture(t, { start: '2026-04-02 10:00' });
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha', '2026-01-01');
  const xicun = await f.post('/villages/huadu-xinhua-xicun/appointments', { advisorId: ADVISOR.advisorId, from: '2026-01-01', to: '2026-12-31' }, f.tokens.admin);
  t.equal(xicun.statusCode, 200, xicun.body);
  await f.appoint(OTHER_ADVISOR, 'huadu-xinhua-sanhua', '2026-01-01');
  const log = async (villageId: string, entryId: string, overrides: Record<string, unknown>, token = f.tokens.advisor) => {
    const res = await f.post(`/villages/${villageId}/ledger/entries`, { entryId, ...service(overrides) }, token);
    t.equal(res.statusCode, 200, res.body);
    return res.json() as { position: string };
  };
  const duty = { type: 'on_site_duty', durationMinutes: 480, personsServed: [], summary: '驻点值班' };
  // 东沙村: the minimum met in January, February and March.
  await log('huadu-xinhua-dongsha', 'd-jan', { ...duty, date: '2026-01-05' });
  await log('huadu-xinhua-dongsha', 'd-feb', { ...duty, date: '2026-02-05' });
  await log('huadu-xinhua-dongsha', 'd-mar', { ...duty, date: '2026-03-05' });
  await log('huadu-xinhua-dongsha', 'c-mar', { date: '2026-03-06', mode: 'remote', durationMinutes: 60 });
  // 西村: one mediation in March, and an entry voided (counted nowhere).
  await log('huadu-xinhua-xicun', 'm-mar', { date: '2026-03-06', type: 'mediation', durationMinutes: 120 });
  await log('huadu-xinhua-xicun', 'v-mar', { date: '2026-03-07', durationMinutes: 60 });
  const voided = await f.post('/villages/huadu-xinhua-xicun/ledger/2026-03/entries/v-mar/void', { reason: '重复登记' }, f.tokens.advisor);
  t.equal(voided.statusCode, 200, voided.body);
  // 三华村: the other advisor's lecture.
  await log('huadu-xinhua-sanhua', 'l-mar', { date: '2026-03-10', type: 'lecture', durationMinutes: 90, personsServed: [] }, f.tokens.otherAdvisor);
  // 白云: its own advisor, village and service (never in 花都's figures).
  t.equal((await f.post('/districts/baiyun/advisors', { ...ADVISOR, advisorId: 'adv-by', licenceNumber: '14401200910777777' }, f.tokens.baiyunAdmin)).statusCode, 200);
  t.equal((await f.post('/villages/baiyun-jingtai-v1/appointments', { advisorId: 'adv-by', from: '2026-01-01', to: '2026-12-31' }, f.tokens.baiyunAdmin)).statusCode, 200);
  await log('baiyun-jingtai-v1', 'b-mar', { date: '2026-03-05' }, f.token('legal_advisor', 'baiyun', 'adv-by'));
  // The office approves 东沙村's March: reviewed.
  t.equal((await f.post('/villages/huadu-xinhua-dongsha/ledger/2026-03/review', {}, f.tokens.office)).statusCode, 200);
  const approved = await f.post('/villages/huadu-xinhua-dongsha/ledger/2026-03/approval', {}, f.tokens.office);
  t.equal(approved.statusCode, 200, approved.body);
  const after = `after=${encodeURIComponent(approved.json().position)}`;
  const get = async (url: string, token: string, status = 200) => {
    const res = await f.get(`${url}?${after}`, token);
    t.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json();
  };
  const strip = ({ requestId: _r, instance: _i, ...rest }: Record<string, unknown>) => rest;

  t.test('an advisor\'s year and month: their villages, hours and counts, their own entries only', async (t) => {
    const year = await get('/advisors/adv-chen/figures/2026', f.tokens.admin);
    t.match(year, { advisorId: 'adv-chen', period: '2026', from: '2026-01', to: '2026-12', advisor: { name: ADVISOR.name, districtId: 'huadu' }, services: 5, onSiteMinutes: 3 * 480 + 120, remoteMinutes: 60, onSiteHours: 26, remoteHours: 1 });
    t.match(year.byType, { on_site_duty: 3, consultation: 1, mediation: 1, lecture: 0 });
    t.same(year.villages.map((v: { villageId: string }) => v.villageId).sort(), ['huadu-xinhua-dongsha', 'huadu-xinhua-xicun']);
    t.match(year.villages.find((v: { villageId: string }) => v.villageId === 'huadu-xinhua-dongsha'), { townshipId: 'huadu-xinhua', services: 4, onSiteMinutes: 1440 });
    t.same(year.months.map((m: { month: string; services: number }) => [m.month, m.services]), [['2026-01', 1], ['2026-02', 1], ['2026-03', 3]]);
    const march = await get('/advisors/adv-chen/figures/2026-03', f.tokens.admin);
    t.match(march, { services: 3, onSiteMinutes: 600, remoteMinutes: 60 });
    t.equal(march.villages.length, 2);
    t.notOk(JSON.stringify(year).includes('张三丰'), 'no personal data');
    t.match(await get('/advisors/adv-li/figures/2026', f.tokens.admin), { services: 1, byType: { lecture: 1 } });
    t.match(await get('/advisors/adv-chen/figures/2026', f.tokens.office), { services: 5 }, 'the office: its township\'s villages');
    t.match(await get('/advisors/adv-chen/figures/2026', f.tokens.cityAuditor), { services: 5 });
    t.match(await get('/advisors/adv-chen/figures/2026', f.tokens.advisor), { services: 5 }, 'the advisor, their own');
    t.match(await get('/advisors/adv-chen/figures/2025', f.tokens.admin), { services: 0, villages: [] }, 'on the register, nothing that year');
  });

  t.test('an advisor out of reach answers as none', async (t) => {
    const none = await get('/advisors/no-such-advisor/figures/2026', f.tokens.baiyunAdmin, 404);
    t.same(strip(await get('/advisors/adv-chen/figures/2026', f.tokens.baiyunAdmin, 404)), strip(none), '白云 does not see 花都\'s advisor');
    t.same(strip(await get('/advisors/adv-chen/figures/2026', f.tokens.baiyunOffice, 404)), strip(none));
    t.same(strip(await get('/advisors/adv-li/figures/2026', f.tokens.advisor, 404)), strip(none), 'an advisor: another advisor\'s figures');
    t.match(await get('/advisors/adv-by/figures/2026', f.tokens.cityAuditor), { services: 1 });
  });

  t.test('a township\'s month: each village with hours, counts by type, reviewed or not, shortfall', async (t) => {
    const town = await get('/townships/huadu-xinhua/figures/2026-03', f.tokens.office);
    t.match(town, { townshipId: 'huadu-xinhua', month: '2026-03', judicialOfficeId: 'huadu-xinhua-so' });
    t.same(town.villages.map((v: { villageId: string }) => v.villageId).sort(), ['huadu-xinhua-dongsha', 'huadu-xinhua-sanhua', 'huadu-xinhua-xicun', 'huadu-xinhua-xinjie']);
    const village = (id: string) => town.villages.find((v: { villageId: string }) => v.villageId === id);
    t.match(village('huadu-xinhua-dongsha'), { status: 'approved', reviewed: true, services: 2, onSiteMinutes: 480, remoteMinutes: 60, onSiteHours: 8, byType: { on_site_duty: 1, consultation: 1 }, onSite: { outcome: 'met', shortByMinutes: 0 }, advisors: [{ advisorId: 'adv-chen', advisor: { name: ADVISOR.name, firm: ADVISOR.firm } }] });
    t.match(village('huadu-xinhua-xicun'), { status: 'open', reviewed: false, services: 1, onSiteMinutes: 120, byType: { mediation: 1, consultation: 0 }, onSite: { outcome: 'short', shortByMinutes: 360 } });
    t.match(village('huadu-xinhua-xinjie'), { status: 'unopened', services: 0, onSite: { outcome: 'short', shortByMinutes: 480 } });
    t.match(town.totals, { villages: 4, services: 4, onSiteMinutes: 690, remoteMinutes: 60, reviewed: 1, met: 1, short: 3, excused: 0 });
    t.match(await get('/townships/huadu-xinhua/figures/2026-03', f.tokens.admin), { totals: { services: 4 } });
    t.notOk(JSON.stringify(town).includes('张三丰'), 'no personal data');
    t.notOk([ADVISOR.phone, ADVISOR.licenceNumber].some((p) => JSON.stringify(town).includes(p)), 'the advisors named, nothing personal of them');
    const none = await get('/townships/no-such-township/figures/2026-03', f.tokens.baiyunOffice, 404);
    t.same(strip(await get('/townships/huadu-xinhua/figures/2026-03', f.tokens.baiyunOffice, 404)), strip(none), '白云\'s office: 花都\'s township is none');
    t.same(strip(await get('/townships/huadu-xinhua/figures/2026-03', f.tokens.baiyunAdmin, 404)), strip(none));
  });

  t.test('the year in the annual report\'s terms, scoped', async (t) => {
    const year = await get('/districts/huadu/annual/2026', f.tokens.admin);
    const onSite = await get('/on-site/2026-03', f.tokens.admin);
    t.match(year, { districtId: 'huadu', year: '2026', unit: '件/次', services: 6, onSiteMinutes: 3 * 480 + 120 + 90, onSiteHours: 27.5, remoteMinutes: 60, minimumMinutes: 480 });
    t.same(year.byType, { consultation: 1, legal_opinion: 0, mediation: 1, legal_aid_referral: 0, lecture: 1, review: 0, legal_health_check: 0, on_site_duty: 3 });
    t.equal(year.typeNames.on_site_duty, '驻点值班');
    t.same(year.judgedMonths, ['2026-01', '2026-02', '2026-03'], 'the months ended by 2 April');
    t.equal(year.villages, onSite.villages.length, 'every village of the district in reach');
    t.equal(year.villagesMetEveryMonth, 1);
    t.same(year.villagesMetEveryMonthIds, ['huadu-xinhua-dongsha'], 'traceable to the villages it counts');
    t.equal(year.months.length, 12);
    t.equal(year.months.reduce((n: number, m: { services: number }) => n + m.services, 0), year.services, 'the months add up to the year');
    t.match(await get('/districts/huadu/annual/2026', f.tokens.office), { services: 6, villagesMetEveryMonth: 1 }, 'the office: its own villages\' part');
    t.match(await get('/districts/huadu/annual/2026', f.tokens.cityAuditor), { services: 6 });
    t.match(await get('/districts/baiyun/annual/2026', f.tokens.cityAuditor), { services: 1, villagesMetEveryMonth: 0 });
    t.match(await get('/districts/huadu/annual/2025', f.tokens.admin), { services: 0, judgedMonths: { length: 12 }, villagesMetEveryMonth: 0 });
    const none = await get('/districts/no-such-district/annual/2026', f.tokens.baiyunAdmin, 404);
    t.same(strip(await get('/districts/huadu/annual/2026', f.tokens.baiyunAdmin, 404)), strip(none), '白云: 花都 is no district');
    t.match(await get('/districts/baiyun/annual/2026', f.tokens.baiyunAdmin), { services: 1 }, '白云 counts its own only');
  });

  t.test('bad input is a 400 naming the field', async (t) => {
    t.equal((await f.get('/districts/huadu/annual/26', f.tokens.admin)).statusCode, 400);
    t.equal((await f.get('/townships/huadu-xinhua/figures/2026-13', f.tokens.admin)).statusCode, 400);
    t.equal((await f.get('/advisors/adv-chen/figures/2026-3', f.tokens.admin)).statusCode, 400);
    t.equal((await f.get('/advisors/adv-chen/figures/2026?extra=1', f.tokens.admin)).statusCode, 400);
  });
});
