// Domain reference §4: work that reaches into a year with no official calendar is recorded all the same,
// its deadlines counted by weekday alone and marked provisional; when the year is loaded they are counted
// again from the same starting points (RecomputeDeadlines → DeadlinesRecomputed).
import t from 'tap';
import { createWorkingCalendar, officialCalendarData } from '@bureau/working-calendar';
import {
  countedDeadlines, decide, decideCountingProvisionally, foldWorkOrder, hotlineRules,
  type DispatchWorkOrder, type WorkOrderEvent,
} from '../../src/domain/index.js';
import { calendar, dispatchCommand, dispatched, extensionApproved, extensionRequested, iso, local, rules, signedFor } from './support/fixtures.js';

// Through 2025 only, and through 2026 (2025 + 2026 as published).
const upTo2025 = createWorkingCalendar({ ...officialCalendarData, years: { '2025': officialCalendarData.years['2025'] } });
const upTo2026 = createWorkingCalendar({ ...officialCalendarData, years: { '2025': officialCalendarData.years['2025'], '2026': officialCalendarData.years['2026'] } });
const lateDecember: DispatchWorkOrder = { type: 'DispatchWorkOrder', data: { ...dispatchCommand.data, dispatchedAt: local('2025-12-29 10:00') } };
const recompute = { type: 'RecomputeDeadlines', data: {} } as const;

function provisionally(command: Parameters<typeof decide>[0], history: WorkOrderEvent[], now: Date, official = upTo2025) {
  return decideCountingProvisionally(command, foldWorkOrder(history), { now, rules: hotlineRules(official) }, official);
}

t.test('given no 2026 calendar, when an order is dispatched whose deadline falls in 2026, then it is recorded, its deadlines counted by weekday and marked 2026', async (t) => {
  const [event] = provisionally(lateDecember, [], local('2025-12-29 10:00'));
  if (event?.type !== 'WorkOrderDispatched') return t.fail('no dispatch');
  t.same(event.data.provisionalYears, [2026]);
  // 30, 31 Dec 2025, then 1 Jan 2026 (a Thursday, counted by weekday) ... the 15th working day is Monday 19 January.
  t.equal(event.data.replyDueAt, iso('2026-01-20 00:00'));
  t.equal(event.data.signForDueAt, iso('2025-12-29 12:00'), 'a deadline inside a loaded year is official as ever');
});

t.test('given an order dispatched within the loaded years, then nothing is provisional', async (t) => {
  const [event] = provisionally(dispatchCommand, [], local('2025-11-03 10:00'));
  t.equal(event?.type === 'WorkOrderDispatched' ? event.data.provisionalYears : 'none', undefined);
});

t.test('given provisional deadlines, when the year is loaded and they are recounted, then DeadlinesRecomputed with the official count and the previous one', async (t) => {
  const history = provisionally(lateDecember, [], local('2025-12-29 10:00'));
  const events = provisionally(recompute, history, local('2026-01-05 09:00'), upTo2026);
  // On the published 2026 calendar 1–3 January are off: the 15th working day is Tuesday 20 January.
  t.strictSame(events, [{
    type: 'DeadlinesRecomputed',
    data: {
      by: { kind: 'rule', rule: 'calendar_year_loaded' },
      recomputedAt: iso('2026-01-05 09:00'),
      previous: { signForDueAt: iso('2025-12-29 12:00'), replyDueAt: iso('2026-01-20 00:00'), returnWindowEndsAt: iso('2026-01-01 00:00'), provisionalYears: [2026] },
      signForDueAt: iso('2025-12-29 12:00'),
      replyDueAt: iso('2026-01-21 00:00'),
      returnWindowEndsAt: iso('2026-01-01 00:00'),
      running: { signFor: true, reply: true },
      calendarVersion: upTo2026.version,
      provisionalYears: [],
    },
  }]);
  const after = foldWorkOrder([...history, ...events]);
  t.match(after, { replyDueAt: iso('2026-01-21 00:00'), provisionalYears: [] });
  t.strictSame(provisionally(recompute, [...history, ...events], local('2026-01-06 09:00'), upTo2026), [], 'counted once: official now, nothing to recount');
});

t.test('given provisional deadlines, when recounted while the year is still missing, then nothing is recorded', async (t) => {
  const history = provisionally(lateDecember, [], local('2025-12-29 10:00'));
  t.strictSame(provisionally(recompute, history, local('2025-12-30 09:00')), []);
});

t.test('given official deadlines, when recounted, then nothing: only provisional ones are counted again', async (t) => {
  t.strictSame(provisionally(recompute, [dispatched], local('2025-11-04 09:00'), upTo2026), []);
});

t.test('given an order already signed for, when recounted, then only the reply timer still runs', async (t) => {
  const history = [...provisionally(lateDecember, [], local('2025-12-29 10:00')), signedFor('2025-12-29 11:00')];
  const [event] = provisionally(recompute, history, local('2026-01-05 09:00'), upTo2026);
  t.same(event?.type === 'DeadlinesRecomputed' ? event.data.running : null, { signFor: false, reply: true });
});

t.test('given an extension granted in working days on a provisional due time, then the years stay marked and the recount adds the days to the official count', async (t) => {
  const history = [...provisionally(lateDecember, [], local('2025-12-29 10:00')), signedFor('2025-12-29 11:00'), extensionRequested('2025-12-30 10:00', 3)];
  const approved = provisionally({ type: 'RecordExtensionApproved', data: { platformId: 'gz12345', grant: { kind: 'working_days', workingDays: 3 } } }, history, local('2025-12-30 15:00'));
  t.match(approved, [{ type: 'ExtensionApproved', data: { grantedAs: 'working_days', workingDays: 3, replyDueAt: iso('2026-01-23 00:00'), provisionalYears: [2026] } }]);
  const [recounted] = provisionally(recompute, [...history, ...approved], local('2026-01-05 09:00'), upTo2026);
  t.match(recounted, { data: { replyDueAt: iso('2026-01-24 00:00'), provisionalYears: [] } }, '15 + 3 working days on the official calendar: the end of Friday 23 January');
});

t.test('the basis: on the calendar they were counted on, the recount gives back every recorded deadline (dispatch, extension in days, extension to a date)', async (t) => {
  const byDays = [dispatched, signedFor('2025-11-03 11:00'), extensionRequested('2025-11-10 10:00', 5)];
  const [approved] = decide({ type: 'RecordExtensionApproved', data: { platformId: 'gz12345', grant: { kind: 'working_days', workingDays: 5 } } }, foldWorkOrder(byDays), { now: local('2025-11-11 10:00'), rules });
  const state = foldWorkOrder([...byDays, approved as WorkOrderEvent]);
  if (state.status === 'not_dispatched') return t.fail('not dispatched');
  t.same(countedDeadlines(state, rules), { signForDueAt: state.signForDueAt, replyDueAt: state.replyDueAt, returnWindowEndsAt: state.returnWindowEndsAt });
  const toDate = foldWorkOrder([...byDays.slice(0, 2), extensionApproved('2025-11-11 10:00', iso('2025-11-25 00:00'), iso('2025-11-28 00:00'), 3)]);
  if (toDate.status === 'not_dispatched') return t.fail('not dispatched');
  t.equal(countedDeadlines(toDate, hotlineRules(calendar)).replyDueAt, iso('2025-11-28 00:00'), 'an older grant without grantedAs keeps its date');
});
