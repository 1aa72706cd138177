// 一次性告知 (Art. 43): every missing item at once; the review clock stops and resumes with the working
// time that was left (Civil Code Art. 201 counting: the pause day is used, the resumption day does not
// count); not supplied in the configured period (default 15 working days): 视为撤回, by the timer.
// On the real calendar across the 2025 National Day week (off 1–8 October; 28 September and 11 October worked).
import t from 'tap';
import { legalAidRules } from '../../src/domain/index.js';
import { extended, given, historyOf } from './support/given.js';
import { calendar, iso, local, submit } from './support/fixtures.js';

// Received Thursday 25 September 2025: 26, 28 (Sunday, make-up), 29, 30 September, 9, 10, 11 (Saturday,
// make-up) October: the review is due at the end of Saturday 11 October.
const submitted = historyOf({ command: submit(), now: local('2025-09-25 10:00') });
const request = (items: string[]) => ({ type: 'RequestMaterials', data: { items } }) as const;
const supply = (items: string[]) => ({ type: 'SupplyMaterials', data: { items } }) as const;
const missing = ['身份证复印件', '劳动合同', '工资欠条'];

t.test('Art. 43: the review is due at the end of the 7th working day, make-up days counting', async (t) => {
  t.match(submitted[0]?.data, { review: { dueAt: iso('2025-10-12 00:00') } });
});

t.test('Art. 43: materials requested list every missing item at once and stop the review clock', async (t) => {
  // Paused Monday 29 September: left are 30 September, 9, 10, 11 October = 4 working days.
  // 15 working days to supply: 30 Sept, 9–11, 13–17, 20–24, 27 October: the end of Monday 27 October.
  given(...submitted)
    .when(request(missing), local('2025-09-29 15:00'))
    .then(t, [
      {
        type: 'MaterialsRequested',
        data: {
          items: missing,
          requestedAt: iso('2025-09-29 15:00'),
          reviewRemaining: 4,
          materialsDue: {
            unit: 'working_days',
            amount: 15,
            countedFrom: iso('2025-09-29 15:00'),
            dueAt: iso('2025-10-28 00:00'),
            calendarVersion: calendar.version,
            provisionalYears: [],
          },
        },
      },
    ]);
  given(...submitted).when(request([]), local('2025-09-29 15:00')).thenBroken(t, 'materials_items_required');
  given(...submitted).when(request(['劳动合同', ' ']), local('2025-09-29 15:00')).thenBroken(t, 'materials_items_required');
});

t.test('Art. 43 (一次性告知): a second request for materials in the same review is refused', async (t) => {
  const waiting = extended(submitted, { command: request(missing), now: local('2025-09-29 15:00') });
  given(...waiting).when(request(['银行流水']), local('2025-09-30 09:00')).thenBroken(t, 'materials_already_requested');
  const resumed = extended(waiting, { command: supply(missing), now: local('2025-10-09 10:00') });
  given(...resumed).when(request(['银行流水']), local('2025-10-09 11:00')).thenBroken(t, 'materials_already_requested');
});

t.test('Art. 43: materials supplied after the holiday resume the review with the 4 working days that were left', async (t) => {
  const waiting = extended(submitted, { command: request(missing), now: local('2025-09-29 15:00') });
  // Supplied Thursday 9 October: 10, 11 (make-up), 13, 14 October: due at the end of Tuesday 14 October.
  given(...waiting)
    .when(supply(['身份证复印件', '劳动合同']), local('2025-10-09 10:00'))
    .then(t, [
      {
        type: 'MaterialsSupplied',
        data: {
          items: ['身份证复印件', '劳动合同'],
          outstanding: ['工资欠条'],
          suppliedAt: iso('2025-10-09 10:00'),
          review: { unit: 'working_days', amount: 4, countedFrom: iso('2025-10-09 10:00'), dueAt: iso('2025-10-15 00:00'), calendarVersion: calendar.version, provisionalYears: [] },
        },
      },
    ]);
  // Supplied on a holiday (Friday 3 October): counting starts the next working day, 9 October: due end of 13 October.
  given(...waiting).when(supply(missing), local('2025-10-03 10:00')).thenOne(t, 'MaterialsSupplied', { review: { dueAt: iso('2025-10-14 00:00') } });
  given(...submitted).when(supply(missing), local('2025-10-03 10:00')).thenBroken(t, 'not_awaiting_materials');
});

t.test('视为撤回: materials not supplied in the period are deemed withdrawn by the timer, not before', async (t) => {
  const waiting = extended(submitted, { command: request(missing), now: local('2025-09-29 15:00') });
  const fire = (dueAt: string) => ({ type: 'RecordDeemedWithdrawn', data: { dueAt: local(dueAt) } }) as const;
  given(...waiting).when(fire('2025-10-28 00:00'), local('2025-10-27 23:59')).thenBroken(t, 'deadline_not_reached');
  given(...waiting)
    .when(fire('2025-10-28 00:00'), local('2025-10-28 00:00'))
    .then(t, [{ type: 'ApplicationDeemedWithdrawn', data: { dueAt: iso('2025-10-28 00:00'), recordedAt: iso('2025-10-28 00:00') } }]);
  const withdrawn = extended(waiting, { command: fire('2025-10-28 00:00'), now: local('2025-10-28 00:01') });
  t.equal(given(...withdrawn).state.status, 'deemed_withdrawn');
  given(...withdrawn).when(fire('2025-10-28 00:00'), local('2025-10-28 00:02')).thenNothing(t, 'a repeated fire records nothing');
  // Supplied in time: the materials timer has nothing to record.
  const supplied = extended(waiting, { command: supply(missing), now: local('2025-10-09 10:00') });
  given(...supplied).when(fire('2025-10-28 00:00'), local('2025-10-28 00:00')).thenNothing(t);
});

t.test('视为撤回, CONFIGURABLE: a province that allows 10 working days', async (t) => {
  const tenDays = legalAidRules(calendar, { materials: { unit: 'working_days', amount: 10 } });
  // 30 Sept, 9–11, 13–17, 20 October: the end of Monday 20 October.
  given(...submitted).when(request(missing), local('2025-09-29 15:00'), undefined, tenDays).thenOne(t, 'MaterialsRequested', { materialsDue: { amount: 10, dueAt: iso('2025-10-21 00:00') } });
});

t.test('the applicant may withdraw while materials are awaited', async (t) => {
  const waiting = extended(submitted, { command: request(missing), now: local('2025-09-29 15:00') });
  given(...waiting)
    .when({ type: 'WithdrawApplication', data: { reason: '已与公司和解' } }, local('2025-10-09 10:00'))
    .then(t, [{ type: 'ApplicationWithdrawn', data: { reason: '已与公司和解', withdrawnAt: iso('2025-10-09 10:00') } }]);
});
