// The register and a village's appointments, sorted and paged on the server (the console's
// administrators' pages ask for a page at a time): names and firms by pinyin, the latest period first.
import t from 'tap';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture } from '../support/app.js';

t.test('the register and the appointments, sorted and paged', async (t) => {
  const f = await advisorsFixture(t);
  const wang = { advisorId: 'adv-wang', name: '王律师', firm: '白云律师事务所', licenceNumber: '14401200910777777', phone: '13800000007' };
  t.equal((await f.post('/districts/huadu/advisors', wang, f.tokens.admin)).statusCode, 200);
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua', '2026-03-01', '2026-12-31');
  await f.appoint(OTHER_ADVISOR, 'huadu-xinhua-sanhua', '2026-01-01', '2026-02-28');

  const ids = async (query: string) => {
    const res = await f.get(`/districts/huadu/advisors?${query}`, f.tokens.admin);
    t.equal(res.statusCode, 200, res.body);
    return (res.json().advisors as Array<{ advisorId: string }>).map((a) => a.advisorId);
  };
  t.strictSame(await ids(''), ['adv-wang', 'adv-chen', 'adv-li'], 'in the order registered');
  t.strictSame(await ids('sort=name'), ['adv-chen', 'adv-li', 'adv-wang'], 'by name: 陈, 李, 王');
  t.strictSame(await ids('sort=firm'), ['adv-wang', 'adv-chen', 'adv-li'], 'by firm (白云 before 广东), then name');
  t.strictSame(await ids('sort=-name'), ['adv-wang', 'adv-li', 'adv-chen'], 'by name, the other way');
  const first = (await f.get('/districts/huadu/advisors?sort=name&limit=1', f.tokens.admin)).json();
  t.match(first, { total: 3, previousCursor: null, next: /^\/districts\/huadu\/advisors\?sort=name&limit=1&cursor=/ });
  const page = (await f.get(first.next, f.tokens.admin)).json();
  t.match(page, { total: 3, nextCursor: String, previousCursor: String, advisors: [{ advisorId: 'adv-li' }] });
  t.equal(page.advisors.length, 1);
  const bad = await f.get('/districts/huadu/advisors?sort=age', f.tokens.admin);
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ field: 'querystring.sort' }], 'the field named');

  const appointments = async (query: string) => (await f.get(`/villages/huadu-xinhua-sanhua/appointments?${query}`, f.tokens.admin)).json();
  t.match(await appointments(''), { total: 2, appointments: [{ advisorId: 'adv-chen' }, { advisorId: 'adv-li' }] }, 'in the order made');
  const latest = await appointments('sort=-from&limit=1');
  t.match(latest, { total: 2, nextCursor: String, appointments: [{ advisorId: 'adv-chen', from: '2026-03-01' }] }, 'the latest period first');
  t.match(await appointments(`sort=-from&limit=1&cursor=${latest.nextCursor}`), { nextCursor: null, appointments: [{ advisorId: 'adv-li', from: '2026-01-01' }] });
});
