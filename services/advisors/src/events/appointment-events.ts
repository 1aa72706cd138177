// The stored form of a village's appointments (聘任). Schema version 1.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { AppointmentEvent } from '../domain/index.js';
import { id, instant, localDate, reason } from './schemas.js';

export const villageAppointmentEvents = createEventRegistry<AppointmentEvent>({
  AdvisorAppointed: defineEvent({
    type: 'AdvisorAppointed',
    schema: z.object({
      appointmentId: id,
      advisorId: id,
      villageId: id,
      judicialOfficeId: id,
      from: localDate,
      to: localDate,
      appointedAt: instant,
    }),
  }),
  AppointmentEnded: defineEvent({
    type: 'AppointmentEnded',
    schema: z.object({ appointmentId: id, endsOn: localDate, reason, endedAt: instant }),
  }),
});
