// Appointments (聘任): advisor to village for a contract period; an advisor may serve several villages; a
// village may change advisor mid-year; overlapping appointments of one village are refused unless the
// earlier one is ended. appointedOn tells who served a village on a date.
import t from 'tap';
import { appointedOn, type AppointmentCommand, type AppointmentsContext } from '../../src/domain/index.js';
import { appointments, chen, chenAppointed, chenEnded, iso, lin, linAppointed, local, village } from './support/fixtures.js';
import { givenAppointments } from './support/given.js';

const context = (advisorId: string, status: 'active' | 'removed' = 'active'): AppointmentsContext => ({
  now: local('2026-03-10 09:05'),
  village,
  advisor: { advisorId, status },
});
const appointLin: AppointmentCommand = {
  type: 'AppointAdvisor',
  data: { appointmentId: 'appt-lin-2026', advisorId: lin, villageId: village.villageId, from: '2026-03-16', to: '2026-12-31' },
};
const endChen: AppointmentCommand = {
  type: 'EndAppointment',
  data: { appointmentId: 'appt-chen-2026', villageId: village.villageId, endsOn: '2026-03-15', reason: chenEnded.data.reason },
};

t.test('given no appointments, when an advisor is appointed, then AdvisorAppointed with the village and its office', async (t) => {
  const appointChen: AppointmentCommand = {
    type: 'AppointAdvisor',
    data: { appointmentId: 'appt-chen-2026', advisorId: chen, villageId: village.villageId, from: '2026-01-01', to: '2026-12-31' },
  };
  givenAppointments().when(appointChen, { ...context(chen), now: local('2025-12-20 09:00') }).then(t, [chenAppointed]);
  const state = givenAppointments(chenAppointed).state;
  t.strictSame(state.status === 'kept' && [state.villageId, state.judicialOfficeId], [village.villageId, village.judicialOfficeId]);
});

t.test('given 陈 appointed for the year, when 林 is appointed from mid-March, then appointment_overlaps', async (t) => {
  givenAppointments(chenAppointed).when(appointLin, context(lin)).thenBroken(t, 'appointment_overlaps');
});

t.test('given 陈 appointed, when his appointment ends on 15 March, then AppointmentEnded; then 林 may start on the 16th', async (t) => {
  givenAppointments(chenAppointed).when(endChen, { ...context(chen), now: local('2026-03-10 09:00') }).then(t, [chenEnded]);
  givenAppointments(chenAppointed, chenEnded).when(appointLin, context(lin)).then(t, [linAppointed]);
});

t.test('ending it on the same day again is already done; an end outside the appointment is refused', async (t) => {
  givenAppointments(chenAppointed, chenEnded).when(endChen, context(chen)).thenNothing(t);
  const endOn = (endsOn: string): AppointmentCommand => ({ ...endChen, data: { ...endChen.data, endsOn } }) as AppointmentCommand;
  givenAppointments(chenAppointed).when(endOn('2025-12-31'), context(chen)).thenBroken(t, 'invalid_end_date');
  givenAppointments(chenAppointed, chenEnded).when(endOn('2026-04-30'), context(chen)).thenBroken(t, 'invalid_end_date');
  givenAppointments(chenAppointed).when({ ...endChen, data: { ...endChen.data, reason: ' ' } }, context(chen)).thenBroken(t, 'reason_required');
  givenAppointments(chenAppointed)
    .when({ ...endChen, data: { ...endChen.data, appointmentId: 'appt-none' } }, context(chen))
    .thenBroken(t, 'appointment_not_found');
});

t.test('an appointment starting on the ended one\'s last day still overlaps', async (t) => {
  const fromFifteenth = { ...appointLin, data: { ...appointLin.data, from: '2026-03-15' } } as AppointmentCommand;
  givenAppointments(chenAppointed, chenEnded).when(fromFifteenth, context(lin)).thenBroken(t, 'appointment_overlaps');
});

t.test('the same appointment again is already done; its id with another period is refused', async (t) => {
  givenAppointments(chenAppointed, chenEnded, linAppointed).when(appointLin, context(lin)).thenNothing(t);
  const other = { ...appointLin, data: { ...appointLin.data, to: '2026-06-30' } } as AppointmentCommand;
  givenAppointments(chenAppointed, chenEnded, linAppointed).when(other, context(lin)).thenBroken(t, 'appointment_id_reused');
});

t.test('the period must be real dates, starting on or before it ends', async (t) => {
  const period = (from: string, to: string) => ({ ...appointLin, data: { ...appointLin.data, from, to } }) as AppointmentCommand;
  givenAppointments().when(period('2026-12-31', '2026-01-01'), context(lin)).thenBroken(t, 'invalid_period');
  givenAppointments().when(period('2026-02-30', '2026-12-31'), context(lin)).thenBroken(t, 'invalid_date');
  givenAppointments().when({ ...appointLin, data: { ...appointLin.data, appointmentId: '' } } as AppointmentCommand, context(lin)).thenBroken(t, 'appointment_id_required');
});

t.test('only an advisor on the register, not removed, can be appointed', async (t) => {
  givenAppointments().when(appointLin, { ...context(lin), advisor: undefined }).thenBroken(t, 'advisor_not_registered');
  givenAppointments().when(appointLin, context(lin, 'removed')).thenBroken(t, 'advisor_removed');
});

t.test('a command for another village is refused', async (t) => {
  givenAppointments(chenAppointed).when(appointLin, { ...context(lin), village: { villageId: 'village-other', judicialOfficeId: 'jo-x' } })
    .thenBroken(t, 'wrong_village');
});

t.test('an advisor may serve several villages: each village keeps its own appointments', async (t) => {
  const other = { villageId: 'village-nancun', judicialOfficeId: 'jo-shilou' };
  const appointChenThere: AppointmentCommand = {
    type: 'AppointAdvisor',
    data: { appointmentId: 'appt-chen-nancun', advisorId: chen, villageId: other.villageId, from: '2026-01-01', to: '2026-12-31' },
  };
  givenAppointments().when(appointChenThere, { ...context(chen), village: other }).then(t, [
    { type: 'AdvisorAppointed', data: { appointmentId: 'appt-chen-nancun', advisorId: chen, ...other, from: '2026-01-01', to: '2026-12-31', appointedAt: iso('2026-03-10 09:05') } },
  ]);
});

t.test('appointedOn: 陈 up to and including 15 March, 林 from the 16th, nobody before the contracts or elsewhere', async (t) => {
  t.equal(appointedOn(appointments, village.villageId, '2026-01-01')?.advisorId, chen);
  t.equal(appointedOn(appointments, village.villageId, '2026-03-15')?.advisorId, chen);
  t.equal(appointedOn(appointments, village.villageId, '2026-03-16')?.advisorId, lin);
  t.equal(appointedOn(appointments, village.villageId, '2026-12-31')?.advisorId, lin);
  t.equal(appointedOn(appointments, village.villageId, '2025-12-31'), undefined);
  t.equal(appointedOn(appointments, village.villageId, '2027-01-01'), undefined);
  t.equal(appointedOn(appointments, 'village-other', '2026-03-05'), undefined);
});
