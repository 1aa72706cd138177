// Who served a village on a date: the rule a ledger entry is checked against (advisor_not_appointed).
import type { LocalDate } from '../vocabulary.js';
import { lastDayOf, type Appointment } from './state.js';

/**
 * The appointment in force for `villageId` on `date` (both ends of the period included), or undefined.
 * Appointments of one village never overlap (appointment_overlaps), so there is at most one.
 */
export function appointedOn(appointments: readonly Appointment[], villageId: string, date: LocalDate): Appointment | undefined {
  return appointments.find((a) => a.villageId === villageId && a.from <= date && date <= lastDayOf(a));
}
