// A closed month's restatements name the events that moved them (issue 21, "Every figure can be traced
// and frozen"): 花都's statistician closes March with an application awaiting its decision; the approval
// is recorded after the close. March stays as closed; the office's approved (批准) is restated with
// exactly the approval event (id, type, actor, position), the pledge recorded after the close moves no
// figure and is listed nowhere, received is not restated; 白云's statistics name none of it.
import { formatPosition, readEnvelope, type RecordedEvent } from '@bureau/event-store';
import t from 'tap';
import { application, legalAidFixture, ORG, residentId } from './support.js';

t.test('a closed month: a decision recorded after the close is restated with its event', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-03-02 09:00', env: { DEADLINE_TIMERS_FIRE: 'false' } });
  const ok = (res: { statusCode: number; body: string }, what: string) => t.equal(res.statusCode, 200, `${what}: ${res.body}`);
  const pledge = { status: { kind: 'personal_pledge', pledgeSignedAt: '2026-03-02T08:30:00+08:00' } };
  const a = (await f.submit(application({}, { id: residentId('19800101', 501), name: '李四光', phone: '13900001111' }), f.tokens.huaduReviewer)).json();
  t.ok(a.caseId, 'A received at the office');
  const baiyun = await f.submit(application({}, { id: residentId('19800101', 502) }), f.tokens.baiyunReviewer);
  t.equal(baiyun.statusCode, 201, baiyun.body);

  // 关账: the statistician closes March (the reports service records it in the district's periods stream).
  f.clock.set('2026-03-05 18:00');
  const closed = await f.app.eventStore.appendToStream('reportPeriods-huadu', [{ type: 'ReportPeriodClosed', data: { period: '2026-03', closedAt: f.clock.now.toISOString(), note: null } }]);
  // After the close: A's economic status (no figure counts it), then its approval (decided in March).
  f.clock.set('2026-03-06 10:00');
  ok(await f.post(a.caseId, 'economic-status', pledge, f.tokens.huaduReviewer), 'pledge A');
  const approved = await f.post(a.caseId, 'approval');
  ok(approved, 'approve A');

  const stream: RecordedEvent[] = [];
  for await (const e of f.app.eventStore.readStream(`legalAidCase-${a.caseId}`)) stream.push(e);
  const approval = stream.at(-1)!;
  const expected = {
    eventId: approval.id, streamName: approval.streamName, caseId: a.caseId, eventType: approval.type,
    recordedAt: approval.recordedAt.toISOString(), actor: readEnvelope(approval.metadata)?.actor ?? null, position: formatPosition(approval.position),
  };
  t.match(expected.actor, { role: 'legal_aid_head', organisation: ORG.huaduOffice }, 'the approval names who decided');

  const march = (await f.get(`/statistics/monthly/2026-03?${f.after(approved)}`, f.tokens.huaduAuditor)).json();
  t.match(march.closed, [{ districtId: 'huadu', position: formatPosition(closed.position) }], 'March closed');
  t.match(march.offices.find((o: { officeId: string }) => o.officeId === ORG.huaduOffice), { received: 1, approved: 0, decisions: 0 }, 'the office as closed');
  const restated = new Map<string, { asClosed: number | null; now: number | null; events: unknown[]; eventCount: number; moreEvents: string | null }>(
    march.restatements.map((r: { figure: string }) => [r.figure, r]));
  t.same(restated.get(`${ORG.huaduOffice}.approved`), { figure: `${ORG.huaduOffice}.approved`, asClosed: 0, now: 1, events: [expected], eventCount: 1, moreEvents: null }, 'approved: restated by the approval alone');
  t.same(restated.get(`${ORG.huaduOffice}.decisions`)?.events, [expected], 'decisions: the same event');
  for (const [figure, r] of restated) t.same(r.events, [expected], `${figure}: the approval, not the pledge`);
  t.notOk(restated.has(`${ORG.huaduOffice}.received`), 'received did not move: not restated');
  t.notOk([...restated.keys()].some((k) => k.startsWith('baiyun')), 'only 花都\'s figures');
  const text = JSON.stringify(march.restatements);
  t.notOk(text.includes('李四光') || text.includes('13900001111') || text.includes(residentId('19800101', 501)), 'no personal data');

  // The year is not closed: its figures stand as they are, nothing restated.
  t.same((await f.get('/statistics/yearly/2026', f.tokens.huaduAuditor)).json().restatements, [], 'an open period: nothing restated');
  // 白云's reviewer: its own office only, no close, no event of 花都's.
  const theirs = (await f.get('/statistics/monthly/2026-03', f.tokens.baiyunReviewer)).json();
  t.same(theirs.closed, [], 'another district: no close');
  t.same(theirs.restatements, [], 'another district: no restatement');
  t.notOk(JSON.stringify(theirs).includes(a.caseId), 'another district: not A');

  // The OpenAPI document says what a restatement carries.
  const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const answered = JSON.stringify(doc.paths['/statistics/monthly/{month}']?.get?.responses?.['200']);
  t.ok(['events', 'eventCount', 'moreEvents', 'actor', 'position'].every((k) => answered.includes(`"${k}"`)), 'documented in OpenAPI');
  t.ok(JSON.stringify(doc.paths['/statistics/monthly/{month}']?.get?.parameters ?? []).includes('eventsAfter'), 'the paging parameter documented');
});
