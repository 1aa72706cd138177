// Repeating schedules, pure: each occurrence follows the previous one, in Beijing time.
import t from 'tap';
import { nextOccurrence } from '../src/index.js';
import { local } from './support/time.js';

t.test('month end (台账月末): 24:00 Beijing time of the month\'s last day', async (t) => {
  const monthEnd = { every: 'month_end' } as const;
  t.same(nextOccurrence(monthEnd, local('2025-11-15 10:00')), local('2025-12-01 00:00'));
  t.same(nextOccurrence(monthEnd, local('2025-12-01 00:00')), local('2026-01-01 00:00'), 'from one occurrence, the next');
  t.same(nextOccurrence(monthEnd, local('2024-02-10 00:00')), local('2024-03-01 00:00'), 'a leap February');
  // 2025-11-30 16:00 UTC is already December in Beijing.
  t.same(nextOccurrence(monthEnd, new Date('2025-11-30T16:30:00Z')), local('2026-01-01 00:00'));
});

t.test('daily at a Beijing time', async (t) => {
  const daily = { every: 'day', at: '02:00' } as const;
  t.same(nextOccurrence(daily, local('2025-11-03 01:00')), local('2025-11-03 02:00'));
  t.same(nextOccurrence(daily, local('2025-11-03 02:00')), local('2025-11-04 02:00'), 'strictly after');
  t.same(nextOccurrence(daily, local('2025-12-31 23:00')), local('2026-01-01 02:00'));
});
