// The judicial office's monthly review (§3): from the 25th (CONFIGURABLE) on what is logged so far;
// returns entries (the advisor corrects, the entry comes back); approves only after the month ends
// (Beijing time) with no returned entry outstanding; an approved month is closed until reopened.
import t from 'tap';
import { advisorLimits, foldLedger, type LedgerCommand, type LedgerEvent } from '../../src/domain/index.js';
import { iso, ledgerContext, local, log, logged, opened, reviewStarted } from './support/fixtures.js';
import { givenLedger } from './support/given.js';

const start: LedgerCommand = { type: 'StartMonthReview', data: {} };
const approve: LedgerCommand = { type: 'ApproveMonth', data: {} };
const returnIt = (entryId = 'e1', reason = '缺少签到表'): LedgerCommand => ({ type: 'ReturnEntry', data: { entryId, reason } });
const returned = (at = '2026-03-26 09:00', entryId = 'e1'): LedgerEvent => ({
  type: 'EntryReturned',
  data: { entryId, reason: '缺少签到表', returnedAt: iso(at) },
});
const correctIt: LedgerCommand = { type: 'CorrectEntry', data: { entryId: 'e1', correction: { durationMinutes: 90 }, reason: '补充说明' } };
const approved = (at: string, onSiteMinutes: number, onSiteOutcome: 'met' | 'short' | 'excused' = 'short'): LedgerEvent => ({
  type: 'MonthApproved',
  data: { approvedAt: iso(at), onSiteMinutes, minimumMinutes: 480, onSiteOutcome },
});

t.test('the review window opens on the 25th at 00:00 Beijing time, not before', async (t) => {
  givenLedger(opened).when(start, ledgerContext('2026-03-24 23:59')).thenBroken(t, 'review_window_not_open');
  givenLedger(opened).when(start, ledgerContext('2026-03-25 00:00')).then(t, [reviewStarted('2026-03-25 00:00')]);
  t.equal(local('2026-03-25 00:00').toISOString(), '2026-03-24T16:00:00.000Z', 'which is still the 24th in UTC');
});

t.test('the day the window opens is configurable', async (t) => {
  const fromThe20th = ledgerContext('2026-03-20 08:00', { limits: advisorLimits({ reviewStartsOnDay: 20 }) });
  givenLedger(opened).when(start, fromThe20th).then(t, [reviewStarted('2026-03-20 08:00')]);
  t.throws(() => advisorLimits({ reviewStartsOnDay: 31 }), RangeError, 'a day every month has');
});

t.test('a month nobody logged in can be reviewed: the review opens it; starting again is already done', async (t) => {
  givenLedger().when(start, ledgerContext('2026-03-25 09:00')).then(t, [opened, reviewStarted()]);
  givenLedger(opened, reviewStarted()).when(start, ledgerContext('2026-03-26 09:00')).thenNothing(t);
});

t.test('returning an entry needs the review started, a standing entry, a reason, and not returned already', async (t) => {
  givenLedger(opened, logged('e1')).when(returnIt(), ledgerContext('2026-03-26 09:00')).thenBroken(t, 'review_not_started');
  const inReview = [opened, logged('e1'), reviewStarted()];
  givenLedger(...inReview).when(returnIt(), ledgerContext('2026-03-26 09:00')).then(t, [returned()]);
  givenLedger(...inReview).when(returnIt('e1', ' '), ledgerContext('2026-03-26 09:00')).thenBroken(t, 'reason_required');
  givenLedger(...inReview).when(returnIt('e9'), ledgerContext('2026-03-26 09:00')).thenBroken(t, 'entry_not_found');
  givenLedger(...inReview, returned()).when(returnIt(), ledgerContext('2026-03-26 10:00')).thenBroken(t, 'entry_already_returned');
  const voided: LedgerEvent = { type: 'EntryVoided', data: { entryId: 'e1', reason: '重复', voidedAt: iso('2026-03-25 10:00') } };
  givenLedger(...inReview, voided).when(returnIt(), ledgerContext('2026-03-26 09:00')).thenBroken(t, 'entry_voided');
});

t.test('a returned entry corrected by the advisor comes back to the review (resubmitted)', async (t) => {
  const history = [opened, logged('e1'), reviewStarted(), returned()];
  const [event] = givenLedger(...history).when(correctIt, ledgerContext('2026-03-27 09:00')).events();
  t.equal(event?.type === 'EntryCorrected' && event.data.resubmitted, true);
  const state = foldLedger([...history, event!]);
  t.equal(state.status === 'in_review' && state.entries[0]?.status === 'standing' && state.entries[0].returned, null);
});

t.test('approval only after the month has ended in Beijing time (00:00 on 1 April, 16:00 UTC on 31 March)', async (t) => {
  const inReview = [opened, logged('e1'), reviewStarted()];
  givenLedger(...inReview).when(approve, ledgerContext('2026-03-31 23:59')).thenBroken(t, 'month_not_ended');
  givenLedger(...inReview).when(approve, ledgerContext('2026-04-01 00:00')).then(t, [approved('2026-04-01 00:00', 60)]);
  givenLedger(opened, logged('e1')).when(approve, ledgerContext('2026-04-02 09:00')).thenBroken(t, 'review_not_started');
});

t.test('approving with a returned entry outstanding is refused; corrected or voided, it may be approved', async (t) => {
  const history = [opened, logged('e1'), reviewStarted(), returned()];
  givenLedger(...history).when(approve, ledgerContext('2026-04-02 09:00')).thenBroken(t, 'returned_entries_outstanding');
  const [fix] = givenLedger(...history).when(correctIt, ledgerContext('2026-04-01 09:00')).events();
  givenLedger(...history, fix!).when(approve, ledgerContext('2026-04-02 09:00')).then(t, [approved('2026-04-02 09:00', 90)]);
  const voided: LedgerEvent = { type: 'EntryVoided', data: { entryId: 'e1', reason: '不属实', voidedAt: iso('2026-04-01 09:00') } };
  givenLedger(...history, voided).when(approve, ledgerContext('2026-04-02 09:00')).then(t, [approved('2026-04-02 09:00', 0)]);
});

t.test('an approved month is closed: logging, correcting, voiding, returning and excusing are refused; approving again is done', async (t) => {
  const closed = [opened, logged('e1'), reviewStarted(), approved('2026-04-02 09:00', 60)];
  const at = ledgerContext('2026-04-03 09:00');
  givenLedger(...closed).when(log('e2', { startTime: '15:00' }), at).thenBroken(t, 'month_approved');
  givenLedger(...closed).when(correctIt, at).thenBroken(t, 'month_approved');
  givenLedger(...closed).when({ type: 'VoidEntry', data: { entryId: 'e1', reason: '重复' } }, at).thenBroken(t, 'month_approved');
  givenLedger(...closed).when(returnIt(), at).thenBroken(t, 'month_approved');
  givenLedger(...closed).when({ type: 'ExcuseShortfall', data: { cause: 'advisor_ill', reason: '住院' } }, at).thenBroken(t, 'month_approved');
  givenLedger(...closed).when(start, at).thenBroken(t, 'month_approved');
  givenLedger(...closed).when(approve, at).thenNothing(t);
  givenLedger(...closed).when(log('e1'), at).thenNothing(t, 'a retried log of an entry already there is still already done');
});

t.test('the office reopens an approved month with a reason; then it is corrected and approved again', async (t) => {
  const closed = [opened, logged('e1'), reviewStarted(), approved('2026-04-02 09:00', 60)];
  const reopen = (reason: string): LedgerCommand => ({ type: 'ReopenMonth', data: { reason } });
  givenLedger(opened, logged('e1'), reviewStarted()).when(reopen('补正'), ledgerContext('2026-04-03 09:00')).thenBroken(t, 'month_not_approved');
  givenLedger(...closed).when(reopen(' '), ledgerContext('2026-04-03 09:00')).thenBroken(t, 'reason_required');
  const reopened: LedgerEvent = { type: 'MonthReopened', data: { reason: '审计发现时长有误', reopenedAt: iso('2026-04-03 09:00') } };
  givenLedger(...closed).when(reopen('审计发现时长有误'), ledgerContext('2026-04-03 09:00')).then(t, [reopened]);
  const [fix] = givenLedger(...closed, reopened).when(correctIt, ledgerContext('2026-04-03 10:00')).events();
  t.equal(fix?.type, 'EntryCorrected');
  givenLedger(...closed, reopened, fix!).when(approve, ledgerContext('2026-04-03 11:00')).then(t, [approved('2026-04-03 11:00', 90)]);
  const state = foldLedger([...closed, reopened]);
  t.equal(state.status === 'in_review' && state.reopenings, 1);
});

t.test('the review cycle end to end: log, return, correct, approve, reopen, correct, approve', async (t) => {
  let history: LedgerEvent[] = [];
  const run = (command: LedgerCommand, now: string) => {
    history = [...history, ...givenLedger(...history).when(command, ledgerContext(now)).events()];
  };
  run(log('e1', { type: 'on_site_duty', durationMinutes: 240, personsServed: [], summary: '驻点值班' }), '2026-03-05 18:00');
  run(log('e2', { date: '2026-03-06', durationMinutes: 120 }), '2026-03-06 18:00');
  run(start, '2026-03-25 09:00');
  run(returnIt('e2'), '2026-03-25 10:00');
  run({ type: 'CorrectEntry', data: { entryId: 'e2', correction: { summary: '土地承包合同纠纷咨询（附签到表）' }, reason: '补签到表' } }, '2026-03-26 09:00');
  run(approve, '2026-04-01 09:00');
  run({ type: 'ReopenMonth', data: { reason: '补录' } }, '2026-04-05 09:00');
  run({ type: 'CorrectEntry', data: { entryId: 'e1', correction: { durationMinutes: 300 }, reason: '值班实为5小时' } }, '2026-04-05 10:00');
  run(approve, '2026-04-05 11:00');
  t.strictSame(history.map((e) => e.type), [
    'LedgerMonthOpened', 'ServiceLogged', 'ServiceLogged', 'MonthReviewStarted', 'EntryReturned', 'EntryCorrected',
    'MonthApproved', 'MonthReopened', 'EntryCorrected', 'MonthApproved',
  ]);
  const last = history.at(-1);
  t.strictSame(last?.type === 'MonthApproved' && [last.data.onSiteMinutes, last.data.onSiteOutcome], [420, 'short']);
});
