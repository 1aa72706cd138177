// The centre's office hours (办公时间, HOTLINE_OFFICE_HOURS) move its working-hour deadlines (签收时限),
// and every stored deadline names the hours it was counted in, beside its calendar version.
import t from 'tap';
import { hotlineFixture, local } from './support/app.js';

const centreHours = '08:30-12:00,14:00-17:30';

t.test('given the same dispatch, the 2-working-hour sign-for deadline follows the centre office hours', async (t) => {
  const standard = await hotlineFixture(t, { start: '2026-03-02 11:00' });
  const centre = await hotlineFixture(t, { start: '2026-03-02 11:00', env: { HOTLINE_OFFICE_HOURS: centreHours } });

  // Monday 2 March 2026 11:00, an ordinary working day.
  t.equal((await standard.dispatch('GZ-OH-1')).statusCode, 200);
  t.equal((await centre.dispatch('GZ-OH-1')).statusCode, 200);
  const [byDefault] = await standard.streamOf(standard.idOf('GZ-OH-1'));
  const [byCentre] = await centre.streamOf(centre.idOf('GZ-OH-1'));

  // Default hours 09:00-12:00 / 13:00-18:00: 11:00-12:00 is one hour, 13:00-14:00 the second.
  t.match(byDefault?.data, {
    signForDueAt: local('2026-03-02 14:00').toISOString(),
    officeHours: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }],
    calendarVersion: standard.app.hotlineCalendar.current().calendar.version,
  });
  // Centre hours 08:30-12:00 / 14:00-17:30: 11:00-12:00 is one hour, lunch until 14:00, 14:00-15:00 the second.
  t.match(byCentre?.data, {
    signForDueAt: local('2026-03-02 15:00').toISOString(),
    officeHours: [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }],
    calendarVersion: centre.app.hotlineCalendar.current().calendar.version,
  });
  // Day limits do not depend on the hours: 15 working days, the end of Monday 23 March, in both.
  t.match(byCentre?.data, { replyDueAt: local('2026-03-24 00:00').toISOString() });
  t.match(byDefault?.data, { replyDueAt: local('2026-03-24 00:00').toISOString() });
  t.same(centre.app.hotlineCalendar.current().calendar.officeHours, [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }]);
});

t.test('given the centre hours, a dispatch in the long lunch break counts from 14:00', async (t) => {
  const centre = await hotlineFixture(t, { start: '2026-03-03 12:30', env: { HOTLINE_OFFICE_HOURS: centreHours } });
  t.equal((await centre.dispatch('GZ-OH-2')).statusCode, 200);
  const [dispatched] = await centre.streamOf(centre.idOf('GZ-OH-2'));
  // Tuesday 3 March 12:30: nothing counts until 14:00, two hours end at 16:00 (by default: 13:00-15:00).
  t.match(dispatched?.data, { signForDueAt: local('2026-03-03 16:00').toISOString() });
});
