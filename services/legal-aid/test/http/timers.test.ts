// Durable timers over the service: materials not supplied in time → 视为撤回 (deemed withdrawn) recorded
// by the timer after a restart of the service; a review not decided in 7 working days recorded overdue and
// shown first in the worklist; a fire twice records once.
import t from 'tap';
import { buildLegalAidApp } from '../../src/app.js';
import { application, legalAidFixture, local, residentId } from './support.js';

t.test('deemed withdrawn by the timer after a restart; review overdue', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-03-02 09:00' });
  const materials = (await f.submit(application({}, { id: residentId('19800101', 321) }), f.tokens.huaduReviewer)).json();
  const undecided = (await f.submit(application({}, { id: residentId('19800101', 654) }), f.tokens.huaduReviewer)).json();
  f.clock.set('2026-03-03 10:00');
  const requested = await f.post(materials.caseId, 'materials-request', { items: ['劳动合同', '工资流水'] }, f.tokens.huaduReviewer);
  t.equal(requested.statusCode, 200, requested.body);

  const timerRows = async (app: typeof f.app, caseId: string) =>
    (await app.pg.query<{ kind: string; state: string; due_at: Date | null }>(`SELECT kind, state, due_at FROM legal_aid_timers WHERE subject_id = $1 ORDER BY kind`, [caseId])).rows;
  for (let i = 0; !(await timerRows(f.app, materials.caseId)).some((r) => r.kind === 'materials'); i += 1) {
    if (i > 400) throw new Error('the materials timer was never set');
    await new Promise((r) => setTimeout(r, 25));
  }
  t.match(await timerRows(f.app, materials.caseId), [{ kind: 'materials', state: 'pending', due_at: local('2026-03-25 00:00') }, { kind: 'review', state: 'paused' }],
    '15 working days from the request; the review clock stopped');

  // The service stops; time passes; a new instance starts on the same database and fires what fell due.
  await f.app.close();
  f.clock.set('2026-03-25 08:00');
  const restarted = await buildLegalAidApp(f.config, { clock: () => f.clock.now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 }, reconcileOnTimer: false });
  t.teardown(() => restarted.close());
  await restarted.ready();
  let fired = 0;
  for (let i = 0; i < 40 && fired < 2; i += 1) {
    fired += await restarted.legalAidTimers.fireDue();
    await new Promise((r) => setTimeout(r, 50));
  }
  const head = f.tokens.huaduHead;
  const file = (await restarted.inject({ method: 'GET', url: `/files/${materials.caseId}`, headers: { authorization: head } })).json();
  t.equal(file.status, 'deemed_withdrawn', '视为撤回 by the timer');
  const other = (await restarted.inject({ method: 'GET', url: `/files/${undecided.caseId}`, headers: { authorization: head } })).json();
  t.match(other.file, { status: 'in_review', review: { overdueFor: local('2026-03-12 00:00').toISOString() } }, 'the review recorded overdue at its due moment');
  t.equal(await restarted.legalAidTimers.fireDue(), 0, 'nothing fires twice');

  const events = [];
  for await (const e of restarted.eventStore.readStream(`legalAidCase-${materials.caseId}`)) events.push(e.type);
  t.equal(events.filter((e) => e === 'ApplicationDeemedWithdrawn').length, 1);
  let entries: { caseId: string; overdue: boolean }[] = [];
  for (let i = 0; i < 100; i += 1) {
    entries = (await restarted.inject({ method: 'GET', url: '/worklist', headers: { authorization: head } })).json().entries;
    if (!entries.some((e) => e.caseId === materials.caseId)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  t.notOk(entries.some((e) => e.caseId === materials.caseId), 'the withdrawn file is off the worklist');
  t.match(entries[0], { caseId: undecided.caseId, overdue: true }, 'the overdue review first');
});

t.test('a limit reaching into a year with no calendar yet: provisional, and the timers keep working', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-12-28 10:00' });
  const late = (await f.submit(application({}, { id: residentId('19800101', 987) }), f.tokens.huaduReviewer)).json();
  const file = (await f.get(`/files/${late.caseId}`)).json();
  t.match(file.file.review.current, { provisionalYears: [2027] }, 'recorded as provisional (weekday counting)');
  const dueAt = new Date(file.file.review.current.dueAt);
  f.clock.set('2026-12-29 10:00');
  const next = (await f.submit(application({}, { id: residentId('19800101', 988) }), f.tokens.huaduReviewer)).json();
  const rows = async (caseId: string) => (await f.app.pg.query<{ kind: string; due_at: Date }>(`SELECT kind, due_at FROM legal_aid_timers WHERE subject_id = $1`, [caseId])).rows;
  for (let i = 0; (await rows(next.caseId)).length === 0; i += 1) {
    if (i > 400) throw new Error('the timers projection stopped');
    await new Promise((r) => setTimeout(r, 25));
  }
  t.match(await rows(late.caseId), [{ kind: 'review', due_at: dueAt }], 'the timer fires at the moment the file records');
});
