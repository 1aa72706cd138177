// The month-end judgement (issue 18): at month end (Beijing time; fired by a month_end timer) a village
// below the minimum gets a shortfall event with each advisor's share; a later change that alters the
// outcome records a new judgement beside the old; the same judgement again records nothing.
import t from 'tap';
import { foldLedger, type LedgerCommand, type LedgerEvent } from '../../src/domain/index.js';
import { chen, iso, ledgerContext, lin, logged, opened, reviewStarted } from './support/fixtures.js';
import { givenLedger } from './support/given.js';

const judge: LedgerCommand = { type: 'JudgeOnSiteMinimum', data: {} };
const duty = (entryId: string, advisorId: string, date: string, minutes: number) =>
  logged(entryId, { advisorId, date, type: 'on_site_duty', durationMinutes: minutes, personsServed: [], summary: '驻点值班', startTime: '09:00' });
const judged = (outcome: 'met' | 'short' | 'excused', onSiteMinutes: number, byAdvisor: [string, number][], at: string): LedgerEvent => ({
  type: 'OnSiteMinimumJudged',
  data: {
    outcome,
    onSiteMinutes,
    minimumMinutes: 480,
    shortByMinutes: Math.max(0, 480 - onSiteMinutes),
    byAdvisor: byAdvisor.map(([advisorId, minutes]) => ({ advisorId, onSiteMinutes: minutes })),
    judgedAt: iso(at),
  },
});
const shortMonth = [opened, duty('a', chen, '2026-03-10', 300), duty('b', lin, '2026-03-20', 120)];

t.test('not before the month has ended in Beijing time', async (t) => {
  givenLedger(...shortMonth).when(judge, ledgerContext('2026-03-31 23:59')).thenBroken(t, 'month_not_ended');
});

t.test('given a month short of the minimum, at month end, then a shortfall with each advisor\'s share', async (t) => {
  givenLedger(...shortMonth).when(judge, ledgerContext('2026-04-01 00:00')).then(t, [judged('short', 420, [[chen, 300], [lin, 120]], '2026-04-01 00:00')]);
});

t.test('a village that logged nothing all month is judged short by the whole minimum', async (t) => {
  givenLedger().when(judge, ledgerContext('2026-04-01 00:00')).then(t, [opened, judged('short', 0, [], '2026-04-01 00:00')]);
});

t.test('a month that meets the minimum at its end records nothing', async (t) => {
  givenLedger(opened, duty('a', chen, '2026-03-10', 480)).when(judge, ledgerContext('2026-04-01 00:00')).thenNothing(t);
});

t.test('the timer firing again records nothing more', async (t) => {
  const first = judged('short', 420, [[chen, 300], [lin, 120]], '2026-04-01 00:00');
  givenLedger(...shortMonth, first).when(judge, ledgerContext('2026-04-01 00:05')).thenNothing(t);
});

t.test('a later correction that changes the outcome records a new judgement beside the old one', async (t) => {
  const first = judged('short', 420, [[chen, 300], [lin, 120]], '2026-04-01 00:00');
  const correction: LedgerCommand = { type: 'CorrectEntry', data: { entryId: 'b', correction: { durationMinutes: 180 }, reason: '值班实为3小时' } };
  const [fix] = givenLedger(...shortMonth, first).when(correction, ledgerContext('2026-04-02 09:00')).events();
  if (!fix) throw new Error('the correction was refused');
  const second = judged('met', 480, [[chen, 300], [lin, 180]], '2026-04-02 09:01');
  givenLedger(...shortMonth, first, fix).when(judge, ledgerContext('2026-04-02 09:01')).then(t, [second]);
  const state = foldLedger([...shortMonth, first, fix, second]);
  t.equal(state.status === 'open' && state.judgement?.outcome, 'met', 'the latest judgement stands; the first stays in the stream');
});

t.test('an excuse after the shortfall is judged again as excused', async (t) => {
  const first = judged('short', 420, [[chen, 300], [lin, 120]], '2026-04-01 00:00');
  const excused: LedgerEvent = { type: 'ShortfallExcused', data: { cause: 'advisor_replaced', reason: '月中更换顾问', shortByMinutes: 60, excusedAt: iso('2026-04-02 09:00') } };
  givenLedger(...shortMonth, reviewStarted(), first, excused)
    .when(judge, ledgerContext('2026-04-02 09:01'))
    .then(t, [judged('excused', 420, [[chen, 300], [lin, 120]], '2026-04-02 09:01')]);
});
