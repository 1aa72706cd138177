// A village's appointments, past and present: one stream per village, so "no two advisors at once" is
// checked against everything the village ever had. An advisor serving several villages appears in each.
import type { LocalDate } from '../vocabulary.js';

export type Appointment = {
  readonly appointmentId: string;
  readonly advisorId: string;
  readonly villageId: string;
  readonly from: LocalDate;
  /** The contract's last day. */
  readonly to: LocalDate;
  /** The last day when ended early; null while it runs its contract. */
  readonly endedOn: LocalDate | null;
  readonly endReason: string | null;
};

export type NoAppointments = { readonly status: 'none' };
export type VillageAppointments = {
  readonly status: 'kept';
  /** The owning organisations: routes scope the stream to the village's judicial office. */
  readonly villageId: string;
  readonly judicialOfficeId: string;
  readonly appointments: readonly Appointment[];
};
export type AppointmentsState = NoAppointments | VillageAppointments;

export function initialAppointmentsState(): AppointmentsState {
  return { status: 'none' };
}

/** The appointment's last day of service: its early end, else its contract's end. */
export function lastDayOf(appointment: Appointment): LocalDate {
  return appointment.endedOn ?? appointment.to;
}
