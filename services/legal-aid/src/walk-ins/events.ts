// The stored form of the walk-in events (schema version 1): checked before append and again when read
// back. The contract is fixed (docs/domain §5); who recorded it is in the envelope, never in the data.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { WalkInEvent } from './decider.js';
import { MAX_NOTE_LENGTH, MAX_PERSONS_PER_VISIT, MAX_REFERRED_TO_LENGTH, MAX_VOID_REASON_LENGTH, walkInAnswers, walkInTopics } from './vocabulary.js';

const text = z.string().min(1);

export const walkInConsultationSchema = z
  .object({
    consultationId: z.uuid(),
    placeId: text,
    districtId: text,
    occurredAt: z.iso.datetime(),
    persons: z.number().int().min(1).max(MAX_PERSONS_PER_VISIT),
    topic: z.enum(walkInTopics),
    answer: z.enum(walkInAnswers),
    referredTo: text.max(MAX_REFERRED_TO_LENGTH).optional(),
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
  })
  .refine((v) => (v.answer === 'referred_to_other_authority') === (v.referredTo !== undefined), {
    path: ['referredTo'],
    message: 'required exactly when the answer is referred_to_other_authority',
  });

export const walkInEvents = createEventRegistry<WalkInEvent>({
  WalkInConsultationRecorded: defineEvent({ type: 'WalkInConsultationRecorded', schema: walkInConsultationSchema }),
  WalkInConsultationVoided: defineEvent({
    type: 'WalkInConsultationVoided',
    schema: z.object({ consultationId: z.uuid(), reason: text.max(MAX_VOID_REASON_LENGTH) }),
  }),
});
