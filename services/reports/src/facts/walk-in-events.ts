// The walk-in events as the contract fixes them (the legal-aid service records them; its registry is not
// a dependency of this service yet): validated here, so a malformed event parks the projection instead
// of counting wrong.
import type { RecordedEvent } from '@bureau/event-store';
import { z } from 'zod';
import type { WalkInEvent } from './walk-in-facts.js';

export const walkInTopics = ['marriage_family', 'labour', 'contract_debt', 'property_housing', 'neighbour_land', 'personal_injury', 'consumer', 'criminal', 'administrative', 'other'] as const;
export const walkInAnswers = ['answered_on_the_spot', 'referred_to_legal_aid', 'referred_to_mediation', 'referred_to_other_authority'] as const;

const recorded = z.object({
  consultationId: z.string().min(1),
  placeId: z.string().min(1),
  districtId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  persons: z.number().int().min(1).max(50),
  topic: z.enum(walkInTopics),
  answer: z.enum(walkInAnswers),
  referredTo: z.string().max(200).optional(),
  note: z.string().max(500).optional(),
});
const voided = z.object({ consultationId: z.string().min(1), reason: z.string() });

/** The visit's event, or undefined for a type the contract does not name (ignored). */
export function walkInEventOf(event: RecordedEvent): WalkInEvent | undefined {
  if (event.type === 'WalkInConsultationRecorded') return { type: event.type, data: recorded.parse(event.data) };
  if (event.type === 'WalkInConsultationVoided') return { type: event.type, data: voided.parse(event.data) };
  return undefined;
}
