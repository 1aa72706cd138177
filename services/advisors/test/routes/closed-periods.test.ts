// A closed month's restatements name the events that moved them (issue 21, "Every figure can be traced
// and frozen"): 花都's statistician closes March; after the close a late March entry is logged (as an
// import would) and an entry's duration corrected, and another entry's summary corrected (no figure reads
// it). The district's and the township's March stay as closed; 件/次 is restated with exactly the late
// entry's event, the remote minutes with exactly the correction (id, type, actor, position); the summary's
// correction is listed nowhere; 白云's figures name none of it.
import { formatPosition, readEnvelope, type RecordedEvent } from '@bureau/event-store';
import t from 'tap';
import { ADVISOR, advisorsFixture, service } from '../support/app.js';

type Restatement = { figure: string; asClosed: number | null; now: number | null; events: { eventId: string }[]; eventCount: number; moreEvents: string | null };

t.test('a closed month: a late entry and a correction are restated with their events', async (t) => {
  const f = await advisorsFixture(t, { start: '2026-04-02 10:00' });
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha', '2026-01-01');
  const log = async (villageId: string, entryId: string, overrides: Record<string, unknown>, token = f.tokens.advisor) => {
    const res = await f.post(`/villages/${villageId}/ledger/entries`, { entryId, ...service(overrides) }, token);
    t.equal(res.statusCode, 200, res.body);
    return res.json() as { position: string };
  };
  await log('huadu-xinhua-dongsha', 'd-mar', { type: 'on_site_duty', durationMinutes: 480, personsServed: [], summary: '驻点值班', date: '2026-03-05' });
  await log('huadu-xinhua-dongsha', 'c-mar', { date: '2026-03-06', mode: 'remote', durationMinutes: 60 });
  t.equal((await f.post('/districts/baiyun/advisors', { ...ADVISOR, advisorId: 'adv-by', licenceNumber: '14401200910777777' }, f.tokens.baiyunAdmin)).statusCode, 200);
  t.equal((await f.post('/villages/baiyun-jingtai-v1/appointments', { advisorId: 'adv-by', from: '2026-01-01', to: '2026-12-31' }, f.tokens.baiyunAdmin)).statusCode, 200);
  await log('baiyun-jingtai-v1', 'b-mar', { date: '2026-03-05' }, f.token('legal_advisor', 'baiyun', 'adv-by'));

  // 关账: the statistician closes 花都's March (the reports service records it in the district's periods stream).
  const closed = await f.app.eventStore.appendToStream('reportPeriods-huadu', [{ type: 'ReportPeriodClosed', data: { period: '2026-03', closedAt: f.clock.now.toISOString(), note: null } }]);
  // After the close: a late March entry, a duration corrected, a summary corrected; 白云 corrects its own.
  await log('huadu-xinhua-dongsha', 'late-mar', { date: '2026-03-20', type: 'mediation', durationMinutes: 120, personsServed: [] });
  const corrected = await f.post('/villages/huadu-xinhua-dongsha/ledger/2026-03/entries/c-mar/correction', { reason: '时长记错', correction: { durationMinutes: 90 } }, f.tokens.advisor);
  t.equal(corrected.statusCode, 200, corrected.body);
  const reworded = await f.post('/villages/huadu-xinhua-dongsha/ledger/2026-03/entries/d-mar/correction', { reason: '摘要补充', correction: { summary: '驻点值班,接待来访' } }, f.tokens.advisor);
  t.equal(reworded.statusCode, 200, reworded.body);
  const theirs = await f.post('/villages/baiyun-jingtai-v1/ledger/2026-03/entries/b-mar/correction', { reason: '时长记错', correction: { durationMinutes: 30 } }, f.token('legal_advisor', 'baiyun', 'adv-by'));
  t.equal(theirs.statusCode, 200, theirs.body);
  const after = `after=${encodeURIComponent(theirs.json().position)}`;
  const get = async (url: string, token = f.tokens.auditor) => {
    const res = await f.get(`${url}?${after}`, token);
    t.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };

  const events: RecordedEvent[] = [];
  for await (const e of f.app.eventStore.readStream('advisorLedger-huadu-xinhua-dongsha_2026-03')) events.push(e);
  const [late, correction, summary] = events.slice(-3) as [RecordedEvent, RecordedEvent, RecordedEvent];
  const shown = (e: RecordedEvent) => ({
    eventId: e.id, streamName: e.streamName, caseId: 'huadu-xinhua-dongsha_2026-03', eventType: e.type,
    recordedAt: e.recordedAt.toISOString(), actor: readEnvelope(e.metadata)?.actor ?? null, position: formatPosition(e.position),
  });
  t.match(shown(late), { eventType: 'ServiceLogged', actor: { id: ADVISOR.advisorId } }, 'the late entry, by its advisor');
  t.match(shown(correction), { eventType: 'EntryCorrected' });

  const summaryOf = await get('/districts/huadu/summary/2026-03');
  t.match(summaryOf, { entries: 2, remoteMinutes: 60, closed: { districtId: 'huadu', position: formatPosition(closed.position) } }, 'the district\'s March as closed');
  const restated = new Map((summaryOf.restatements as Restatement[]).map((r) => [r.figure, r]));
  t.same(restated.get('entries'), { figure: 'entries', asClosed: 2, now: 3, events: [shown(late)], eventCount: 1, moreEvents: null }, '件/次: the late entry alone');
  t.same(restated.get('remoteMinutes'), { figure: 'remoteMinutes', asClosed: 60, now: 90, events: [shown(correction)], eventCount: 1, moreEvents: null }, 'remote minutes: the correction alone');
  t.same(restated.get('byType.mediation')?.events, [shown(late)], 'mediations: the late entry');
  t.notOk(restated.has('villages'), 'the villages did not move: not restated');
  const listed = (summaryOf.restatements as Restatement[]).flatMap((r) => r.events.map((e) => e.eventId));
  t.notOk(listed.includes(summary.id), 'the summary\'s correction moved no figure: listed nowhere');
  t.ok(listed.every((id) => id === late.id || id === correction.id), 'only 花都\'s moving events');
  t.notOk(JSON.stringify(summaryOf.restatements).includes('张三丰') || JSON.stringify(summaryOf.restatements).includes('13812345678'), 'no personal data');

  const township = await get('/townships/huadu-xinhua/figures/2026-03');
  const townshipRestated = new Map((township.restatements as Restatement[]).map((r) => [r.figure, r]));
  t.same(townshipRestated.get('totals.services')?.events, [shown(late)], 'the township: its services restated by the late entry');
  t.same(townshipRestated.get('totals.remoteMinutes')?.events, [shown(correction)], 'the township: its remote minutes by the correction');

  // 白云: its March is not closed; nothing of 花都's in its answer.
  const baiyun = await get('/districts/baiyun/summary/2026-03', f.tokens.baiyunAdmin);
  t.match(baiyun, { closed: null, restatements: [] }, 'another district: no close, no restatement');
  t.notOk(JSON.stringify(baiyun).includes(late.id), 'another district: not 花都\'s events');
  // The year is not closed.
  t.same((await get('/districts/huadu/annual/2026')).restatements, [], 'an open period: nothing restated');

  // The OpenAPI document says what a restatement carries.
  const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const answered = JSON.stringify(doc.paths['/districts/{districtId}/summary/{month}']?.get?.responses?.['200']);
  t.ok(['events', 'eventCount', 'moreEvents', 'actor', 'position'].every((k) => answered.includes(`"${k}"`)), 'documented in OpenAPI');
  t.ok(JSON.stringify(doc.paths['/districts/{districtId}/summary/{month}']?.get?.parameters ?? []).includes('eventsAfter'), 'the paging parameter documented');
});
