// Closed periods: the statistician closes 花都's March; a voided ledger entry and a late walk-in recorded
// after the close leave the closed figures as they were and show as restatements (old, new, the events).
// Closing is idempotent per commandId; a running period cannot be closed; the rank is recorded.
import t from 'tap';
import { reportsFixture } from './support/app.js';
import { ledgerHistory, local, villages, voidEntry, walkIn } from './support/histories.js';

t.test('a closed period and a late correction', async (t) => {
  const f = await reportsFixture(t, new Date('2026-04-10T02:00:00Z'));
  const march = ledgerHistory(villages.sanhua, '2026-03', [{ entryId: 'e1', date: '2026-03-02', minutes: 300 }, { entryId: 'e2', date: '2026-03-09', minutes: 240 }], local('2026-03-20 10:00'));
  await f.appendLedger(villages.sanhua.villageId, '2026-03', march);
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);

  const notEnded = await f.post('/reports/huadu/2026-Q2/close', { commandId: crypto.randomUUID() });
  t.equal(notEnded.statusCode, 422, 'a period still running cannot be closed');
  t.match(notEnded.json(), { rule: 'period_not_ended' });
  t.equal((await f.post('/reports/huadu/2026-03/close', { commandId: crypto.randomUUID() }, f.tokens.huaduAuditor)).statusCode, 403, 'an auditor reads, does not close');
  t.equal((await f.post('/reports/baiyun/2026-03/close', { commandId: crypto.randomUUID() })).statusCode, 404, 'another district: as unknown');
  const bad = await f.post('/reports/huadu/2026-03/close', { commandId: 'not-a-uuid' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /commandId/);

  const commandId = crypto.randomUUID();
  const closed = await f.post('/reports/huadu/2026-03/close', { commandId, note: '一季度报表' });
  t.equal(closed.statusCode, 200, closed.body);
  const again = await f.post('/reports/huadu/2026-03/close', { commandId, note: '一季度报表' });
  t.match(again.json(), { alreadyApplied: true }, 'the same command again records nothing');
  t.equal((await f.post('/reports/huadu/2026-03/close', { commandId: crypto.randomUUID() })).statusCode, 422, 'closed once');

  const before = (await f.get('/reports/huadu/2026-03')).json().districts[0];
  t.equal(before.figures.advisor_services.value, 2);
  t.equal(before.figures.walk_in_persons.value, 2);
  t.ok(before.closed, 'shown as closed');
  t.same(before.restatements, []);

  // After the close: an entry voided, a visit of 3 persons recorded late (it happened in March).
  f.setNow(new Date('2026-04-12T02:00:00Z'));
  await f.appendLedger(villages.sanhua.villageId, '2026-03', voidEntry(villages.sanhua, '2026-03', march, 'e2', local('2026-04-12 10:00')));
  await f.appendWalkIn('w2', [walkIn('w2', 'huadu-plsc', 'huadu', local('2026-03-30 15:00'), 3)]);

  const after = (await f.get('/reports/huadu/2026-03')).json().districts[0];
  t.equal(after.figures.advisor_services.value, 2, 'the closed figure stands');
  t.equal(after.figures.on_site_hours.value, 9, '5 + 4 hours as closed');
  t.equal(after.figures.walk_in_persons.value, 2);
  const restated = Object.fromEntries(after.restatements.map((r: { figure: string }) => [r.figure, r]));
  t.match(restated.advisor_services, { asClosed: 2, now: 1 });
  t.match(restated.advisor_services.changes, [{ eventType: 'EntryVoided', change: 'withdrawn', streamName: 'advisorLedger-huadu-xinhua-sanhua_2026-03' }], 'the event that changed it');
  t.equal(restated.advisor_services.changes.length, 1, 'and only it: the entry left standing has no new version');
  t.match(restated.walk_in_persons, { asClosed: 2, now: 5, changes: [{ eventType: 'WalkInConsultationRecorded', change: 'counted', caseId: 'w2' }] });
  t.match(restated.on_site_hours, { asClosed: 9, now: 5 });

  const asClosed = (await f.get(after.links.figures.advisor_services)).json();
  t.equal(asClosed.total, 2, 'the drill-down as closed');
  t.ok(asClosed.asOf);
  const asNow = (await f.get(`${after.links.figures.advisor_services}?as=now`)).json();
  t.same([asNow.total, asNow.asOf], [1, null], 'and as things stand');
  const together = (await f.get('/reports/huadu/2026-03/drill-downs')).json();
  t.same([together.asOf, together.lists.advisor_services.total, together.lists.on_site_hours.sum, together.lists.walk_in_persons.sum], [asClosed.asOf, 2, 9, 2], 'every list at once, as closed');
  t.same(together.lists.advisor_services.items, asClosed.items, 'the same facts as the figure\'s own drill-down as closed');
  const togetherNow = (await f.get('/reports/huadu/2026-03/drill-downs?as=now')).json();
  t.same([togetherNow.asOf, togetherNow.lists.advisor_services.total, togetherNow.lists.walk_in_persons.sum], [null, 1, 5], 'and as things stand');

  t.test('the quarter, not closed, counts as things stand', async (t) => {
    const q1 = (await f.get('/reports/huadu/2026-Q1')).json().districts[0];
    t.same([q1.figures.advisor_services.value, q1.figures.walk_in_persons.value, q1.closed], [1, 5, null]);
  });

  t.test('the peer-review rank', async (t) => {
    const res = await f.post('/reports/huadu/peer-review-ranks', { commandId: crypto.randomUUID(), year: 2026, rank: 3, of: 11, source: '市司法局2026年度案件质量同行评估通报' });
    t.equal(res.statusCode, 200, res.body);
    const beyond = await f.post('/reports/huadu/peer-review-ranks', { commandId: crypto.randomUUID(), year: 2026, rank: 12, of: 11, source: '通报' });
    t.match(beyond.json(), { status: 422, rule: 'rank_beyond_field' });
    t.match((await f.get('/reports/huadu/2026-03')).json().districts[0].peerReviewRank, { rank: 3, of: 11, year: 2026 });
  });
});
