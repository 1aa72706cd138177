// Cross-check of the shipped 2024–2026 data against a maintained library (chinese-days, a dev
// dependency only). The bureau's calendar.json is the official source: a disagreement here is a
// finding to report, never a reason to edit the data silently.
import chineseDays from 'chinese-days';
import t from 'tap';
import { createOfficialWorkingCalendar } from '../src/index.js';

// chinese-days reads "YYYY-MM-DD" through the process's local time zone and is off by a day west
// of UTC; pin the zone it assumes. Our own calendar does not depend on it (see local-time.test.ts).
process.env.TZ = 'Asia/Shanghai';

t.test('given every date of 2024, 2025 and 2026, then our isWorkingDay agrees with chinese-days isWorkday', async (t) => {
  const calendar = createOfficialWorkingCalendar();
  const disagreements: string[] = [];
  let days = 0;
  for (let ms = Date.UTC(2024, 0, 1); ms <= Date.UTC(2026, 11, 31); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const ours = calendar.isWorkingDay(date);
    const theirs = chineseDays.isWorkday(date);
    if (ours !== theirs) disagreements.push(`${date}: ours ${ours ? 'working' : 'off'}, chinese-days ${JSON.stringify(chineseDays.getDayDetail(date))}`);
    days += 1;
  }
  t.equal(days, 366 + 365 + 365, 'every date was compared');
  t.same(disagreements, [], 'no date differs');
});

t.test('given the make-up working days, then chinese-days also marks them as 调休 (in lieu) working days', async (t) => {
  for (const date of ['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28']) {
    t.equal(chineseDays.isWorkday(date), true, `${date} works`);
    t.equal(chineseDays.getDayDetail(date).work, true);
  }
});
