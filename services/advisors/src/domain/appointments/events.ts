// Events of a village's appointments, past tense. Plain JSON. Who did it is in the envelope.
import type { IsoInstant, LocalDate } from '../vocabulary.js';

type Event<Type extends string, Data> = { type: Type; data: Data };

export type AdvisorAppointed = Event<
  'AdvisorAppointed',
  {
    appointmentId: string;
    advisorId: string;
    villageId: string;
    judicialOfficeId: string;
    from: LocalDate;
    to: LocalDate;
    appointedAt: IsoInstant;
  }
>;

export type AppointmentEnded = Event<
  'AppointmentEnded',
  { appointmentId: string; endsOn: LocalDate; reason: string; endedAt: IsoInstant }
>;

export type AppointmentEvent = AdvisorAppointed | AppointmentEnded;
