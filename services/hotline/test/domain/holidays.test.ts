// Deadlines across the 2025 National Day week and the 2026 Spring Festival, on the real calendar
// package: days off (放假) do not count, make-up working days (调休上班) do.
import t from 'tap';
import { CalendarYearMissingError, createWorkingCalendar, officialCalendarData } from '@bureau/working-calendar';
import { decide, hotlineRules, initialState, type DispatchWorkOrder, type WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import { calendar, clerk, dispatchCommand, iso, local, platformId, rules } from './support/fixtures.js';

const dispatch = (change: Partial<DispatchWorkOrder['data']>): DispatchWorkOrder => ({
  type: 'DispatchWorkOrder',
  data: { ...dispatchCommand.data, ...change },
});

function dispatchedWith(command: DispatchWorkOrder): WorkOrderEvent {
  const [event] = decide(command, initialState(), { now: command.data.dispatchedAt, rules });
  if (event === undefined) throw new Error('no dispatch event');
  return event;
}

function deadlinesOf(event: WorkOrderEvent | undefined) {
  if (event?.type !== 'WorkOrderDispatched') return undefined;
  const { signForDueAt, replyDueAt, returnWindowEndsAt, calendarVersion } = event.data;
  return { signForDueAt, replyDueAt, returnWindowEndsAt, calendarVersion };
}

t.test('National Day 2025 (off 1–8 October, make-up working days 28 September and 11 October)', async (t) => {
  // Dispatched Tuesday 30 September 17:00, a complaint (15 working days).
  t.strictSame(deadlinesOf(dispatchedWith(dispatch({ dispatchedAt: local('2025-09-30 17:00') }))), {
    // One office hour on 30 September, the second on Thursday 9 October.
    signForDueAt: iso('2025-10-09 10:00'),
    // 9, 10, 11 (Saturday, make-up), 13–17, 20–24, 27, 28 October: the end of Tuesday 28 October.
    replyDueAt: iso('2025-10-29 00:00'),
    // 9 and 10 October.
    returnWindowEndsAt: iso('2025-10-11 00:00'),
    calendarVersion: calendar.version,
  });
  // A consultation (2 working days) from the same moment: the end of Friday 10 October.
  const consultation = dispatchedWith(dispatch({ category: 'consultation', dispatchedAt: local('2025-09-30 17:00') }));
  t.equal(deadlinesOf(consultation)?.replyDueAt, iso('2025-10-11 00:00'));
  // Sunday 28 September is a make-up working day: office hours run that day.
  t.equal(deadlinesOf(dispatchedWith(dispatch({ dispatchedAt: local('2025-09-28 15:00') })))?.signForDueAt, iso('2025-09-28 17:00'));
});

t.test('Spring Festival 2026 (off 15–23 February, make-up working days 14 and 28 February)', async (t) => {
  // Dispatched Friday 13 February 16:30, a request for help (求助, 10 working days).
  t.strictSame(deadlinesOf(dispatchedWith(dispatch({ category: 'assistance', dispatchedAt: local('2026-02-13 16:30') }))), {
    // 1.5 office hours on Friday, the last half hour on Saturday 14 February (make-up working day).
    signForDueAt: iso('2026-02-14 09:30'),
    // 14, 24, 25, 26, 27, 28 (Saturday, make-up) February, 2, 3, 4, 5 March: the end of Thursday 5 March.
    replyDueAt: iso('2026-03-06 00:00'),
    // 14 and 24 February.
    returnWindowEndsAt: iso('2026-02-25 00:00'),
    calendarVersion: calendar.version,
  });
});

t.test('an extension approved across the Spring Festival counts from the day the due time ends', async (t) => {
  // A consultation dispatched Wednesday 11 February: due at the end of Friday 13 February.
  const dispatched = dispatchedWith(dispatch({ category: 'consultation', dispatchedAt: local('2026-02-11 10:00') }));
  t.equal(deadlinesOf(dispatched)?.replyDueAt, iso('2026-02-14 00:00'));
  const history: WorkOrderEvent[] = [
    dispatched,
    { type: 'WorkOrderSignedFor', data: { by: { kind: 'staff', staffId: clerk }, signedForAt: iso('2026-02-11 10:30'), signForDueAt: iso('2026-02-11 12:00'), onTime: true } },
    { type: 'ExtensionRequested', data: { by: { kind: 'staff', staffId: clerk }, reason: '节前无法联系当事人', workingDays: 3, requestedAt: iso('2026-02-12 09:00') } },
  ];
  // 3 working days after Friday 13 February: 14 (make-up), 24, 25 February — not 24, 25, 26.
  given(...history)
    .when({ type: 'RecordExtensionApproved', data: { platformId, grant: { kind: 'working_days', workingDays: 3 } } }, local('2026-02-13 10:00'))
    .then(t, [
      {
        type: 'ExtensionApproved',
        data: {
          by: { kind: 'platform', platformId },
          approvedAt: iso('2026-02-13 10:00'),
          previousReplyDueAt: iso('2026-02-14 00:00'),
          replyDueAt: iso('2026-02-26 00:00'),
          workingDays: 3,
          capped: false,
          grantedAs: 'working_days',
          calendarVersion: calendar.version,
        },
      },
    ]);
});

t.test('plain decide never guesses: a deadline reaching into a year with no calendar throws (the service then counts provisionally, provisional.test.ts)', async (t) => {
  const only2025 = createWorkingCalendar({ ...officialCalendarData, years: { '2025': officialCalendarData.years['2025'] } });
  const context = { now: local('2025-12-29 10:00'), rules: hotlineRules(only2025) };
  t.throws(() => decide(dispatch({ dispatchedAt: local('2025-12-29 10:00') }), initialState(), context), CalendarYearMissingError);
  // Within 2025 it computes as usual.
  const early = decide(dispatch({ dispatchedAt: local('2025-11-03 10:00') }), initialState(), { ...context, now: local('2025-11-03 10:00') });
  t.equal(deadlinesOf(early[0])?.replyDueAt, iso('2025-11-25 00:00'));
});
