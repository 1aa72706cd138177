// The stored form of a district's lawyer registry (法律援助律师名册). Schema version 1.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { LawyerRegistryEvent } from '../domain/index.js';
import { instant, text } from './schemas.js';

const details = {
  name: text,
  licenceNumber: z.string().regex(/^\d{17}$/),
  firmId: text,
  firmName: text,
  relevantPracticeSince: z.iso.date(),
  specialties: z.array(text),
};

export const lawyerRegistryEvents = createEventRegistry<LawyerRegistryEvent>({
  LawyerRegistered: defineEvent({ type: 'LawyerRegistered', schema: z.object({ districtId: text, lawyerId: text, ...details, registeredAt: instant }) }),
  LawyerDetailsChanged: defineEvent({ type: 'LawyerDetailsChanged', schema: z.object({ lawyerId: text, ...details, changedAt: instant }) }),
  LawyerDeactivated: defineEvent({ type: 'LawyerDeactivated', schema: z.object({ lawyerId: text, reason: text, deactivatedAt: instant }) }),
});
