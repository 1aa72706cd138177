// A closed month's restatements name the events that moved them (issue 21, "Every figure can be traced
// and frozen"): 花都's statistician closes March; a follow-up (回访) for a March order is recorded after
// the close. The month's figures stay as closed; 回访 / 满意 / 解决 are restated, each listing exactly
// that event (its id, type, actor, position); an urge recorded after the close on another March order
// moves no figure and is listed nowhere; another district's auditor sees no restatement at all.
import { formatPosition, readEnvelope } from '@bureau/event-store';
import { signTestToken } from '@bureau/service-kit/testing';
import t from 'tap';
import { hotlineFixture, JWT_SECRET } from './support/app.js';

t.test('a closed month: a late follow-up is restated with the event that moved it', async (t) => {
  const f = await hotlineFixture(t, { start: '2026-03-02 09:00', env: { READ_YOUR_WRITES_WAIT_MS: '3000', DEADLINE_TIMERS_FIRE: 'false' } });
  let last = '';
  const step = async (at: string, call: () => Promise<{ statusCode: number; body: string; json(): { position?: string | null } }>) => {
    f.clock.set(at);
    const res = await call();
    if (res.statusCode !== 200) throw new Error(`${at}: ${res.statusCode} ${res.body}`);
    last = res.json().position ?? last;
  };
  await step('2026-03-02 10:00', () => f.dispatch('A', { category: 'consultation' }));
  await step('2026-03-02 11:00', () => f.staffPost(f.idOf('A'), 'sign-for'));
  await step('2026-03-03 10:00', () => f.staffPost(f.idOf('A'), 'reply', { answer: '已办理并答复' }));
  await step('2026-03-04 10:00', () => f.dispatch('B', { category: 'complaint' }));
  await step('2026-03-04 11:00', () => f.staffPost(f.idOf('B'), 'sign-for'));

  // 关账: the statistician closes March (the reports service records it in the district's periods stream).
  f.clock.set('2026-03-20 18:00');
  const closed = await f.app.eventStore.appendToStream('reportPeriods-huadu', [{ type: 'ReportPeriodClosed', data: { period: '2026-03', closedAt: f.clock.now.toISOString(), note: null } }]);
  // After the close: A's follow-up (rated in March), and an urge on B (no figure counts urges).
  await step('2026-03-25 10:00', () => f.push('followup.recorded', 'A', { satisfaction: 'satisfied', resolved: true, causedByUnit: false }));
  await step('2026-03-26 10:00', () => f.push('order.urged', 'B', { level: 'urge', note: '请加快办理' }));

  const read = async (url: string, token: string) => {
    const res = await f.get(`${url}${url.includes('?') ? '&' : '?'}after=${encodeURIComponent(last)}`, token);
    t.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };
  const march = await read('/reports/monthly/2026-03', f.tokens.auditor);
  t.match(march, { dispatched: 2, satisfactionRate: { numerator: 0, denominator: 0 }, closed: [{ districtId: 'huadu', position: formatPosition(closed.position) }] }, 'March as closed');

  const followUp = (await f.streamOf(f.idOf('A'))).at(-1)!;
  t.equal(followUp.type, 'FollowUpResultRecorded');
  const expected = {
    eventId: followUp.id, streamName: followUp.streamName, caseId: f.idOf('A'), eventType: 'FollowUpResultRecorded',
    recordedAt: followUp.recordedAt.toISOString(), actor: readEnvelope(followUp.metadata)?.actor ?? null, position: formatPosition(followUp.position),
  };
  t.ok(expected.actor, 'the event names who recorded it');
  t.same(march.restatements, ['rated', 'resolved', 'satisfied'].map((figure) => ({ figure, asClosed: 0, now: 1, events: [expected], eventCount: 1, moreEvents: null })),
    'rated, satisfied and resolved restated, each by the follow-up alone (not the urge, not anything before the close)');
  t.notOk(JSON.stringify(march.restatements).includes('张三丰') || JSON.stringify(march.restatements).includes('13812345678'), 'no personal data');

  // Paging one figure's events: after the last one listed, none are left; the other figures keep theirs.
  const paged = await read(`/reports/monthly/2026-03?restated=rated&eventsAfter=${encodeURIComponent(expected.position)}`, f.tokens.auditor);
  t.match(paged.restatements, [{ figure: 'rated', events: [], eventCount: 1, moreEvents: null }, { figure: 'resolved', events: [expected] }, { figure: 'satisfied', events: [expected] }], 'the next page of rated: empty');
  const bad = await f.get('/reports/monthly/2026-03?restated=rated&eventsAfter=yesterday', f.tokens.auditor);
  t.equal(bad.statusCode, 400, 'a cursor that is no position: 400');
  t.match(bad.json(), { errors: [{ field: 'querystring.eventsAfter' }] }, 'naming the field');

  // The same month as another district's auditor: none of 花都's orders, closes or events.
  const baiyun = `Bearer ${signTestToken(JWT_SECRET, { sub: 'user-baiyun-auditor', role: 'auditor', org: 'baiyun-bureau', name: '赵六' })}`;
  t.match(await read('/reports/monthly/2026-03', baiyun), { dispatched: 0, closed: [], restatements: [] }, 'another district sees no restatement');
  // An open month lists none.
  t.same((await read('/reports/monthly/2026-04', f.tokens.auditor)).restatements, [], 'an open month: nothing restated');

  // The OpenAPI document says what a restatement carries.
  const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const answered = JSON.stringify(doc.paths['/reports/monthly/{month}']?.get?.responses?.['200']);
  t.ok(['events', 'eventCount', 'moreEvents', 'actor', 'position'].every((k) => answered.includes(`"${k}"`)), 'documented in OpenAPI');
  t.ok(JSON.stringify(doc.paths['/reports/monthly/{month}']?.get?.parameters ?? []).includes('eventsAfter'), 'the paging parameter documented');
});
