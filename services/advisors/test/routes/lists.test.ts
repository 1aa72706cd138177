// The lists a console pages through: the review queue and the month's on-site minutes sort and page on the
// server with the kit's keyset paging (sort, cursor, limit; the total, the cursors and the links both ways); an advisor's own appointments.
import t from 'tap';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture, service } from '../support/app.js';

t.test('the review queue and the on-site list page and sort; an advisor sees their own appointments', async (t) => {
  const f = await advisorsFixture(t, { start: '2026-03-20 10:00' });
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  await f.post(`/villages/huadu-xinhua-xicun/appointments`, { advisorId: ADVISOR.advisorId, from: '2026-03-01', to: '2026-12-31' }, f.tokens.admin);
  await f.appoint(OTHER_ADVISOR, 'huadu-xinhua-sanhua');
  const log = (villageId: string, minutes: number, token = f.tokens.advisor) =>
    f.post(`/villages/${villageId}/ledger/entries`, service({ type: 'on_site_duty', durationMinutes: minutes, personsServed: [], summary: '驻点值班' }), token);
  t.equal((await log('huadu-xinhua-dongsha', 480)).statusCode, 200);
  t.equal((await log('huadu-xinhua-xicun', 60)).statusCode, 200);
  const last = await log('huadu-xinhua-sanhua', 120, f.tokens.otherAdvisor);
  t.equal(last.statusCode, 200, last.body);
  const after = `after=${encodeURIComponent(last.json().position)}`;

  t.test('my appointments: the calling advisor\'s villages, by name', async (t) => {
    const mine = (await f.get('/my-appointments', f.tokens.advisor)).json();
    t.same(mine.appointments.map((a: { villageId: string }) => a.villageId), ['huadu-xinhua-dongsha', 'huadu-xinhua-xicun']);
    t.match(mine.appointments[0], { name: '东沙村', townshipId: 'huadu-xinhua', judicialOfficeId: 'huadu-xinhua-so', from: '2026-03-01', to: '2026-12-31', endedOn: null });
    t.same((await f.get('/my-appointments', f.tokens.otherAdvisor)).json().appointments.map((a: { villageId: string }) => a.villageId), ['huadu-xinhua-sanhua']);
    t.same((await f.get('/my-appointments', f.token('legal_advisor', 'baiyun', ADVISOR.advisorId))).json().appointments, [], 'another district\'s advisor of the same id: none of 花都\'s');
    t.equal((await f.get('/my-appointments', f.tokens.office)).statusCode, 403);
  });

  t.test('the review queue: sorted by month (either way) or by returned entries, paged', async (t) => {
    f.clock.set('2026-03-25 09:00');
    const started = await f.post('/villages/huadu-xinhua-xicun/ledger/2026-03/review', {}, f.tokens.office);
    t.equal(started.statusCode, 200, started.body);
    const xicun = (await f.get('/villages/huadu-xinhua-xicun/ledger/2026-03', f.tokens.office)).json();
    t.equal(xicun.name, '西村', 'the ledger names its village');
    const returned = await f.post(`/villages/huadu-xinhua-xicun/ledger/2026-03/entries/${xicun.entries[0].entryId}/return`, { reason: '请补充' }, f.tokens.office);
    t.equal(returned.statusCode, 200, returned.body);
    const fresh = `after=${encodeURIComponent(returned.json().position)}`;
    const first = (await f.get(`/review-queue?${fresh}&limit=2`, f.tokens.office)).json();
    t.match(first, { total: 3, previousCursor: null, previous: null, nextCursor: String, next: /^\/review-queue\?.*cursor=/ });
    t.same(first.items.map((i: { villageId: string }) => i.villageId), ['huadu-xinhua-dongsha', 'huadu-xinhua-sanhua'], 'one month: by village id');
    t.equal(first.items[0].name, '东沙村');
    const second = (await f.get(first.next, f.tokens.office)).json();
    t.match(second, { total: 3, nextCursor: null, next: null, previousCursor: String });
    t.same(second.items.map((i: { villageId: string }) => i.villageId), ['huadu-xinhua-xicun']);
    const back = (await f.get(second.previous, f.tokens.office)).json();
    t.same(back.items.map((i: { villageId: string }) => i.villageId), ['huadu-xinhua-dongsha', 'huadu-xinhua-sanhua'], 'and back to the first page');
    t.equal(back.previousCursor, null);
    const byReturned = (await f.get(`/review-queue?${fresh}&sort=-returned`, f.tokens.office)).json();
    t.match(byReturned.items[0], { villageId: 'huadu-xinhua-xicun', returnedOutstanding: 1 }, 'the month with a returned entry first');
    t.equal((await f.get(`/review-queue?${fresh}&sort=-month`, f.tokens.office)).json().total, 3);
    const otherSort = await f.get(`/review-queue?sort=-month&cursor=${first.nextCursor}`, f.tokens.office);
    t.equal(otherSort.statusCode, 400, 'a cursor of another sort');
    t.match(otherSort.json().errors, [{ field: 'querystring.cursor', rule: 'cursor_sort' }]);
    t.equal((await f.get(`/review-queue?${fresh}`, f.tokens.baiyunOffice)).json().total, 0, 'another township\'s office: none, not even a count');
  });

  t.test('the on-site list: by name or by shortfall, filtered by outcome, paged', async (t) => {
    const byName = (await f.get(`/on-site/2026-03?${after}`, f.tokens.office)).json();
    t.same(byName.villages.map((v: { name: string }) => v.name), ['东沙村', '三华村', '西村', '新街社区'], 'by name (pinyin order)');
    t.equal(byName.total, 4);
    const byShort = (await f.get(`/on-site/2026-03?${after}&sort=-short&limit=2`, f.tokens.office)).json();
    t.same(byShort.villages.map((v: { villageId: string; shortByMinutes: number }) => [v.villageId, v.shortByMinutes]), [['huadu-xinhua-xinjie', 480], ['huadu-xinhua-xicun', 420]]);
    t.match(byShort, { total: 4, nextCursor: String, previousCursor: null });
    const rest = (await f.get(byShort.next, f.tokens.office)).json();
    t.same(rest.villages.map((v: { villageId: string }) => v.villageId), ['huadu-xinhua-sanhua', 'huadu-xinhua-dongsha'], 'the smaller shortfalls, then 东沙 (met)');
    t.equal(rest.nextCursor, null);
    const short = (await f.get(`/on-site/2026-03?${after}&outcome=short`, f.tokens.office)).json();
    t.equal(short.total, 3, 'three villages short, 东沙 met');
    t.match(short.villages.find((v: { villageId: string }) => v.villageId === 'huadu-xinhua-sanhua'), { byAdvisor: [{ advisorId: OTHER_ADVISOR.advisorId, onSiteMinutes: 120 }] });
  });

  t.test('bad paging is a 400 naming the field', async (t) => {
    for (const [url, field] of [['/review-queue?limit=0', 'querystring.limit'], ['/review-queue?sort=name', 'querystring.sort'], ['/on-site/2026-03?cursor=nonsense', 'querystring.cursor'], ['/on-site/2026-03?outcome=late', 'querystring.outcome']] as const) {
      const answer = await f.get(url, f.tokens.office);
      t.equal(answer.statusCode, 400, url);
      t.match(answer.json().errors, [{ field }], url);
    }
  });
});
