// 市域通办 over HTTP, end to end across two districts: received at a 花都 station, competent in 白云
// (Art. 38), transferred, received, reviewed on the clock of the ORIGINAL receipt (Art. 43), approved,
// assigned, closed (Art. 50), followed up (Art. 59) and graded. Along the way: what each side sees, the
// worklists, search, statistics; and afterwards, no identity number or phone in any log line.
import t from 'tap';
import { application, baiyunFacts, legalAidFixture, local, ORG, residentId } from './support.js';

t.test('received in 花都, competent in 白云, decided on the original receipt\'s clock', async (t) => {
  const f = await legalAidFixture(t, { logLevel: 'debug' });
  const ids = { applicant: residentId('19550312', 211), recipient: residentId('20120605', 342) };
  const phones = { applicant: '13812349876', recipient: '02086001234' };
  f.clock.set('2026-03-02 10:00');
  const body = application({
    competenceFacts: baiyunFacts,
    matterType: 'support_payment',
    aidForm: 'civil_administrative_representation',
    opposingParty: '王某',
    summary: `申请人李大山（电话 ${phones.applicant}，身份证 ${ids.applicant}）代其子李小明追索抚养费`,
    applicantRelation: 'legal_representative',
    recipient: { name: '李小明', document: { type: 'resident_id', number: ids.recipient }, phone: phones.recipient, address: '花都区新华街道2号', groups: [] },
  }, { name: '李大山', id: ids.applicant, phone: phones.applicant });
  const received = await f.submit(body, f.tokens.huaduClerk);
  t.equal(received.statusCode, 201, received.body);
  const { caseId, applicationNumber, receipt } = received.json();
  t.equal(applicationNumber, '花法援申〔2026〕00001号', 'the receiving district\'s number');
  t.match(receipt, { competentOffice: { id: ORG.baiyunOffice, name: '白云区法律援助处' }, transferNeeded: true, reviewDueAt: local('2026-03-12 00:00').toISOString() });

  const worklist = async (token: string, query = '') => (await f.get(`/worklist?${query}`, token)).json().entries.map((e: { caseId: string }) => e.caseId);
  t.strictSame(await worklist(f.tokens.baiyunReviewer, f.after(received)), [caseId], '白云 sees what it is competent for');
  t.strictSame(await worklist(f.tokens.huaduClerk), [caseId], 'the station sees what it received');

  f.clock.set('2026-03-02 15:00');
  const refusedEarly = await f.post(caseId, 'approval', {}, f.tokens.baiyunHead);
  t.equal(refusedEarly.statusCode, 422, 'nobody decides a file in transit');
  const transferred = await f.post(caseId, 'transfer', {}, f.tokens.huaduClerk);
  t.equal(transferred.statusCode, 200, transferred.body);
  f.clock.set('2026-03-04 09:30');
  const arrived = await f.post(caseId, 'transfer-receipt', {}, f.tokens.baiyunReviewer);
  t.equal(arrived.statusCode, 200, arrived.body);
  const file = (await f.get(`/files/${caseId}`, f.tokens.baiyunReviewer)).json();
  t.match(file, { status: 'in_review', personalData: 'full', file: { holderOfficeId: ORG.baiyunOffice, review: { current: { countedFrom: local('2026-03-02 10:00').toISOString(), dueAt: local('2026-03-12 00:00').toISOString() } } } },
    'reviewed as if received directly: the clock of the original receipt');
  t.equal(file.file.recipient.document.number, ids.recipient, 'the office handling it reads the full identity number from the stream');
  t.strictSame(await worklist(f.tokens.huaduReviewer, f.after(arrived)), [], '花都 has no more work on it');
  t.strictSame(await worklist(f.tokens.baiyunReviewer, 'transferredIn=true'), [caseId], '白云: transferred in');

  f.clock.set('2026-03-05 10:00');
  t.equal((await f.post(caseId, 'economic-status', { status: { kind: 'data_sharing', meetsStandard: true, source: '广州市数据共享平台', reference: null } }, f.tokens.baiyunReviewer)).statusCode, 200);
  f.clock.set('2026-03-10 16:00');
  const approved = await f.post(caseId, 'approval', {}, f.tokens.baiyunHead);
  t.equal(approved.statusCode, 200, approved.body);
  t.strictSame(approved.json().events, ['ApplicationApproved']);
  f.clock.set('2026-03-11 10:00');
  await f.registerLawyer('baiyun', { lawyerId: 'lawyer-chen', firmId: 'firm-baiyun-1', since: '2020-01-01' });
  const assigned = await f.post(caseId, 'lawyer-assignment', { lawyerId: 'lawyer-chen' }, f.tokens.baiyunHead);
  t.equal(assigned.statusCode, 200, assigned.body);
  f.clock.set('2026-05-20 10:00');
  t.equal((await f.post(caseId, 'closing', { outcome: 'mediation', summary: '调解结案，对方按月支付抚养费' }, f.tokens.baiyunReviewer)).statusCode, 200);
  t.equal((await f.post(caseId, 'follow-up', { followUpId: 'fu-1', satisfied: true, note: '受援人满意' }, f.tokens.baiyunReviewer)).statusCode, 200);
  const graded = await f.post(caseId, 'quality-review', { grade: 'excellent', note: '案卷规范' }, f.tokens.baiyunReviewer);
  t.equal(graded.statusCode, 200, graded.body);

  const done = (await f.get(`/files/${caseId}`, f.tokens.baiyunHead)).json();
  t.match(done.file, { status: 'closed', decision: { kind: 'approved', onTime: true }, lawyer: { lawyerId: 'lawyer-chen', onTime: true }, quality: { grade: 'excellent' } });
  t.equal((await f.get(`/files/${caseId}`, f.tokens.cityAuditor)).statusCode, 403, 'auditors read cases in the audit service, which records each view');
  const audited = await f.get(`/files/${caseId}`, f.tokens.cityAdmin);
  t.equal(audited.json().personalData, 'masked');
  t.notOk(audited.body.includes(ids.recipient) || audited.body.includes(phones.recipient) || audited.body.includes(ids.applicant), 'the city administrator sees it masked');
  t.equal((await f.get(`/files/${caseId}`, f.tokens.huaduReviewer)).statusCode, 200, '花都 still sees what it received and transferred out');

  const wait = f.after(graded);
  const search = async (query: string, token: string) => (await f.get(`/search?${query}&${wait}`, token)).json().entries.map((e: { caseId: string }) => e.caseId);
  t.strictSame(await search(`documentType=resident_id&documentNumber=${ids.recipient}`, f.tokens.baiyunReviewer), [caseId], 'by identity document');
  t.strictSame(await search(`documentType=resident_id&documentNumber=${ids.applicant}`, f.tokens.huaduReviewer), [caseId], 'by the applicant\'s too');
  t.strictSame(await search(`name=${encodeURIComponent('李小')}`, f.tokens.cityAuditor), [caseId], 'by a family name and one more character');
  t.strictSame(await search(`applicationNumber=${encodeURIComponent(applicationNumber)}`, f.tokens.baiyunHead), [caseId]);
  const listed = await f.get(`/search?name=${encodeURIComponent('李小')}&${wait}`, f.tokens.baiyunReviewer);
  t.match(listed.json().entries[0], { recipientDocument: /^440114\*+\d{3}[\dX]$/, recipientPhone: /^020\*+1234$/ }, 'lists hold them masked');

  const stats = (await f.get(`/statistics/monthly/2026-03?${wait}`, f.tokens.cityAuditor)).json();
  t.match(stats.offices, [
    { officeId: ORG.baiyunOffice, transferredIn: 1, approved: 1, received: 0, decisions: 1, medianWorkingDaysToDecision: 6 },
    { officeId: ORG.huaduOffice, received: 1, transferredOut: 1, approved: 0 },
  ]);
  // Received Monday 2 March at the station, approved by 白云 on Tuesday 10 March: 6 working days on the original receipt's clock.
  t.match(stats.stations, [{ stationId: ORG.huaduStation, received: 1, decisions: 1, medianWorkingDaysToDecision: 6 }]);
  t.equal(stats.stations.length, 1);
  const huaduStats = (await f.get(`/statistics/monthly/2026-03?${wait}`, f.tokens.huaduAuditor)).json();
  t.strictSame(huaduStats.offices.map((o: { officeId: string }) => o.officeId), [ORG.huaduOffice], '花都\'s auditor counts 花都 only');
  const year = (await f.get(`/statistics/yearly/2026?${wait}`, f.tokens.baiyunHead)).json();
  t.match(year.offices, [{ officeId: ORG.baiyunOffice, transferredIn: 1, approved: 1, qualityReviewed: 1, excellentOrGoodRate: 1 }], 'the year, and 优良率');

  // The read model holds no identity number and no phone.
  const { rows } = await f.app.pg.query(`SELECT row_to_json(f)::text AS row FROM legal_aid_files f`);
  for (const secret of [...Object.values(ids), ...Object.values(phones)]) t.notOk(rows.some((r) => String(r.row).includes(secret)), 'not in the read model');

  t.test('no identity number or phone in any log line of the whole run', async (t) => {
    const text = f.logs.text();
    t.ok(f.logs.lines.length > 20, `${f.logs.lines.length} log lines captured`);
    for (const secret of [...Object.values(ids), ...Object.values(phones)]) t.notOk(text.includes(secret), 'absent from the logs');
  });
});
