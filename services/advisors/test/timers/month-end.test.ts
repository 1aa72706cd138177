// The month-end durable timer (月末判定) on a real PostgreSQL, across a restart: the service is down at
// 24:00 Beijing time on 31 March; started again on 1 April it judges March for each appointed village:
// the short one records its shortfall with each advisor's share, the one meeting the minimum records
// nothing. Restarting again records nothing more; a later correction that changes the outcome records a
// new judgement beside the old one; April's timer is armed.
import { timersOfSubject } from '@bureau/durable-timers';
import { eventually } from '@bureau/testing';
import t from 'tap';
import { ledgerStreamParts, monthEndRules } from '../../src/timers/month-end-rules.js';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture, local, service, type AdvisorsFixture } from '../support/app.js';

const judgementsOf = async (f: AdvisorsFixture, villageId: string, month: string) => {
  const found: { outcome: string; shortByMinutes: number; byAdvisor: unknown }[] = [];
  try {
    for await (const e of f.app.eventStore.readStream(`advisorLedger-${villageId}_${month}`)) {
      if (e.type === 'OnSiteMinimumJudged') found.push(e.data as (typeof found)[number]);
    }
  } catch {
    return [];
  }
  return found;
};

t.test('the month-end judgement fires after a restart, once, and again only when the outcome changes', async (t) => {
  const first = await advisorsFixture(t, { start: '2026-03-20 10:00' });
  await first.appoint(ADVISOR, 'huadu-xinhua-sanhua');
  await first.appoint(OTHER_ADVISOR, 'huadu-xinhua-xinjie');
  t.equal((await first.post('/villages/huadu-xinhua-sanhua/ledger/entries', { entryId: 's1', ...service({ durationMinutes: 120 }) }, first.tokens.advisor)).statusCode, 200);
  t.equal((await first.post('/villages/huadu-xinhua-xinjie/ledger/entries', { entryId: 'x1', ...service({ type: 'on_site_duty', durationMinutes: 480, personsServed: [], summary: '驻点值班' }) }, first.tokens.otherAdvisor)).statusCode, 200);
  const armed = await eventually(async () => {
    const rows = await timersOfSubject(first.app.advisorsTimers.db, first.app.advisorsTimers.table, 'huadu-xinhua-sanhua');
    return rows.length === 1 ? rows[0] : undefined;
  }, 10_000, 'the month-end timer armed');
  t.match(armed, { kind: 'month_end', state: 'pending', due_at_iso: local('2026-04-01 00:00').toISOString() });
  await first.close();

  // Down over the month end; back at 00:05 on 1 April.
  const second = await advisorsFixture(t, { databaseUrl: first.databaseUrl, start: '2026-04-01 00:05' });
  const [judged] = await eventually(async () => {
    const found = await judgementsOf(second, 'huadu-xinhua-sanhua', '2026-03');
    return found.length > 0 ? found : undefined;
  }, 10_000, 'March judged');
  t.match(judged, { outcome: 'short', onSiteMinutes: 120, minimumMinutes: 480, shortByMinutes: 360, byAdvisor: [{ advisorId: ADVISOR.advisorId, onSiteMinutes: 120 }] });
  await eventually(async () => (await timersOfSubject(second.app.advisorsTimers.db, second.app.advisorsTimers.table, 'huadu-xinhua-xinjie'))[0]?.due_at_iso === local('2026-05-01 00:00').toISOString(), 10_000, 'xinjie fired and re-armed');
  t.same(await judgementsOf(second, 'huadu-xinhua-xinjie', '2026-03'), [], 'a village meeting the minimum records nothing');
  await eventually(async () => (await timersOfSubject(second.app.advisorsTimers.db, second.app.advisorsTimers.table, 'huadu-xinhua-sanhua'))[0]?.due_at_iso === local('2026-05-01 00:00').toISOString(), 10_000, 'April armed');
  const ledger = (await second.get('/villages/huadu-xinhua-sanhua/ledger/2026-03', second.tokens.office)).json();
  t.match(ledger.onSite, { outcome: 'short', judged: { outcome: 'short', shortByMinutes: 360 } });
  await second.close();

  // Restarted again: nothing more is recorded.
  const third = await advisorsFixture(t, { databaseUrl: first.databaseUrl, start: '2026-04-01 08:00' });
  await third.app.advisorsTimers.fireDue();
  t.equal((await judgementsOf(third, 'huadu-xinhua-sanhua', '2026-03')).length, 1, 'one judgement, however many restarts');

  // A late correction that changes the outcome: a new judgement beside the old one.
  const corrected = await third.post('/villages/huadu-xinhua-sanhua/ledger/2026-03/entries/s1/correction', { reason: '补记签到表', correction: { durationMinutes: 480 } }, third.tokens.advisor);
  t.equal(corrected.statusCode, 200, corrected.body);
  t.same((await judgementsOf(third, 'huadu-xinhua-sanhua', '2026-03')).map((j) => j.outcome), ['short', 'met'], 'the old judgement stays, the new one beside it');
});

t.test('the rule: armed by the village\'s first appointment from its first day; a judgement marks its month fired', async (t) => {
  const recorded = (streamName: string, type: string, data: object, revision = 0n) =>
    ({ streamName, type, data, revision, id: 'x', metadata: {}, recordedAt: new Date(), position: { commit: 1n, prepare: 1n } }) as unknown as Parameters<typeof monthEndRules.changesOf>[0];
  t.same(monthEndRules.changesOf(recorded('advisorAppointments-v1', 'AdvisorAppointed', { from: '2026-01-15' })), [
    { kind: 'repeat', timer: 'month_end', repeat: { every: 'month_end' }, from: local('2026-01-15 00:00').toISOString() },
  ]);
  t.same(monthEndRules.changesOf(recorded('advisorAppointments-v1', 'AdvisorAppointed', { from: '2026-06-01' }, 3n)), [], 'a later appointment does not re-arm (no month skipped)');
  t.same(monthEndRules.changesOf(recorded('advisorLedger-huadu-xinhua-sanhua_2026-03', 'OnSiteMinimumJudged', {})), [
    { kind: 'fired', timer: 'month_end', dueAt: local('2026-04-01 00:00').toISOString() },
  ]);
  t.same(ledgerStreamParts('advisorLedger-huadu-xinhua-sanhua_2026-03'), { villageId: 'huadu-xinhua-sanhua', month: '2026-03' });
  t.equal(monthEndRules.subjectOf(recorded('advisorLedger-huadu-xinhua-sanhua_2026-03', 'ServiceLogged', {})), 'huadu-xinhua-sanhua');
  // The schedule reads only the types its filter names (the store's type filter): every other type must change nothing.
  t.same(monthEndRules.eventTypes, ['AdvisorAppointed', 'OnSiteMinimumJudged'], 'read by type: the two types that change the timer');
  const others = ['AppointmentEnded', 'LedgerMonthOpened', 'ServiceLogged', 'EntryCorrected', 'EntryVoided', 'MonthReviewStarted', 'EntryReturned', 'MonthApproved', 'MonthReopened', 'ShortfallExcused'];
  for (const type of others) {
    t.same(monthEndRules.changesOf(recorded('advisorLedger-huadu-xinhua-sanhua_2026-03', type, { from: '2026-01-15' })), [], `${type} changes nothing`);
    t.same(monthEndRules.changesOf(recorded('advisorAppointments-v1', type, { from: '2026-01-15' })), [], `${type} on the appointments stream changes nothing`);
    t.notOk(monthEndRules.eventTypes?.some((prefix) => type.startsWith(prefix)), `${type} is not read`);
  }
});
