// Office hours (办公时间) in the decider: working-hour limits count the centre's hours, and each event
// that records a calendar version also records the configured hours (none configured: left to the
// event registry, which stores the default; see test/events/office-hours-versions.test.ts).
import t from 'tap';
import { createOfficialWorkingCalendar, type OfficePeriod } from '@bureau/working-calendar';
import { decide, foldWorkOrder, hotlineRules, type HotlineRules, type WorkOrderEvent } from '../../src/domain/index.js';
import { dispatchCommand, dispatched, extensionRequested, iso, local, platformId, rules as defaultRules, signedFor } from './support/fixtures.js';

const centreHours: OfficePeriod[] = [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }];
const centreRules = hotlineRules(createOfficialWorkingCalendar({ officeHours: centreHours }), {}, centreHours);

/** The dispatch decided at `at` (Asia/Shanghai) under `rules`. */
function dispatchedAt(rules: HotlineRules, at: string) {
  const command = { ...dispatchCommand, data: { ...dispatchCommand.data, dispatchedAt: local(at) } };
  const [event] = decide(command, foldWorkOrder([]), { now: local(at), rules });
  if (event?.type !== 'WorkOrderDispatched') throw new Error('no dispatch decided');
  return event.data;
}

t.test('given the centre hours, when dispatched Monday 11:00, then sign-for is due at 15:00 instead of 14:00', async (t) => {
  // Monday 3 November 2025. Default 09-12/13-18: 11-12, then 13-14. Centre 08:30-12/14-17:30: 11-12, then 14-15.
  t.equal(dispatchedAt(defaultRules, '2025-11-03 11:00').signForDueAt, iso('2025-11-03 14:00'));
  const byCentre = dispatchedAt(centreRules, '2025-11-03 11:00');
  t.equal(byCentre.signForDueAt, iso('2025-11-03 15:00'));
  t.same(byCentre.officeHours, centreHours, 'the hours are recorded beside the calendar version');
  t.equal(byCentre.calendarVersion, centreRules.calendar.version);
  t.notOk('officeHours' in dispatchedAt(defaultRules, '2025-11-03 11:00'), 'none configured: the registry stores the default');
});

t.test('given the centre hours, when dispatched Monday 17:00, then the half hour left counts and the rest from 08:30', async (t) => {
  // 17:00-17:30 on Monday, then 08:30-10:00 on Tuesday 4 November; by default 17-18 and 09-10: the same 10:00.
  t.equal(dispatchedAt(centreRules, '2025-11-03 17:00').signForDueAt, iso('2025-11-04 10:00'));
  t.equal(dispatchedAt(defaultRules, '2025-11-03 17:00').signForDueAt, iso('2025-11-04 10:00'));
});

t.test('an approved extension records the office hours beside the calendar version', async (t) => {
  const history: WorkOrderEvent[] = [dispatched, signedFor('2025-11-03 11:00'), extensionRequested('2025-11-10 09:00', 3)];
  const events = decide(
    { type: 'RecordExtensionApproved', data: { platformId, grant: { kind: 'working_days', workingDays: 3 } } },
    foldWorkOrder(history),
    { now: local('2025-11-11 10:00'), rules: centreRules },
  );
  t.match(events, [{ type: 'ExtensionApproved', data: { calendarVersion: centreRules.calendar.version, officeHours: centreHours } }]);
});
