// Statistics over HTTP: the median working days to decision (from the receipt, paused time left out) and
// the overdue count per limit (review, a notified case's assignment), per office and per station, for
// the month and the year.
import t from 'tap';
import { application, legalAidFixture, ORG, residentId } from './support.js';

t.test('median working days to decision and overdue per limit, per office and station', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-03-02 09:00' });
  const ok = (res: { statusCode: number; body: string }, what: string) => t.equal(res.statusCode, 200, `${what}: ${res.body}`);
  const pledge = { status: { kind: 'personal_pledge', pledgeSignedAt: '2026-03-02T08:30:00+08:00' } };
  // A: at the station; materials asked Wed 03-04 (2 days used), supplied Mon 03-09, approved Wed 03-11 (2 more): 4.
  const a = (await f.submit(application({}, { id: residentId('19800101', 401) }), f.tokens.huaduClerk)).json();
  // B: at the office; refused the next day: 1.
  const b = (await f.submit(application({}, { id: residentId('19800101', 402) }), f.tokens.huaduReviewer)).json();
  // C: at the office; the review runs out (due 03-12 00:00), recorded overdue; approved Mon 03-16: 10.
  const c = (await f.submit(application({}, { id: residentId('19800101', 403) }), f.tokens.huaduReviewer)).json();
  const notice = await f.app.inject({ method: 'POST', url: '/notified-cases', headers: { authorization: f.tokens.huaduReviewer }, payload: {
    commandId: '3f0c1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f', notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'huadu' } },
    ground: 'minor', charge: '盗窃罪', defendant: { name: '小吴', document: { type: 'unknown' } },
  } });
  t.equal(notice.statusCode, 201, notice.body);

  f.clock.set('2026-03-03 10:00');
  ok(await f.post(b.caseId, 'refusal', { reasons: '不属于法律援助范围' }), 'refuse B');
  f.clock.set('2026-03-04 10:00');
  ok(await f.post(a.caseId, 'materials-request', { items: ['劳动合同'] }, f.tokens.huaduReviewer), 'materials A');
  f.clock.set('2026-03-09 10:00');
  ok(await f.post(a.caseId, 'materials-supply', { items: ['劳动合同'] }, f.tokens.huaduReviewer), 'supplied A');
  ok(await f.post(a.caseId, 'economic-status', pledge, f.tokens.huaduReviewer), 'pledge A');
  f.clock.set('2026-03-11 10:00');
  ok(await f.post(a.caseId, 'approval'), 'approve A');

  // The timers record what ran out: C's review (03-12) and the notified case's assignment.
  f.clock.set('2026-03-13 09:00');
  const events = async (caseId: string) => {
    const types: string[] = [];
    for await (const e of f.app.eventStore.readStream(`legalAidCase-${caseId}`)) types.push(e.type);
    return types;
  };
  for (let i = 0; i < 200 && !((await events(c.caseId)).includes('ReviewOverdue') && (await events(notice.json().caseId)).includes('AssignmentOverdue')); i += 1) {
    await f.app.legalAidTimers.fireDue();
    await new Promise((r) => setTimeout(r, 50));
  }
  f.clock.set('2026-03-16 10:00');
  ok(await f.post(c.caseId, 'economic-status', pledge, f.tokens.huaduReviewer), 'pledge C');
  const approvedC = await f.post(c.caseId, 'approval');
  ok(approvedC, 'approve C');

  const month = (await f.get(`/statistics/monthly/2026-03?${f.after(approvedC)}`, f.tokens.huaduAuditor)).json();
  const office = month.offices.find((o: { officeId: string }) => o.officeId === ORG.huaduOffice);
  t.match(office, { approved: 2, refused: 1, decisions: 3, medianWorkingDaysToDecision: 4, overdueByLimit: { review: 1, notified_assignment: 1, assignment: 0, objection: 0 } },
    'median of 4, 1 and 10 working days; the review and the notified case\'s assignment overdue');
  const station = month.stations.find((s: { stationId: string }) => s.stationId === ORG.huaduStation);
  t.match(station, { received: 1, decisions: 1, medianWorkingDaysToDecision: 4 }, 'the station: what it received');
  const year = (await f.get('/statistics/yearly/2026', f.tokens.huaduAuditor)).json();
  t.match(year.offices.find((o: { officeId: string }) => o.officeId === ORG.huaduOffice), { decisions: 3, medianWorkingDaysToDecision: 4, overdueByLimit: { review: 1 } }, 'the same for the year');
  const april = (await f.get('/statistics/monthly/2026-04', f.tokens.huaduAuditor)).json();
  t.notOk(april.offices.some((o: { decisions: number }) => o.decisions > 0), 'nothing decided in April');
});
