// Calendar data from an administrator is validated before use; every error names its year and entry.
import t from 'tap';
import { CalendarDataError, officialCalendarData, parseCalendarData } from '../src/index.js';

const withYear = (key: string, year: unknown) => ({ source: 'test fixture', timezone: 'Asia/Shanghai', years: { [key]: year } });

/** The issues a bad input is refused with, as "path: message" lines. */
function refusal(json: unknown): string[] {
  try {
    parseCalendarData(json);
  } catch (err) {
    if (err instanceof CalendarDataError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error('expected CalendarDataError, the data was accepted');
}

t.test('given the shipped official data, then it parses and keeps every entry as published', async (t) => {
  t.same(Object.keys(officialCalendarData.years), ['2024', '2025', '2026']);
  t.same(officialCalendarData.years['2025']?.work, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  t.ok(Object.isFrozen(officialCalendarData.years['2025']?.off), 'loaded data cannot be changed in place');
});

t.test('given a malformed date, then the error names the year, the list, the index and the entry', async (t) => {
  const [issue] = refusal(withYear('2025', { off: ['2025-01-01', '2025-13-01'], work: [] }));
  t.match(issue, /^years\.2025\.off\[1\]: "2025-13-01" is neither a date YYYY-MM-DD nor a range/);
  t.match(refusal(withYear('2025', { off: ['2025-02-30'], work: [] }))[0], /years\.2025\.off\[0\]: "2025-02-30"/, 'a day that does not exist');
  t.match(refusal(withYear('2025', { off: ['2025-10-01/2025-10-08/2025-10-09'], work: [] }))[0], /years\.2025\.off\[0\]/);
  t.match(refusal(withYear('2025', { off: ['2025/10/01'], work: [] }))[0], /years\.2025\.off\[0\]: "2025\/10\/01"/);
});

t.test('given a range that ends before it starts, then the error says so', async (t) => {
  t.same(refusal(withYear('2025', { off: ['2025-10-08/2025-10-01'], work: [] })), [
    'years.2025.off[0]: "2025-10-08/2025-10-01": the range ends (2025-10-01) before it starts (2025-10-08)',
  ]);
});

t.test('given a day listed both off and as a working day, then the error names both entries', async (t) => {
  t.same(refusal(withYear('2025', { off: ['2025-01-01', '2025-10-01/2025-10-08'], work: ['2025-10-04'] })), [
    'years.2025.work[0]: 2025-10-04 is listed both as a working day and as a day off (at years.2025.off[1])',
  ]);
});

t.test('given a date outside its year key, then the error names the year', async (t) => {
  t.same(refusal(withYear('2025', { off: ['2024-12-31'], work: [] })), ['years.2025.off[0]: "2024-12-31" lies (partly) outside year 2025']);
  t.match(refusal(withYear('2025', { off: ['2025-12-31/2026-01-02'], work: [] }))[0], /outside year 2025/);
});

t.test('given a make-up working day on a weekday, then it is refused as a likely typo', async (t) => {
  t.same(refusal(withYear('2025', { off: [], work: ['2025-10-09'] })), [
    'years.2025.work[0]: 2025-10-09 is a Thursday: a make-up working day (调休上班) must be a Saturday or Sunday',
  ]);
});

t.test('given unknown keys, then each is named where it is', async (t) => {
  t.match(refusal({ ...withYear('2025', { off: [], work: [] }), notes: 'x' })[0], /^\(calendar\): Unrecognized key.*"notes"/);
  t.match(refusal(withYear('2025', { off: [], work: [], holidays: [] }))[0], /^years\.2025: Unrecognized key.*"holidays"/);
});

t.test('given a bad year key or timezone or a missing list, then each is named', async (t) => {
  t.match(refusal(withYear('25', { off: [], work: [] }))[0], /^years\.25: "25" is not a four-digit year/);
  t.match(refusal(withYear('1990', { off: [], work: [] }))[0], /^years\.1990: .*after 1991/);
  t.match(refusal({ ...withYear('2025', { off: [], work: [] }), timezone: 'UTC' })[0], /^timezone: only "Asia\/Shanghai"/);
  t.match(refusal(withYear('2025', { off: [] }))[0], /^years\.2025\.work: /);
  t.match(refusal({ source: 'x', timezone: 'Asia/Shanghai', years: {} })[0], /^years: lists no year/);
  t.match(refusal(null)[0], /^\(calendar\): /);
});

t.test('given several problems in several years, then all are reported at once', async (t) => {
  const issues = refusal({
    source: 'test fixture',
    timezone: 'Asia/Shanghai',
    years: { '2025': { off: ['2025-10-08/2025-10-01'], work: [] }, '2026': { off: ['2026-02-30'], work: ['2026-02-16'] } },
  });
  t.equal(issues.length, 3);
  t.match(issues, [/^years\.2025\.off\[0\]/, /^years\.2026\.off\[0\]/, /^years\.2026\.work\[0\]: 2026-02-16 is a Monday/]);
});

t.test('given a refusal, then the error message itself lists the issues for a log or an API answer', async (t) => {
  t.throws(() => parseCalendarData(withYear('2025', { off: ['2025-13-01'], work: [] })), {
    name: 'CalendarDataError',
    code: 'invalid_calendar_data',
    message: /invalid working-day calendar data:\n- years\.2025\.off\[0\]: "2025-13-01"/,
  });
});
