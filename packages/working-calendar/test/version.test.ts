// The version an auditor sees beside a deadline: a content hash of the calendar data.
import { createHash } from 'node:crypto';
import t from 'tap';
import { calendarVersion, createOfficialWorkingCalendar, createWorkingCalendar, officialCalendarData, parseCalendarData } from '../src/index.js';

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)])) : v;

t.test('given the shipped data, then the version is the first 16 hex digits of SHA-256 of its canonical JSON', async (t) => {
  const expected = createHash('sha256').update(JSON.stringify(sortKeys(officialCalendarData))).digest('hex').slice(0, 16);
  t.equal(createOfficialWorkingCalendar().version, expected);
  t.match(expected, /^[0-9a-f]{16}$/);
});

t.test('given the shipped 2024–2026 data, then its version is pinned', async (t) => {
  // Deadlines already recorded carry this value: if it changes, the data or the hashing changed, and
  // an auditor could no longer match old deadlines to their calendar. Change it only with the data.
  t.equal(calendarVersion(officialCalendarData), 'fb031baacfc6e11a');
});

t.test('given the same data with keys in another order and other white space, then the version is the same', async (t) => {
  const reordered = JSON.parse(
    JSON.stringify({ years: Object.fromEntries(Object.entries(officialCalendarData.years).reverse()), timezone: 'Asia/Shanghai', source: officialCalendarData.source }, null, 4),
  );
  t.equal(createWorkingCalendar(reordered).version, createOfficialWorkingCalendar().version);
});

t.test('given one day changed, then the version changes', async (t) => {
  const changed = parseCalendarData({ ...officialCalendarData, years: { ...officialCalendarData.years, '2026': { off: ['2026-01-01'], work: [] } } });
  t.not(calendarVersion(changed), calendarVersion(officialCalendarData));
});
