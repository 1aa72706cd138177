// Domain reference §4 (as the hotline's): a limit reaching into a year with no official calendar is counted
// by weekday alone and recorded provisional; when the year is loaded, RecomputeDeadlines counts the
// running limits again from what they recorded (DeadlinesRecomputed); a paused review clock is left for its
// resumption; nothing is recorded when nothing changes.
import { createWorkingCalendar, officialCalendarData } from '@bureau/working-calendar';
import t from 'tap';
import { legalAidRules, provisionalYearsOf } from '../../src/domain/index.js';
import { iso, local, submit } from './support/fixtures.js';
import { extended, given, historyOf } from './support/given.js';

const upTo2025 = legalAidRules(createWorkingCalendar({ ...officialCalendarData, years: { '2025': officialCalendarData.years['2025'] } }));
const upTo2026 = legalAidRules(createWorkingCalendar({ ...officialCalendarData, years: { '2025': officialCalendarData.years['2025'], '2026': officialCalendarData.years['2026'] } }));
const recompute = { type: 'RecomputeDeadlines', data: {} } as const;
// Received Friday 26 December 2025: the 7 working days of review reach into 2026.
const lateDecember = historyOf({ command: submit(), now: local('2025-12-26 10:00'), rules: upTo2025 });

t.test('given no 2026 calendar, when an application\'s review reaches into 2026, then it is counted by weekday and marked 2026', async (t) => {
  const state = given(...lateDecember).state;
  // 29, 30, 31 Dec, then 1, 2 Jan (Thu, Fri by weekday), 5, 6 Jan: due at the end of 6 January.
  t.match(state, { status: 'in_review', review: { current: { dueAt: iso('2026-01-07 00:00'), provisionalYears: [2026] } } });
  t.strictSame(provisionalYearsOf(state), [2026]);
});

t.test('given provisional review, when 2026 is loaded and RecomputeDeadlines runs, then DeadlinesRecomputed with the official due moment', async (t) => {
  // On the published 2026 calendar 1–3 January are off and Sunday 4 January is worked: 29, 30, 31, 4, 5, 6, 7.
  given(...lateDecember).when(recompute, local('2026-01-02 09:00'), undefined, upTo2026).then(t, [{
    type: 'DeadlinesRecomputed',
    data: {
      by: 'calendar_year_loaded',
      recomputedAt: iso('2026-01-02 09:00'),
      limits: [{
        limit: 'review',
        previousDueAt: iso('2026-01-07 00:00'),
        deadline: { unit: 'working_days', amount: 7, countedFrom: iso('2025-12-26 10:00'), dueAt: iso('2026-01-08 00:00'), calendarVersion: upTo2026.calendar.version, provisionalYears: [] },
      }],
    },
  }]);
  const recounted = extended(lateDecember, { command: recompute, now: local('2026-01-02 09:00'), rules: upTo2026 });
  t.match(given(...recounted).state, { review: { current: { dueAt: iso('2026-01-08 00:00'), provisionalYears: [] } } });
  t.strictSame(provisionalYearsOf(given(...recounted).state), []);
  given(...recounted).when(recompute, local('2026-01-02 10:00'), undefined, upTo2026).thenNothing(t);
});

t.test('given the year still missing, when RecomputeDeadlines runs, then nothing is recorded', async (t) => {
  given(...lateDecember).when(recompute, local('2025-12-29 09:00'), undefined, upTo2025).thenNothing(t);
});

t.test('given the review paused for materials, then the materials limit is recounted and the paused review is left for its resumption', async (t) => {
  const paused = extended(lateDecember, { command: { type: 'RequestMaterials', data: { items: ['劳动合同'] } }, now: local('2025-12-29 10:00'), rules: upTo2025 });
  const state = given(...paused).state;
  if (state.status !== 'awaiting_materials') return t.fail('not paused');
  given(...paused).when(recompute, local('2026-01-05 09:00'), undefined, upTo2026)
    .thenOne(t, 'DeadlinesRecomputed', { limits: [{ limit: 'materials', previousDueAt: state.materials.due.dueAt, deadline: { provisionalYears: [] } }] });
  const after = given(...extended(paused, { command: recompute, now: local('2026-01-05 09:00'), rules: upTo2026 })).state;
  t.match(after, { status: 'awaiting_materials', review: { current: { provisionalYears: [2026] } }, materials: { due: { provisionalYears: [] } } }, 'the paused review is untouched');
});

t.test('given an overdue review, then it is not recounted (overdue is not taken back)', async (t) => {
  const overdue = extended(lateDecember, { command: { type: 'RecordReviewOverdue', data: { dueAt: local('2026-01-07 00:00') } }, now: local('2026-01-07 00:00'), rules: upTo2025 });
  given(...overdue).when(recompute, local('2026-01-07 09:00'), undefined, upTo2026).thenNothing(t);
});
