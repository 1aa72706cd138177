// Bad input on every route: a 400 problem naming the field, and nothing written.
import t from 'tap';
import { ADVISOR, advisorsFixture, service } from '../support/app.js';

t.test('every route answers bad input with 400 naming the field, and writes nothing', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua');
  const logged = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', { entryId: 'e1', ...service() }, f.tokens.advisor);
  t.equal(logged.statusCode, 200);
  const ledger = '/villages/huadu-xinhua-sanhua/ledger/2026-03';
  const cmd = { commandId: '3b241101-e2bb-4255-8caf-4136c566a962' };
  const { licenceNumber: _l, ...withoutLicence } = ADVISOR;
  const { durationMinutes: _d, ...withoutDuration } = service();

  const cases: { method: 'GET' | 'POST' | 'PUT'; url: string; token: string; payload?: object | string; contentType?: string; field: string }[] = [
    { method: 'POST', url: '/districts/huadu/advisors', token: f.tokens.admin, payload: { ...cmd, ...ADVISOR, advisorId: 'adv-x', licenceNumber: '1234' }, field: 'body.licenceNumber' },
    { method: 'POST', url: '/districts/huadu/advisors', token: f.tokens.admin, payload: { ...cmd, ...withoutLicence }, field: 'body.licenceNumber' },
    { method: 'PUT', url: `/districts/huadu/advisors/${ADVISOR.advisorId}`, token: f.tokens.admin, payload: { ...cmd, name: '陈', firm: '所', licenceNumber: ADVISOR.licenceNumber }, field: 'body.phone' },
    { method: 'POST', url: `/districts/huadu/advisors/${ADVISOR.advisorId}/removal`, token: f.tokens.admin, payload: { ...cmd, reason: '' }, field: 'body.reason' },
    { method: 'GET', url: '/districts/HUADU/advisors', token: f.tokens.admin, field: 'params.districtId' },
    { method: 'POST', url: '/villages/huadu-xinhua-xinjie/appointments', token: f.tokens.admin, payload: { ...cmd, advisorId: ADVISOR.advisorId, from: '2026-02-30', to: '2026-12-31' }, field: 'body.from' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/appointments/a1/end', token: f.tokens.admin, payload: { ...cmd, endsOn: 'soon', reason: '更换' }, field: 'body.endsOn' },
    { method: 'GET', url: '/villages/Sanhua!/appointments', token: f.tokens.admin, field: 'params.villageId' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', token: f.tokens.advisor, payload: { ...cmd, ...service({ durationMinutes: 0 }) }, field: 'body.durationMinutes' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', token: f.tokens.advisor, payload: { ...cmd, ...withoutDuration }, field: 'body.durationMinutes' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', token: f.tokens.advisor, payload: { ...cmd, ...service({ type: '喝茶' }) }, field: 'body.type' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', token: f.tokens.advisor, payload: { ...cmd, ...service({ evidence: [{ sha256: 'abc', sizeBytes: 10 }] }) }, field: 'body.evidence.0.sha256' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/entries', token: f.tokens.advisor, payload: { ...cmd, ...service({ advisorId: 'someone-else' }) }, field: 'body.advisorId' },
    { method: 'POST', url: `${ledger}/entries/e1/correction`, token: f.tokens.advisor, payload: { ...cmd, reason: '改', correction: {} }, field: 'body.correction' },
    { method: 'POST', url: `${ledger}/entries/e1/void`, token: f.tokens.advisor, payload: { ...cmd }, field: 'body.reason' },
    { method: 'POST', url: '/villages/huadu-xinhua-sanhua/ledger/2026-13/review', token: f.tokens.office, payload: { ...cmd }, field: 'params.month' },
    { method: 'POST', url: `${ledger}/review`, token: f.tokens.office, payload: { commandId: 'not-a-uuid' }, field: 'body.commandId' },
    { method: 'POST', url: `${ledger}/entries/e1/return`, token: f.tokens.office, payload: { ...cmd, reason: ' ' }, field: 'body.reason' },
    { method: 'POST', url: `${ledger}/excuse`, token: f.tokens.office, payload: { ...cmd, cause: 'bored', reason: '无' }, field: 'body.cause' },
    { method: 'POST', url: `${ledger}/approval`, token: f.tokens.office, payload: {}, field: 'body.commandId' },
    { method: 'POST', url: `${ledger}/reopening`, token: f.tokens.office, payload: { ...cmd }, field: 'body.reason' },
    { method: 'GET', url: '/villages/huadu-xinhua-sanhua/ledger/March', token: f.tokens.office, field: 'params.month' },
    { method: 'GET', url: '/review-queue?month=2026-3', token: f.tokens.office, field: 'querystring.month' },
    { method: 'GET', url: '/on-site/2026', token: f.tokens.office, field: 'params.month' },
    { method: 'GET', url: '/districts/huadu/summary/2026-00', token: f.tokens.auditor, field: 'params.month' },
    { method: 'POST', url: '/evidence', token: f.tokens.advisor, payload: '', contentType: 'image/jpeg', field: 'body' },
    { method: 'POST', url: '/imports', token: f.tokens.admin, payload: '', contentType: 'text/csv', field: 'body' },
    { method: 'POST', url: '/imports?advisorId=', token: f.tokens.admin, payload: '日期\n', contentType: 'text/csv', field: 'querystring.advisorId' },
    { method: 'POST', url: '/imports?advisorId=adv-li', token: f.tokens.advisor, payload: '日期\n', contentType: 'text/csv', field: 'querystring.advisorId' },
    { method: 'GET', url: '/imports/xyz', token: f.tokens.admin, field: 'params.importId' },
  ];
  const before = await f.streamRevisions();
  for (const c of cases) {
    const res = await f.app.inject({
      method: c.method, url: c.url,
      headers: { authorization: c.token, ...(c.contentType ? { 'content-type': c.contentType } : {}) },
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
    });
    t.equal(res.statusCode, 400, `${c.method} ${c.url}: ${res.body}`);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${c.method} ${c.url} is problem+json`);
    const fields = ((res.json().errors ?? []) as { field: string }[]).map((e) => e.field);
    t.ok(fields.includes(c.field), `${c.method} ${c.url} names ${c.field} (got ${fields.join(', ')})`);
  }
  t.same(await f.streamRevisions(), before, 'nothing written');
  const evidence = await f.app.pg.query('SELECT count(*)::int AS n FROM advisors_evidence');
  t.equal(evidence.rows[0].n, 0, 'no evidence stored');
});

t.test('evidence: stored by content hash, once; size-limited', async (t) => {
  const f = await advisorsFixture(t, { env: { ADVISORS_EVIDENCE_MAX_BYTES: '1024' } });
  const upload = (bytes: Buffer) => f.app.inject({ method: 'POST', url: '/evidence', headers: { authorization: f.tokens.advisor, 'content-type': 'image/jpeg' }, payload: bytes });
  const photo = Buffer.from('fake jpeg bytes of a sign-in sheet');
  const first = await upload(photo);
  t.equal(first.statusCode, 200, first.body);
  t.match(first.json(), { sizeBytes: photo.length, mediaType: 'image/jpeg', alreadyStored: false });
  t.match(first.json().sha256, /^[0-9a-f]{64}$/);
  const again = await upload(photo);
  t.match(again.json(), { sha256: first.json().sha256, alreadyStored: true });
  t.equal((await f.app.pg.query('SELECT count(*)::int AS n FROM advisors_evidence')).rows[0].n, 1, 'one row per content');
  const big = await upload(Buffer.alloc(2048, 1));
  t.equal(big.statusCode, 413);
  t.equal((await f.app.pg.query('SELECT count(*)::int AS n FROM advisors_evidence')).rows[0].n, 1);
  const office = await f.app.inject({ method: 'POST', url: '/evidence', headers: { authorization: f.tokens.office, 'content-type': 'image/jpeg' }, payload: photo });
  t.equal(office.statusCode, 403);
  // The reference goes into an entry: an oversized reference is refused by the ledger's rule.
  await f.appoint(ADVISOR, 'huadu-xinhua-sanhua');
  const tooLarge = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ evidence: [{ sha256: first.json().sha256, sizeBytes: 4096, mediaType: 'image/jpeg' }] }), f.tokens.advisor);
  t.match(tooLarge.json(), { rule: 'evidence_too_large' });
  const ok = await f.post('/villages/huadu-xinhua-sanhua/ledger/entries', service({ evidence: [{ sha256: first.json().sha256, sizeBytes: photo.length, mediaType: 'image/jpeg' }] }), f.tokens.advisor);
  t.equal(ok.statusCode, 200, ok.body);
  const url = `/villages/huadu-xinhua-sanhua/ledger/2026-03/evidence/${first.json().sha256}`;
  const served = await f.get(url, f.tokens.office);
  t.equal(served.statusCode, 200);
  t.equal(served.headers['content-type'], 'image/jpeg');
  t.same(served.rawPayload, photo, 'the file back, through the ledger that references it');
  t.equal((await f.get(url, f.tokens.baiyunOffice)).statusCode, 404, 'not through another district\'s reach');
  t.equal((await f.get(`/villages/huadu-xinhua-sanhua/ledger/2026-03/evidence/${'0'.repeat(64)}`, f.tokens.office)).statusCode, 404, 'not a file the ledger does not reference');
  t.equal((await f.get('/villages/huadu-xinhua-sanhua/ledger/2026-03/evidence/xyz', f.tokens.office)).statusCode, 400);
});
