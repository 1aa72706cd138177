// evolve for a village's appointments: pure and total.
import type { AppointmentEvent } from './events.js';
import type { Appointment, AppointmentsState } from './state.js';

export function evolveAppointments(state: AppointmentsState, event: AppointmentEvent): AppointmentsState {
  switch (event.type) {
    case 'AdvisorAppointed': {
      const { appointmentId, advisorId, villageId, judicialOfficeId, from, to } = event.data;
      const appointment: Appointment = { appointmentId, advisorId, villageId, from, to, endedOn: null, endReason: null };
      if (state.status === 'none') return { status: 'kept', villageId, judicialOfficeId, appointments: [appointment] };
      if (state.appointments.some((a) => a.appointmentId === appointmentId)) return state;
      return { ...state, judicialOfficeId, appointments: [...state.appointments, appointment] };
    }
    case 'AppointmentEnded': {
      if (state.status === 'none') return state;
      const { appointmentId, endsOn, reason } = event.data;
      const appointments = state.appointments.map((a) => (a.appointmentId === appointmentId ? { ...a, endedOn: endsOn, endReason: reason } : a));
      return { ...state, appointments };
    }
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

export function foldAppointments(events: Iterable<AppointmentEvent>, from: AppointmentsState = { status: 'none' }): AppointmentsState {
  let state = from;
  for (const event of events) state = evolveAppointments(state, event);
  return state;
}
