// decide for a village's appointments: (command, state, context) -> events, or AdvisorRuleBroken.
// `[]` means already done (the same appointment again, the same early end again).
import { AdvisorRuleBroken, requireText } from '../errors.js';
import { isLocalDate } from '../month.js';
import type { VillageOwnership } from '../vocabulary.js';
import type { AppointAdvisor, AppointmentCommand, EndAppointment } from './commands.js';
import type { AdvisorAppointed, AppointmentEnded, AppointmentEvent } from './events.js';
import { lastDayOf, type AppointmentsState } from './state.js';

export interface AppointmentsContext {
  readonly now: Date;
  /** The village as the organisation registry has it: its id and its judicial office (司法所). */
  readonly village: VillageOwnership;
  /** The named advisor on the district's register (undefined: not on it). Read by the service. */
  readonly advisor: { readonly advisorId: string; readonly status: 'active' | 'removed' } | undefined;
}

export function decideAppointments(command: AppointmentCommand, state: AppointmentsState, context: AppointmentsContext): AppointmentEvent[] {
  if (command.data.villageId !== context.village.villageId) throw new AdvisorRuleBroken('wrong_village');
  if (state.status === 'kept' && state.villageId !== context.village.villageId) throw new AdvisorRuleBroken('wrong_village');
  switch (command.type) {
    case 'AppointAdvisor':
      return appoint(command, state, context);
    case 'EndAppointment':
      return end(command, state, context);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function appoint({ data }: AppointAdvisor, state: AppointmentsState, { now, village, advisor }: AppointmentsContext): AdvisorAppointed[] {
  const appointmentId = requireText(data.appointmentId, 'appointment_id_required');
  if (!isLocalDate(data.from) || !isLocalDate(data.to)) throw new AdvisorRuleBroken('invalid_date');
  if (data.from > data.to) throw new AdvisorRuleBroken('invalid_period');
  const appointments = state.status === 'kept' ? state.appointments : [];
  const same = appointments.find((a) => a.appointmentId === appointmentId);
  if (same) {
    if (same.advisorId === data.advisorId && same.from === data.from && same.to === data.to) return [];
    throw new AdvisorRuleBroken('appointment_id_reused');
  }
  if (!advisor || advisor.advisorId !== data.advisorId) throw new AdvisorRuleBroken('advisor_not_registered');
  if (advisor.status === 'removed') throw new AdvisorRuleBroken('advisor_removed');
  // One advisor per village at a time: an earlier appointment must be ended (EndAppointment) first.
  if (appointments.some((a) => a.from <= data.to && data.from <= lastDayOf(a))) throw new AdvisorRuleBroken('appointment_overlaps');
  const { villageId, judicialOfficeId } = village;
  return [
    {
      type: 'AdvisorAppointed',
      data: { appointmentId, advisorId: data.advisorId, villageId, judicialOfficeId, from: data.from, to: data.to, appointedAt: now.toISOString() },
    },
  ];
}

function end({ data }: EndAppointment, state: AppointmentsState, { now }: AppointmentsContext): AppointmentEnded[] {
  const appointment = state.status === 'kept' ? state.appointments.find((a) => a.appointmentId === data.appointmentId) : undefined;
  if (!appointment) throw new AdvisorRuleBroken('appointment_not_found');
  if (!isLocalDate(data.endsOn)) throw new AdvisorRuleBroken('invalid_date');
  if (appointment.endedOn === data.endsOn) return [];
  // Only shortened: a longer contract is a new appointment, not an end.
  if (data.endsOn < appointment.from || data.endsOn > lastDayOf(appointment)) throw new AdvisorRuleBroken('invalid_end_date');
  const reason = requireText(data.reason, 'reason_required');
  return [{ type: 'AppointmentEnded', data: { appointmentId: appointment.appointmentId, endsOn: data.endsOn, reason, endedAt: now.toISOString() } }];
}
