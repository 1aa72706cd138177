// Bad input on every route: 400 (problem+json naming the field) for what cannot be a request, 404 for
// what does not exist, and nothing recorded for either.
import t from 'tap';
import { auditFixture } from './support/app.js';

t.test('bad input, route by route', async (t) => {
  const f = await auditFixture(t);
  const id = await f.orderWithExtension();
  const c = `/cases/work-order/${id}`;
  const city = f.tokens.cityAuditor;
  const today = new Date().toISOString().slice(0, 10);
  const viewsNow = async () => (await f.get(`/access-log?from=${today}&to=${today}`, city)).json().views.length;
  const before = await viewsNow();

  const cases: [string, string, number, object?][] = [
    ['GET', `/cases/parking-ticket/${id}/history`, 400],
    ['GET', `/cases/work-order/${'x'.repeat(101)}/history`, 414],
    ['GET', '/cases/work-order/..%2F..%2Fetc/history', 404],
    ['GET', '/cases/work-order/00000000-0000-4000-8000-000000000000/history', 404],
    ['GET', '/cases/advisor-ledger/not-a-ledger-id/history', 404],
    ['GET', `${c}/history?fromRevision=-1`, 400],
    ['GET', `${c}/history?fromRevision=abc`, 400],
    ['GET', `${c}/history?limit=0`, 400],
    ['GET', `${c}/history?limit=100000`, 400],
    ['GET', `${c}/history?state=everything`, 400],
    ['GET', `${c}/history?personalData=please`, 400],
    ['GET', `${c}/history?unknown=1`, 400],
    ['GET', `${c}/as-of`, 400],
    ['GET', `${c}/as-of?at=yesterday`, 400],
    ['GET', `${c}/as-of?at=2026-13-01T00:00:00Z`, 400],
    ['GET', `${c}/diff`, 400],
    ['GET', `${c}/diff?from=abc&to=1`, 400],
    ['GET', `${c}/diff?from=-2&to=1`, 400],
    ['GET', `${c}/history.jsonl?personalData=x`, 400],
    ['GET', `${c}/report.html?x=1`, 400],
    ['GET', `${c}/report.pdf?personalData=all`, 400],
    ['POST', '/verification-jobs', 400, { anchorId: 5 }],
    ['POST', '/verification-jobs', 400, { something: 'else' }],
    ['POST', '/verification-jobs', 400, { anchor: { format: 'bureau-audit-anchor/1' } }],
    ['POST', '/verification-jobs', 404, { anchorId: 'no-such-anchor' }],
    ['GET', '/verification-jobs/not-a-uuid', 400],
    ['GET', '/verification-jobs/00000000-0000-4000-8000-000000000000', 404],
    ['GET', '/anchors/not-a-uuid/file', 400],
    ['GET', '/anchors/00000000-0000-4000-8000-000000000000/file', 404],
    ['GET', '/access-log', 400],
    ['GET', '/access-log?from=2026-01-01', 400],
    ['GET', '/access-log?from=2026-01-01&to=tomorrow', 400],
    ['GET', '/access-log?from=2026-02-30&to=2026-03-01', 400],
  ];
  for (const [method, url, status, payload] of cases) {
    const res = await f.app.inject({ method: method === 'GET' ? 'GET' : 'POST', url, headers: { authorization: city }, ...(payload ? { payload } : {}) });
    t.equal(res.statusCode, status, `${method} ${url}: ${res.body.slice(0, 300)}`);
    // Fastify refuses an over-long path segment itself (414), before the kit's handlers.
    if (status !== 414) t.match(res.headers['content-type'], /application\/problem\+json/, `${method} ${url} answers problem+json`);
  }

  t.test('points beyond the case, or in the wrong order, are 400 once the case is found', async (t) => {
    t.equal((await f.get(`${c}/diff?from=0&to=6`, city)).statusCode, 400);
    t.equal((await f.get(`${c}/diff?from=3&to=1`, city)).statusCode, 400);
    t.equal((await f.get(`${c}/history?fromRevision=50`, city)).json().entries.length, 0, 'a page past the end is empty');
  });

  t.test('nothing that failed validation or found nothing recorded a view', async (t) => {
    // The two 400s above on a found case were views (the case was opened), the rest not.
    t.equal(await viewsNow(), before + 3);
  });
});
