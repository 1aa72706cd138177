// Every command route on its happy path (and the rules the decider answers 422), over HTTP on a real
// PostgreSQL: refusal and objection corrected; materials and withdrawal; preliminary aid, termination and
// its objection; a notified case; a custody application; an override; the duplicate warning; the worklist's order.
import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';

import { application, baiyunFacts, legalAidFixture, ORG, residentId } from './support.js';

t.test('the command routes', async (t) => {
  const f = await legalAidFixture(t);
  const ok = (t: Test, res: { statusCode: number; body: string }, what: string) => t.equal(res.statusCode, 200, `${what}: ${res.body}`);
  const take = async (overrides: Record<string, unknown> = {}, person: Parameters<typeof application>[1] = {}, token = f.tokens.huaduReviewer) => {
    const res = await f.submit(application(overrides, person), token);
    t.equal(res.statusCode, 201, res.body);
    return res.json() as { caseId: string; applicationNumber: string; possibleDuplicates: string[]; position: string };
  };
  const pledge = { status: { kind: 'personal_pledge', pledgeSignedAt: '2026-03-02T08:30:00+08:00' } };

  t.test('refused with reasons; objection to the bureau; correction reopens the review; approved', async (t) => {
    const { caseId } = await take();
    ok(t, await f.post(caseId, 'refusal', { reasons: '不属于法律援助事项范围' }), 'refuse');
    const wrongBureau = await f.post(caseId, 'objection', { grounds: '属于追索劳动报酬' }, f.tokens.baiyunObjections);
    t.equal(wrongBureau.statusCode, 404, 'another district\'s bureau does not reach the file');
    ok(t, await f.post(caseId, 'objection', { grounds: '属于追索劳动报酬' }, f.tokens.huaduObjections), 'object');
    t.equal((await f.post(caseId, 'objection-correction', { reasons: '应予援助' }, f.tokens.huaduHead)).statusCode, 403, 'the office head is not the bureau');
    ok(t, await f.post(caseId, 'objection-correction', { reasons: '应予援助' }, f.tokens.huaduObjections), 'correct');
    ok(t, await f.post(caseId, 'economic-status', pledge, f.tokens.huaduReviewer), 'pledge');
    ok(t, await f.post(caseId, 'approval'), 'approve');
    t.match((await f.get(`/files/${caseId}`)).json().file, { status: 'approved', objection: { outcome: 'correction_ordered' } });
  });

  t.test('materials listed at once, supplied; another request refused; withdrawn', async (t) => {
    const { caseId } = await take({}, { id: residentId('19700101', 555) });
    ok(t, await f.post(caseId, 'materials-request', { items: ['劳动合同', '工资条'] }, f.tokens.huaduReviewer), 'request');
    const again = await f.post(caseId, 'materials-request', { items: ['银行流水'] }, f.tokens.huaduReviewer);
    t.equal(again.statusCode, 422);
    t.match(again.json().rule, /not_in_review|materials_already_requested/, 'everything missing is listed once (Art. 43)');
    t.equal((await f.post(caseId, 'materials-supply', { items: ['劳动合同'] }, f.tokens.huaduClerk)).statusCode, 404, 'the station does not reach what the office took');
    ok(t, await f.post(caseId, 'materials-supply', { items: ['劳动合同', '工资条'] }, f.tokens.huaduReviewer), 'supply');
    ok(t, await f.post(caseId, 'withdrawal', { reason: '已与公司和解' }, f.tokens.huaduReviewer), 'withdraw');
    t.equal((await f.get(`/files/${caseId}`)).json().status, 'withdrawn');
  });

  t.test('preliminary aid, a lawyer at once, approval, termination, objection, aid reinstated', async (t) => {
    const { caseId } = await take({}, { id: residentId('19660101', 777) });
    ok(t, await f.post(caseId, 'preliminary-aid', { ground: { kind: 'preservation_needed', what: 'property' } }), 'preliminary aid');
    await f.registerLawyer('huadu', { lawyerId: 'lawyer-zhang', firmId: 'firm-huadu-1', since: '2024-01-01' });
    ok(t, await f.post(caseId, 'lawyer-assignment', { lawyerId: 'lawyer-zhang' }), 'assign');
    ok(t, await f.post(caseId, 'economic-status', pledge, f.tokens.huaduReviewer), 'pledge');
    ok(t, await f.post(caseId, 'approval'), 'approve');
    ok(t, await f.post(caseId, 'termination', { ground: 'recipient_request', basis: 'lawyer_report', explanation: '受援人要求终止' }), 'terminate');
    ok(t, await f.post(caseId, 'objection', { grounds: '并未要求终止' }, f.tokens.huaduObjections), 'object');
    ok(t, await f.post(caseId, 'objection-upheld', { reasons: '终止正确' }, f.tokens.huaduObjections), 'uphold');
    t.match((await f.get(`/files/${caseId}`)).json(), { status: 'terminated', file: { objection: { outcome: 'upheld' } } });
  });

  t.test('a notified case: a lawyer within 3 days (Art. 26 for capital cases), the authority informed', async (t) => {
    const notice = await f.app.inject({ method: 'POST', url: '/notified-cases', headers: { authorization: f.tokens.huaduReviewer }, payload: {
      commandId: randomUUID(), notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'huadu' } },
      ground: 'possible_life_or_death_sentence', capitalCase: true, charge: '故意杀人罪',
      defendant: { name: '赵某', document: { type: 'unknown', note: '自称赵某' } },
    } });
    t.equal(notice.statusCode, 201, notice.body);
    const { caseId } = notice.json();
    await f.registerLawyer('huadu', { lawyerId: 'lawyer-new', firmId: 'firm-huadu-2', since: '2025-01-01' });
    await f.registerLawyer('huadu', { lawyerId: 'lawyer-senior', firmId: 'firm-huadu-2', since: '2014-01-01' });
    const junior = await f.post(caseId, 'lawyer-assignment', { lawyerId: 'lawyer-new' });
    t.equal(junior.statusCode, 422);
    t.equal(junior.json().rule, 'art26_experience_required');
    ok(t, await f.post(caseId, 'lawyer-assignment', { lawyerId: 'lawyer-senior' }), 'assign');
    t.match((await f.get(`/files/${caseId}`)).json(), { file: { lawyer: { lawyerId: 'lawyer-senior', firmId: 'firm-huadu-2', relevantPracticeYears: 12 } } }, 'the years are the registry\'s');
    ok(t, await f.post(caseId, 'authority-informed', { method: '送达指派通知书' }, f.tokens.huaduReviewer), 'inform');
  });

  t.test('custody: announced by the detention centre, arrived late, recorded (Art. 39)', async (t) => {
    const announced = await f.app.inject({ method: 'POST', url: '/custody-announcements', headers: { authorization: f.tokens.huaduClerk }, payload: {
      commandId: randomUUID(), forwardingAuthority: '花都区看守所', receivedByAuthorityAt: '2026-03-01T08:00:00+08:00',
    } });
    t.equal(announced.statusCode, 201, announced.body);
    const { caseId } = announced.json();
    const arrived = await f.submit(application({
      applicationId: caseId,
      channel: { kind: 'custody_forwarding', forwardingAuthority: '花都区看守所', receivedByAuthorityAt: '2026-03-01T08:00:00+08:00' },
      matterType: 'criminal_defence', aidForm: 'criminal_defence_or_representation', opposingParty: null,
      competenceFacts: { kind: 'litigation', caseAuthority: '花都区人民检察院', authoritySits: { districtId: 'huadu' } },
    }, { id: residentId('19900909', 901) }), f.tokens.huaduClerk);
    t.equal(arrived.statusCode, 201, arrived.body);
    t.equal(arrived.json().caseId, caseId);
    t.match((await f.get(`/files/${caseId}`)).json().file, { application: { custody: { late: true } } });
  });

  t.test('a supervisor overrides competence with a reason; the file is then transferred', async (t) => {
    const { caseId } = await take({}, { id: residentId('19770707', 321) }, f.tokens.huaduClerk);
    ok(t, await f.post(caseId, 'competence-override', { competentOfficeId: ORG.baiyunOffice, reason: '争议发生地在白云区' }), 'override');
    ok(t, await f.post(caseId, 'transfer', {}, f.tokens.huaduClerk), 'transfer');
    ok(t, await f.post(caseId, 'transfer-receipt', {}, f.tokens.baiyunReviewer), 'received');
  });

  t.test('the duplicate warning names an open application of the same person (within reach)', async (t) => {
    const person = { id: residentId('19850505', 444), name: '周重复' };
    const first = await take({}, person);
    await f.get(`/worklist?after=${encodeURIComponent(first.position)}`);
    const second = await take({}, person);
    t.strictSame(second.possibleDuplicates, [first.caseId]);
    await f.get(`/worklist?after=${encodeURIComponent(second.position)}`);
    const elsewhere = await take({ competenceFacts: baiyunFacts }, person, f.tokens.baiyunReviewer);
    t.strictSame(elsewhere.possibleDuplicates, [], '白云 is not told which of 花都\'s files it may duplicate');
  });

  t.test('the worklist: green channel first, then overdue, then by next deadline', async (t) => {
    const green = await take({ applicant: { name: '吴老人', document: { type: 'resident_id', number: residentId('19400101', 111) }, groups: ['elderly'] } });
    const res = await f.get(`/worklist?after=${encodeURIComponent(green.position)}`, f.tokens.huaduReviewer);
    const entries = res.json().entries as { caseId: string; greenChannel: boolean }[];
    t.ok(entries.length >= 2);
    const firstOrdinary = entries.findIndex((e) => !e.greenChannel);
    t.ok(entries.slice(firstOrdinary).every((e) => !e.greenChannel), 'green channel files come first');
  });
});
