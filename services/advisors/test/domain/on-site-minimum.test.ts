// The on-site minimum (§3): at least 8 hours on site per village per calendar month (CONFIGURABLE),
// counting every advisor who served the village that month; voided entries not counted, corrected ones
// as corrected; met / short by N minutes / excused. And the office's excuse for a shortfall.
import t from 'tap';
import {
  MINIMUM_ON_SITE_HOURS_PER_MONTH,
  advisorLimits,
  beijingDateTimeOf,
  foldLedger,
  onSiteCheck,
  type LedgerCommand,
  type LedgerEvent,
  type ServiceDetails,
} from '../../src/domain/index.js';
import { chen, consultation, iso, ledgerContext, lin, logged, opened, reviewStarted } from './support/fixtures.js';
import { givenLedger } from './support/given.js';

const duty = (entryId: string, advisorId: string, date: string, minutes: number) =>
  logged(entryId, { advisorId, date, type: 'on_site_duty', durationMinutes: minutes, personsServed: [], summary: '驻点值班', startTime: '09:00' });

t.test('the default minimum is 8 hours', async (t) => {
  t.equal(MINIMUM_ON_SITE_HOURS_PER_MONTH, 8);
});

t.test('two advisors of one village in one month: 陈 5 h before the change, 林 3 h after, together met', async (t) => {
  const month = foldLedger([opened, duty('a', chen, '2026-03-10', 300), duty('b', lin, '2026-03-20', 180)]);
  t.strictSame(onSiteCheck(month, 8), {
    outcome: 'met',
    onSiteMinutes: 480,
    minimumMinutes: 480,
    byAdvisor: [{ advisorId: chen, onSiteMinutes: 300 }, { advisorId: lin, onSiteMinutes: 180 }],
  });
});

t.test('one minute less is short by one minute, each advisor\'s share shown', async (t) => {
  const month = foldLedger([opened, duty('a', chen, '2026-03-10', 300), duty('b', lin, '2026-03-20', 179)]);
  const check = onSiteCheck(month, 8);
  t.equal(check.outcome, 'short');
  t.equal(check.outcome === 'short' && check.shortByMinutes, 1);
  t.strictSame(check.byAdvisor.map((s) => s.onSiteMinutes), [300, 179]);
});

t.test('remote services do not count toward the on-site minimum', async (t) => {
  const month = foldLedger([opened, duty('a', chen, '2026-03-10', 300), logged('r', { mode: 'remote', durationMinutes: 600 })]);
  t.equal(onSiteCheck(month, 8).onSiteMinutes, 300);
});

t.test('voided entries are not counted; corrected entries count as corrected', async (t) => {
  const voided: LedgerEvent = { type: 'EntryVoided', data: { entryId: 'b', reason: '重复', voidedAt: iso('2026-03-21 09:00') } };
  const [fix] = givenLedger(opened, duty('a', chen, '2026-03-10', 300))
    .when({ type: 'CorrectEntry', data: { entryId: 'a', correction: { durationMinutes: 480 }, reason: '实为8小时' } }, ledgerContext('2026-03-21 09:00'))
    .events();
  const month = foldLedger([opened, duty('a', chen, '2026-03-10', 300), duty('b', lin, '2026-03-20', 180), voided, fix!]);
  t.strictSame(onSiteCheck(month, 8), { outcome: 'met', onSiteMinutes: 480, minimumMinutes: 480, byAdvisor: [{ advisorId: chen, onSiteMinutes: 480 }] });
});

t.test('the minimum is configurable per district (and in whole minutes)', async (t) => {
  const month = foldLedger([opened, duty('a', chen, '2026-03-10', 300)]);
  t.equal(onSiteCheck(month, 4).outcome, 'met');
  t.equal(onSiteCheck(month, 6).outcome, 'short');
  t.equal(advisorLimits({ minimumOnSiteHoursPerMonth: 6 }).minimumOnSiteHoursPerMonth, 6);
  t.throws(() => advisorLimits({ minimumOnSiteHoursPerMonth: -1 }), RangeError);
});

t.test('an unopened month has logged nothing: short by the whole minimum', async (t) => {
  const check = onSiteCheck({ status: 'unopened' }, 8);
  t.strictSame(check.outcome === 'short' && [check.shortByMinutes, check.onSiteMinutes], [480, 0]);
});

t.test('month boundary: duty at 2026-03-31T23:30+08:00 is logged in March\'s ledger and counted in March\'s minimum', async (t) => {
  const at = beijingDateTimeOf(new Date('2026-03-31T15:30:00Z'));
  const details: Partial<ServiceDetails> = { advisorId: lin, ...at, type: 'on_site_duty', durationMinutes: 30, personsServed: [], summary: '驻点值班' };
  const command: LedgerCommand = { type: 'LogService', data: { entryId: 'late', villageId: 'village-dongsha', ...consultation, ...details } };
  const history = [opened, duty('a', chen, '2026-03-10', 450)];
  const events = givenLedger(...history).when(command, ledgerContext('2026-04-01 08:00')).events();
  t.strictSame(events, [logged('late', details, '2026-04-01 08:00')]);
  t.equal(onSiteCheck(foldLedger([...history, ...events]), 8).outcome, 'met', '450 + 30 = 480 minutes in March');
  t.equal(onSiteCheck(foldLedger(history), 8).outcome, 'short', 'without it March is short');
});

const excuse = (cause: 'advisor_ill' | 'advisor_replaced' | 'other' = 'advisor_ill', reason = '顾问住院两周'): LedgerCommand => ({
  type: 'ExcuseShortfall',
  data: { cause, reason },
});

t.test('the office excuses a shortfall with a reason; the check then says excused, still showing by how much', async (t) => {
  const history = [opened, duty('a', chen, '2026-03-10', 300), reviewStarted()];
  const excused: LedgerEvent = {
    type: 'ShortfallExcused',
    data: { cause: 'advisor_ill', reason: '顾问住院两周', shortByMinutes: 180, excusedAt: iso('2026-04-01 09:00') },
  };
  givenLedger(...history).when(excuse(), ledgerContext('2026-04-01 09:00')).then(t, [excused]);
  const check = onSiteCheck(foldLedger([...history, excused]), 8);
  t.strictSame(check.outcome === 'excused' && [check.shortByMinutes, check.excuse.cause], [180, 'advisor_ill']);
  givenLedger(...history, excused).when(excuse(), ledgerContext('2026-04-01 10:00')).thenNothing(t);
});

t.test('an excuse needs the review started, a shortfall, a known cause and a reason', async (t) => {
  givenLedger(opened, duty('a', chen, '2026-03-10', 300)).when(excuse(), ledgerContext('2026-03-20 09:00')).thenBroken(t, 'review_not_started');
  givenLedger(opened, duty('a', chen, '2026-03-10', 480), reviewStarted()).when(excuse(), ledgerContext('2026-04-01 09:00')).thenBroken(t, 'no_shortfall');
  givenLedger(opened, reviewStarted()).when(excuse('advisor_replaced', ' '), ledgerContext('2026-04-01 09:00')).thenBroken(t, 'reason_required');
  givenLedger(opened, reviewStarted()).when(excuse('holiday' as never), ledgerContext('2026-04-01 09:00')).thenBroken(t, 'invalid_shortfall_cause');
});

t.test('an excuse covers a shortfall but never a month that, corrected later, meets the minimum', async (t) => {
  const excused: LedgerEvent = {
    type: 'ShortfallExcused',
    data: { cause: 'advisor_replaced', reason: '更换顾问', shortByMinutes: 180, excusedAt: iso('2026-03-26 09:00') },
  };
  const month = foldLedger([opened, duty('a', chen, '2026-03-10', 300), reviewStarted(), excused, duty('b', lin, '2026-03-27', 180)]);
  t.equal(onSiteCheck(month, 8).outcome, 'met');
});
