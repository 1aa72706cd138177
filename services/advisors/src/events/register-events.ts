// The stored form of a district's register of advisors (法律顾问名册). Schema version 1.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { RegisterEvent } from '../domain/index.js';
import { id, instant, reason } from './schemas.js';

const details = { name: z.string().min(1), firm: z.string().min(1), licenceNumber: z.string().regex(/^\d{17}$/), phone: z.string().min(1) };

export const advisorRegisterEvents = createEventRegistry<RegisterEvent>({
  AdvisorRegistered: defineEvent({
    type: 'AdvisorRegistered',
    schema: z.object({ districtId: id, advisorId: id, ...details, registeredAt: instant }),
  }),
  AdvisorDetailsChanged: defineEvent({
    type: 'AdvisorDetailsChanged',
    schema: z.object({ advisorId: id, ...details, changedAt: instant }),
  }),
  AdvisorRemoved: defineEvent({
    type: 'AdvisorRemoved',
    schema: z.object({ advisorId: id, reason, removedAt: instant }),
  }),
});
