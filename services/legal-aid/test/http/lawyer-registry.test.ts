// The lawyer registry over HTTP: kept per district by its administrator (each change an event), paged;
// another district's registry answers as none; an assignment takes the lawyer from the registry of the
// office's district (Art. 26 years from the registry's practice start, not from the caller); suggestions
// by current load, without conflicts, and without the inexperienced where Art. 26 applies.
import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

t.test('the lawyer registry', async (t) => {
  const f = await legalAidFixture(t);
  const ok = (t: Test, res: { statusCode: number; body: string }, what: string) => t.equal(res.statusCode, 200, `${what}: ${res.body}`);
  const pledge = { status: { kind: 'personal_pledge', pledgeSignedAt: '2026-03-02T08:30:00+08:00' } };
  const approvedFile = async (person: { name: string; id: string }, opposingParty = '某某建筑有限公司') => {
    const res = await f.submit(application({ opposingParty }, person), f.tokens.huaduReviewer);
    t.equal(res.statusCode, 201, res.body);
    const { caseId } = res.json() as { caseId: string };
    ok(t, await f.post(caseId, 'economic-status', pledge, f.tokens.huaduReviewer), 'pledge');
    const approved = await f.post(caseId, 'approval');
    ok(t, approved, 'approve');
    return { caseId, approved };
  };

  t.test('kept by the district\'s administrator, each change an event, listed in pages', async (t) => {
    const admin = f.tokens.huaduAdmin;
    for (let i = 1; i <= 5; i += 1) await f.registerLawyer('huadu', { lawyerId: `page-${i}`, firmId: 'firm-page', since: '2019-01-01', licenceNumber: `1440120190000000${i}` });
    const first = await f.get('/districts/huadu/lawyers?limit=2', admin);
    ok(t, first, 'list');
    t.match(first.json(), { districtId: 'huadu', total: 5, previous: null, next: /^\/districts\/huadu\/lawyers\?.*cursor=/ });
    const page = await f.get(first.json().next, admin);
    t.match(page.json(), { districtId: 'huadu', total: 5, lawyers: [{ lawyerId: 'page-3' }, { lawyerId: 'page-4' }], nextCursor: String, previousCursor: String });
    t.equal(page.json().lawyers.length, 2);
    t.match((await f.get(page.json().previous, admin)).json(), { lawyers: [{ lawyerId: 'page-1' }, { lawyerId: 'page-2' }], previousCursor: null }, 'and back');
    const details = { name: '页律师', licenceNumber: '14401201900000001', firmId: 'firm-new', firmName: '新所', relevantPracticeSince: '2019-01-01', specialties: ['labour'] };
    ok(t, await f.app.inject({ method: 'PUT', url: '/districts/huadu/lawyers/page-1', headers: { authorization: admin }, payload: { commandId: randomUUID(), ...details } }), 'change firm');
    ok(t, await f.app.inject({ method: 'POST', url: '/districts/huadu/lawyers/page-2/deactivation', headers: { authorization: admin }, payload: { commandId: randomUUID(), reason: '转所' } }), 'deactivate');
    const types: string[] = [];
    for await (const e of f.app.eventStore.readStream('legalAidLawyers-huadu')) types.push(e.type);
    t.strictSame(types, [...Array(5).fill('LawyerRegistered'), 'LawyerDetailsChanged', 'LawyerDeactivated'], 'each change an event');
    const all = (await f.get('/districts/huadu/lawyers?limit=200', admin)).json();
    t.match(all.lawyers.find((l: { lawyerId: string }) => l.lawyerId === 'page-1'), { firmId: 'firm-new', specialties: ['labour'], active: true });
    t.match(all.lawyers.find((l: { lawyerId: string }) => l.lawyerId === 'page-2'), { active: false, deactivatedReason: '转所' });
    t.equal((await f.get('/districts/huadu/lawyers?active=true&limit=200', admin)).json().total, 4, 'the active ones');
    const taken = await f.app.inject({ method: 'POST', url: '/districts/huadu/lawyers', headers: { authorization: admin }, payload: { commandId: randomUUID(), lawyerId: 'page-9', ...details } });
    t.equal(taken.statusCode, 422);
    t.equal(taken.json().rule, 'licence_number_taken');
  });

  t.test('sorted on the server by name or firm (pinyin) or practice, paged in that order', async (t) => {
    const admin = f.tokens.baiyunAdmin;
    await f.registerLawyer('baiyun', { lawyerId: 'sort-z', name: '张律师', firmId: 'firm-s1', firmName: '白云甲律师事务所', since: '2012-01-01' });
    await f.registerLawyer('baiyun', { lawyerId: 'sort-l', name: '李律师', firmId: 'firm-s2', firmName: '白云乙律师事务所', since: '2018-01-01' });
    await f.registerLawyer('baiyun', { lawyerId: 'sort-w', name: '王律师', firmId: 'firm-s1', firmName: '白云甲律师事务所', since: '2008-01-01' });
    const ids = async (query: string) => {
      const res = await f.get(`/districts/baiyun/lawyers?${query}`, admin);
      ok(t, res, query);
      return (res.json().lawyers as Array<{ lawyerId: string }>).map((l) => l.lawyerId).filter((id) => id.startsWith('sort-'));
    };
    t.strictSame(await ids('limit=200'), ['sort-z', 'sort-l', 'sort-w'], 'registered: in the order registered');
    t.strictSame(await ids('limit=200&sort=name'), ['sort-l', 'sort-w', 'sort-z'], 'by name: 李, 王, 张');
    t.strictSame(await ids('limit=200&sort=firm'), ['sort-w', 'sort-z', 'sort-l'], 'by firm (甲 before 乙), then name');
    t.strictSame(await ids('limit=200&sort=practiceSince'), ['sort-w', 'sort-z', 'sort-l'], 'longest practice first');
    t.strictSame(await ids('limit=200&sort=-name'), ['sort-z', 'sort-w', 'sort-l'], 'by name the other way: 张, 王, 李');
    const byName = (await f.get('/districts/baiyun/lawyers?sort=name&limit=1', admin)).json();
    const wrongSort = await f.get(`/districts/baiyun/lawyers?sort=firm&cursor=${byName.nextCursor}`, admin);
    t.equal(wrongSort.statusCode, 400, 'a cursor of another sort');
    t.match(wrongSort.json().errors, [{ field: 'querystring.cursor', rule: 'cursor_sort' }]);
    const bad = await f.get('/districts/baiyun/lawyers?sort=salary', admin);
    t.equal(bad.statusCode, 400);
    t.match(bad.json().errors, [{ field: 'querystring.sort' }], 'the field named');
  });

  t.test('another district\'s registry answers as none, and nothing is written', async (t) => {
    const before = await f.streamRevisions();
    const theirs = await f.get('/districts/huadu/lawyers', f.tokens.baiyunAdmin);
    const none = await f.get('/districts/nowhere/lawyers', f.tokens.baiyunAdmin);
    t.equal(theirs.statusCode, 404);
    const strip = (body: string) => {
      const { requestId: _r, instance: _i, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return rest;
    };
    t.strictSame(strip(theirs.body), strip(none.body), 'the same answer as for no registry');
    const write = await f.app.inject({ method: 'POST', url: '/districts/huadu/lawyers/page-1/deactivation', headers: { authorization: f.tokens.baiyunAdmin }, payload: { commandId: randomUUID(), reason: '无' } });
    t.equal(write.statusCode, 404);
    t.strictSame(await f.streamRevisions(), before, 'nothing written');
  });

  t.test('assignment: from the office\'s district registry, active, years from the registry', async (t) => {
    await f.registerLawyer('baiyun', { lawyerId: 'baiyun-only', firmId: 'firm-by', since: '2010-01-01' });
    await f.registerLawyer('huadu', { lawyerId: 'retired', firmId: 'firm-r', since: '2000-01-01' });
    ok(t, await f.app.inject({ method: 'POST', url: '/districts/huadu/lawyers/retired/deactivation', headers: { authorization: f.tokens.huaduAdmin }, payload: { commandId: randomUUID(), reason: '退休' } }), 'deactivate');
    const { caseId } = await approvedFile({ name: '周一', id: residentId('19810101', 11) });
    for (const [lawyerId, rule] of [['nobody', 'lawyer_not_registered'], ['baiyun-only', 'lawyer_not_registered'], ['retired', 'lawyer_inactive']] as const) {
      const res = await f.post(caseId, 'lawyer-assignment', { lawyerId });
      t.equal(res.statusCode, 422, `${lawyerId}: ${res.body}`);
      t.equal(res.json().rule, rule);
    }
  });

  t.test('suggestions by current load, without conflicts; Art. 26 leaves out the inexperienced', async (t) => {
    await f.registerLawyer('huadu', { lawyerId: 'load-a', firmId: 'firm-a', since: '2015-01-01' });
    await f.registerLawyer('huadu', { lawyerId: 'load-b', firmId: 'firm-b', since: '2016-01-01' });
    await f.registerLawyer('huadu', { lawyerId: 'load-b2', firmId: 'firm-b', since: '2025-01-01' });
    // load-a gets two cases, load-b one (acting for 吴二, who is the opposing party of a later file).
    for (const [i, lawyerId] of [[21, 'load-a'], [22, 'load-a'], [23, 'load-b']] as const) {
      const person = { name: lawyerId === 'load-b' ? '吴二' : `郑${i}`, id: residentId('19820101', i) };
      const { caseId } = await approvedFile(person);
      ok(t, await f.post(caseId, 'lawyer-assignment', { lawyerId }), `assign ${lawyerId}`);
    }
    const { approved, caseId } = await approvedFile({ name: '孙三', id: residentId('19830101', 31) });
    const suggested = async (id: string, after = '') => {
      const res = await f.get(`/files/${id}/lawyer-suggestions${after}`);
      t.equal(res.statusCode, 200, res.body);
      return (res.json().suggestions as { lawyerId: string; openCases: number }[]).filter((s) => s.lawyerId.startsWith('load-')).map((s) => [s.lawyerId, s.openCases]);
    };
    // The read model catches up with the assignments before the load is read (the route reads the read
    // model as it stands: wait for all three, which may be projected in different batches).
    let list: (string | number)[][] = [];
    for (let i = 0; i < 100; i += 1) {
      list = await suggested(caseId, `?${f.after(approved)}`);
      if (list.some(([id, n]) => id === 'load-a' && n === 2) && list.some(([id, n]) => id === 'load-b' && n === 1)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    t.strictSame(list, [['load-b2', 0], ['load-b', 1], ['load-a', 2]], 'fewest open cases first');
    const against = await approvedFile({ name: '冯四', id: residentId('19840101', 41) }, '吴二');
    t.strictSame(await suggested(against.caseId), [['load-a', 2]], 'load-b acts for 吴二: load-b and the firm\'s load-b2 are left out');
    const conflicted = await f.post(against.caseId, 'lawyer-assignment', { lawyerId: 'load-b2' });
    ok(t, conflicted, 'a conflict warns and does not refuse');
    t.match((await f.get(`/files/${against.caseId}`)).json(), { file: { lawyer: { lawyerId: 'load-b2', conflicts: [{ by: 'firm' }] } } });

    const notice = await f.app.inject({ method: 'POST', url: '/notified-cases', headers: { authorization: f.tokens.huaduReviewer }, payload: {
      commandId: randomUUID(), notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'huadu' } },
      ground: 'possible_life_or_death_sentence', capitalCase: true, charge: '故意杀人罪', defendant: { name: '钱某', document: { type: 'unknown' } },
    } });
    t.equal(notice.statusCode, 201, notice.body);
    t.notOk((await suggested(notice.json().caseId)).some(([id]) => id === 'load-b2'), 'Art. 26: one year of practice is not suggested');
    t.equal((await f.get(`/files/${caseId}/lawyer-suggestions`, f.tokens.baiyunHead)).statusCode, 404, 'another district\'s head: no such file');
  });
});
