// A real calendar date (isLocalDate), counted rather than printed back: every row an import reads asks it.
import t from 'tap';
import { isLocalDate } from '../../src/domain/index.js';

t.test('given a date in the form YYYY-MM-DD, then it is a date only if the calendar has it', async (t) => {
  for (const date of ['2026-03-05', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '1970-01-01']) t.ok(isLocalDate(date), `${date} is a date`);
  for (const date of ['2026-02-29', '2100-02-29', '1900-02-29', '2026-04-31', '2026-06-31', '2026-09-31', '2026-11-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-01-32']) {
    t.notOk(isLocalDate(date), `${date} is not`);
  }
});

t.test('given another form, or a date before 1970, then it is not a date', async (t) => {
  for (const text of ['2026-3-5', '2026/03/05', ' 2026-03-05', '2026-03-05 ', '26-03-05', '', '1969-12-31', '0000-01-01']) t.notOk(isLocalDate(text), JSON.stringify(text));
});
