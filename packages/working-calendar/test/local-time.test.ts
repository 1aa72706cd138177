// Asia/Shanghai arithmetic uses a fixed +08:00 offset: results do not depend on the machine's TZ.
import t from 'tap';
import { atLocalTime, createOfficialWorkingCalendar, endOfLocalDay, localDateOf, startOfLocalDay } from '../src/index.js';

// Run this file as if the server were in California (DST, negative offset): nothing may change.
process.env.TZ = 'America/Los_Angeles';

t.test('given a server in another time zone, then the machine really is not on +08:00', async (t) => {
  t.equal(new Date('2025-07-01T00:00:00Z').getTimezoneOffset(), 420, 'PDT is UTC-7');
});

t.test('given instants around Shanghai midnight, then localDateOf gives the Shanghai date', async (t) => {
  t.equal(localDateOf(new Date('2025-09-29T15:59:59.999Z')), '2025-09-29');
  t.equal(localDateOf(new Date('2025-09-29T16:00:00.000Z')), '2025-09-30');
  t.equal(localDateOf(new Date('1969-12-31T16:00:00.000Z')), '1970-01-01', 'negative epoch milliseconds floor correctly');
});

t.test('given a local date, then its start, end and wall-clock times are +08:00 instants', async (t) => {
  t.equal(startOfLocalDay('2025-10-10').toISOString(), '2025-10-09T16:00:00.000Z');
  t.equal(endOfLocalDay('2025-10-10').toISOString(), '2025-10-10T16:00:00.000Z');
  t.equal(atLocalTime('2025-09-30', '10:00').toISOString(), '2025-09-30T02:00:00.000Z');
  t.equal(endOfLocalDay('2024-02-29').toISOString(), '2024-02-29T16:00:00.000Z', 'leap day');
  t.throws(() => atLocalTime('2025-09-30', '25:00'), { name: 'InvalidCalendarInputError', field: 'time' });
});

t.test('given a server in California, when the National Day deadline is computed, then it is the same instant as in Shanghai', async (t) => {
  const calendar = createOfficialWorkingCalendar();
  t.equal(calendar.addWorkingDays(new Date('2025-09-30T02:00:00Z'), 2).toISOString(), '2025-10-10T16:00:00.000Z');
  t.equal(calendar.addWorkingHours(new Date('2025-09-30T09:30:00Z'), 2).toISOString(), '2025-10-09T02:30:00.000Z');
});
