// The city's own organisations (市本级) follow the city's close as a district's follow the district's
// (issue 21): the city's statistician closes March for the city's own (`reportPeriods-gz`); an application
// received at the city's office after the close leaves the office's March as closed, restated with exactly
// that event; 花都's offices, not closed, stand as they are, and 花都's readers see neither the city's close
// nor its events. 花都's own close then freezes its own walk-in counts, a late visit restated with its event.
import { formatPosition } from '@bureau/event-store';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { application, legalAidFixture, ORG, residentId } from './support.js';

const cityFacts = { kind: 'litigation', caseAuthority: '广州市中级人民法院', authoritySits: { cityLevel: true } } as const;

t.test('市本级: the city office\'s figures as of the city\'s close, the late application restated', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-03-02 09:00', env: { DEADLINE_TIMERS_FIRE: 'false' } });
  const cityReviewer = f.token('legal_aid_reviewer', ORG.cityOffice);
  const cityStatistician = f.token('city_statistician', ORG.city);
  const first = await f.submit(application({ competenceFacts: cityFacts }, { id: residentId('19800101', 601) }), cityReviewer);
  t.equal(first.statusCode, 201, first.body);
  t.equal((await f.submit(application({}, { id: residentId('19800101', 602) }), f.tokens.huaduReviewer)).statusCode, 201, '花都 receives one');

  // 关账: the city's statistician closes the city's own March (the reports service records it under the city's id).
  f.clock.set('2026-03-05 18:00');
  const closed = await f.app.eventStore.appendToStream('reportPeriods-gz', [{ type: 'ReportPeriodClosed', data: { period: '2026-03', closedAt: f.clock.now.toISOString(), note: null } }]);
  f.clock.set('2026-03-06 10:00');
  const late = await f.submit(application({ competenceFacts: cityFacts }, { id: residentId('19800101', 603), name: '王五一', phone: '13900002222' }), cityReviewer);
  t.equal(late.statusCode, 201, late.body);
  const huaduLate = await f.submit(application({}, { id: residentId('19800101', 604) }), f.tokens.huaduReviewer);
  t.equal(huaduLate.statusCode, 201, huaduLate.body);

  const march = (await f.get(`/statistics/monthly/2026-03?${f.after(huaduLate)}`, cityStatistician)).json();
  t.match(march.closed, [{ districtId: 'gz', position: formatPosition(closed.position) }], 'closed by the city, under its id');
  t.equal(march.closed.length, 1, '花都 has not closed March');
  t.match(march.offices.find((o: { officeId: string }) => o.officeId === ORG.cityOffice), { received: 1 }, 'the city office as closed');
  t.match(march.offices.find((o: { officeId: string }) => o.officeId === ORG.huaduOffice), { received: 2 }, '花都 as it stands');
  const received = march.restatements.find((r: { figure: string }) => r.figure === `${ORG.cityOffice}.received`);
  t.match(received, { asClosed: 1, now: 2, eventCount: 1, events: [{ caseId: late.json().caseId, eventType: 'ApplicationSubmitted', actor: { role: 'legal_aid_reviewer', organisation: ORG.cityOffice } }] }, 'the late application, by its event');
  t.notOk(march.restatements.some((r: { figure: string }) => r.figure.startsWith('huadu')), '花都 restates nothing: not closed');
  const text = JSON.stringify(march.restatements);
  t.notOk(text.includes('王五一') || text.includes('13900002222') || text.includes(residentId('19800101', 603)), 'no personal data');

  const huadu = (await f.get('/statistics/monthly/2026-03', f.tokens.huaduAuditor)).json();
  t.same(huadu.closed, [], '花都\'s auditor: not the city\'s close');
  t.same(huadu.restatements, [], 'nor its restatements');

  // Walk-in counts follow closes too (a visit is never placed at the city's own organisations): 花都 closes March.
  const visit = (persons: number, at: string) => ({ consultationId: randomUUID(), placeId: ORG.huaduStation, occurredAt: at, persons, topic: 'labour', answer: 'answered_on_the_spot' });
  const recorded = await f.app.inject({ method: 'POST', url: '/walk-in-consultations', headers: { authorization: f.tokens.huaduClerk }, payload: visit(2, '2026-03-03T09:00:00+08:00') });
  t.equal(recorded.statusCode, 201, recorded.body);
  await f.app.eventStore.appendToStream('reportPeriods-huadu', [{ type: 'ReportPeriodClosed', data: { period: '2026-03', closedAt: f.clock.now.toISOString(), note: null } }]);
  const lateVisit = await f.app.inject({ method: 'POST', url: '/walk-in-consultations', headers: { authorization: f.tokens.huaduClerk }, payload: visit(3, '2026-03-04T15:00:00+08:00') });
  t.equal(lateVisit.statusCode, 201, lateVisit.body);
  const counts = (await f.get(`/walk-in-consultations/counts/2026-03?${f.after(lateVisit)}`, f.tokens.huaduAuditor)).json();
  t.equal(counts.persons, 2, '人次 as closed');
  t.same(counts.closed.map((c: { districtId: string }) => c.districtId), ['huadu'], '花都\'s close; not the city\'s, out of reach');
  t.match(counts.restatements.find((r: { figure: string }) => r.figure === `${ORG.huaduStation}.persons`), { asClosed: 2, now: 5, eventCount: 1, events: [{ eventType: 'WalkInConsultationRecorded' }] }, 'the late visit restated by its event');
  const city = (await f.get('/walk-in-consultations/counts/2026-03', cityStatistician)).json();
  t.same(city.closed.map((c: { districtId: string }) => c.districtId).sort(), ['gz', 'huadu'], 'the city: both closes');
  t.equal(city.persons, 2, 'the city\'s count: 花都 as closed');
});
