// "Within N working days" (N个工作日内) on the official calendar, across 调休 weeks.
import t from 'tap';
import { InvalidCalendarInputError, atLocalTime, createOfficialWorkingCalendar, endOfLocalDay, isOverdue, localDateOf } from '../src/index.js';

const calendar = createOfficialWorkingCalendar();
const dueDay = (date: string, time: string, days: number) => calendar.addWorkingDays(atLocalTime(date, time), days);

t.test('2025 National Day week: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 are make-up working days', async (t) => {
  t.test('given the days of the week, then the make-up days work and the holiday does not', async (t) => {
    t.equal(calendar.isWorkingDay('2025-09-27'), false, 'Sat Sep 27 is an ordinary Saturday off');
    t.equal(calendar.isWorkingDay('2025-09-28'), true, 'Sun Sep 28 is a make-up working day');
    t.equal(calendar.isWorkingDay('2025-09-30'), true, 'Tue Sep 30 is a working day');
    for (const d of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) t.equal(calendar.isWorkingDay(d), false, `${d} is off`);
    t.equal(calendar.isWorkingDay('2025-10-09'), true, 'Thu Oct 9 is back to work');
    t.equal(calendar.isWorkingDay('2025-10-11'), true, 'Sat Oct 11 is a make-up working day');
    t.equal(calendar.isWorkingDay('2025-10-12'), false, 'Sun Oct 12 is off');
  });

  t.test(
    'given a 咨询 order received Tue 2025-09-30 10:00, when 2 working days are added, then it is due at the end of Fri Oct 10 (Oct 1–8 off; day 1 = Oct 9, day 2 = Oct 10)',
    async (t) => {
      const due = dueDay('2025-09-30', '10:00', 2);
      t.equal(due.toISOString(), '2025-10-10T16:00:00.000Z', '24:00 Asia/Shanghai of Oct 10');
      t.same(due, endOfLocalDay('2025-10-10'));
    },
  );

  t.test('given an order received Sat 2025-09-27 (off), when 1 and 2 working days are added, then counting starts on make-up Sun Sep 28', async (t) => {
    t.same(dueDay('2025-09-27', '15:00', 1), endOfLocalDay('2025-09-28'), 'day 1 = Sun Sep 28 (调休上班)');
    t.same(dueDay('2025-09-27', '15:00', 2), endOfLocalDay('2025-09-29'), 'day 2 = Mon Sep 29');
  });

  t.test('given a 求助 order received Tue 2025-09-30, when 10 working days are added, then it is due end of Tue Oct 21 (Oct 9, 10, Sat 11, 13–17, 20, 21)', async (t) => {
    t.same(dueDay('2025-09-30', '09:05', 10), endOfLocalDay('2025-10-21'));
  });

  t.test('given a 投诉 order received Fri 2025-09-26, when 15 working days are added, then it is due end of Thu Oct 23 (Sep 28–30 count 3, Oct 9–23 count 12)', async (t) => {
    t.same(dueDay('2025-09-26', '16:00', 15), endOfLocalDay('2025-10-23'));
  });

  t.test('given an order at 00:30 Sep 30 Asia/Shanghai (still Sep 29 in UTC), when 2 working days are added, then the local day Sep 30 is the start: due end of Oct 10', async (t) => {
    const received = new Date('2025-09-29T16:30:00.000Z');
    t.same(calendar.addWorkingDays(received, 2), endOfLocalDay('2025-10-10'), 'a UTC-day count would have given Oct 9');
  });

  t.test('given an order at 23:59 on Sep 30, when 2 working days are added, then the time of day changes nothing', async (t) => {
    t.same(dueDay('2025-09-30', '23:59', 2), dueDay('2025-09-30', '00:00', 2));
  });
});

t.test('2026 Spring Festival: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 are make-up working days', async (t) => {
  t.test('given a 咨询 order received Fri 2026-02-13 16:00, when 2 working days are added, then it is due end of Tue Feb 24 (day 1 = Sat Feb 14, day 2 = Feb 24)', async (t) => {
    t.same(dueDay('2026-02-13', '16:00', 2), endOfLocalDay('2026-02-24'));
  });

  t.test('given an order received on make-up Sat 2026-02-14, when 2 working days are added, then it is due end of Wed Feb 25', async (t) => {
    t.same(dueDay('2026-02-14', '10:00', 2), endOfLocalDay('2026-02-25'));
  });

  t.test('given a 求助 order received Fri 2026-02-13, when 10 working days are added, then it is due end of Thu Mar 5 (Feb 14, 24–28, Mar 2–5)', async (t) => {
    t.same(dueDay('2026-02-13', '11:00', 10), endOfLocalDay('2026-03-05'));
  });
});

t.test('0 working days: the same working day', async (t) => {
  t.test('given a working day, when 0 days are added, then the deadline is the end of that day', async (t) => {
    t.same(dueDay('2025-09-30', '10:00', 0), endOfLocalDay('2025-09-30'));
    t.same(dueDay('2025-10-11', '10:00', 0), endOfLocalDay('2025-10-11'), 'a make-up Saturday is a working day');
  });
  t.test('given a day off, when 0 days are added, then the deadline is the end of the next working day', async (t) => {
    t.same(dueDay('2025-10-03', '10:00', 0), endOfLocalDay('2025-10-09'));
    t.same(dueDay('2025-10-03', '10:00', 0), dueDay('2025-10-03', '10:00', 1), 'on a day off, 0 and 1 coincide');
  });
});

t.test('workingDaysBetween counts the days after `from` up to and including `to`', async (t) => {
  t.equal(calendar.workingDaysBetween('2025-09-30', '2025-10-10'), 2);
  t.equal(calendar.workingDaysBetween('2025-09-26', '2025-10-23'), 15);
  t.equal(calendar.workingDaysBetween('2025-10-01', '2025-10-08'), 0, 'the whole holiday');
  t.equal(calendar.workingDaysBetween('2025-10-10', '2025-10-01'), 0, 'to before from');
  t.test('given every start day in 2025 and N = 1..12, then the deadline ends on the Nth counted day', async (t) => {
    let checked = 0;
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2025, 11, 1); ms += 86_400_000) {
      const from = new Date(ms).toISOString().slice(0, 10);
      for (let n = 1; n <= 12; n++) {
        const due = calendar.addWorkingDays(atLocalTime(from, '12:00'), n);
        const dueDate = localDateOf(new Date(due.getTime() - 1)); // the deadline is 24:00 of this day
        if (calendar.workingDaysBetween(from, dueDate) !== n || !calendar.isWorkingDay(dueDate)) t.fail(`${from} + ${n}`);
        checked += 1;
      }
    }
    t.equal(checked, 334 * 12);
  });
});

t.test('given the 咨询 deadline end of Oct 10, then a reply up to 24:00 is in time and any later one is overdue (超期)', async (t) => {
  const due = dueDay('2025-09-30', '10:00', 2);
  t.equal(isOverdue(due, atLocalTime('2025-10-10', '23:59')), false);
  t.equal(isOverdue(due, due), false, 'exactly at the deadline is still in time');
  t.equal(isOverdue(due, new Date(due.getTime() + 1)), true);
  t.equal(isOverdue(due, atLocalTime('2025-10-11', '09:00')), true, 'the make-up Saturday after is already late');
});

t.test('bad input gets a clear error', async (t) => {
  const from = atLocalTime('2025-09-30', '10:00');
  t.throws(() => calendar.addWorkingDays(from, -1), InvalidCalendarInputError);
  t.throws(() => calendar.addWorkingDays(from, 1.5), { name: 'InvalidCalendarInputError', field: 'days' });
  t.throws(() => calendar.addWorkingDays(new Date('nonsense'), 1), { name: 'InvalidCalendarInputError', field: 'from' });
  t.throws(() => calendar.isWorkingDay('2025-02-30'), { name: 'InvalidCalendarInputError', field: 'date', message: /2025-02-30/ });
  t.throws(() => calendar.isWorkingDay('30/09/2025'), InvalidCalendarInputError);
});
