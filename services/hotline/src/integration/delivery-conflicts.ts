// A message id the platform sent again with another body (协议: one id, one message). The first message
// stands: answering "duplicate" would drop the change without anyone knowing, and applying it would break
// the platform's own idempotency. So the delivery is refused with 409 (a 4xx: the platform stops
// retrying) and recorded here, one stream per platform, for the centre's supervisors to take up with
// the platform. Recording is idempotent: the same conflicting body sent again is one entry.
import { createHash } from 'node:crypto';
import { canonicalJson, StreamNotFoundError, type EventStore, type Json } from '@bureau/event-store';
import { createEventRegistry, defineEvent, uuidV5 } from '@bureau/service-kit';
import type { InboundMessage } from '@bureau/hotline-protocol/messages';
import { z } from 'zod';

/** Namespace of the conflict entries' ids (UUID v5 of message id and digest). Never change it. */
const CONFLICT_NAMESPACE = '8d7e1f0a-4c2b-4e5f-9a6b-1c3d5e7f9b2d';

export const deliveryConflictsStream = (platformId: string) => `hotlineDeliveryConflicts-${platformId}`;

/** What a message id is used for: the digest of the parsed message (its JSON in canonical form). */
export function messageDigestOf(message: InboundMessage): string {
  return createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(message)) as Json)).digest('hex');
}

export const deliveryConflictSchema = z.object({
  messageId: z.string(),
  orderNo: z.string(),
  messageType: z.string(),
  occurredAt: z.string(),
  receivedAt: z.iso.datetime(),
  digest: z.string(),
  /** The refused message as the platform sent it this time, for staff to compare with the first. */
  message: z.record(z.string(), z.unknown()),
});
export type DeliveryConflict = z.infer<typeof deliveryConflictSchema>;

type DeliveryConflictEvent = { readonly type: 'DeliveryConflictRecorded'; readonly data: DeliveryConflict };
const conflictEvents = createEventRegistry<DeliveryConflictEvent>({
  DeliveryConflictRecorded: defineEvent({ type: 'DeliveryConflictRecorded', schema: deliveryConflictSchema }),
});

export async function recordDeliveryConflict(
  store: EventStore,
  platformId: string,
  message: InboundMessage,
  receivedAt: Date,
  correlationId: string,
): Promise<void> {
  const digest = messageDigestOf(message);
  const data: DeliveryConflict = {
    messageId: message.messageId,
    orderNo: message.orderNo,
    messageType: message.type,
    occurredAt: message.occurredAt,
    receivedAt: receivedAt.toISOString(),
    digest,
    message: JSON.parse(JSON.stringify(message)) as Record<string, unknown>,
  };
  const event = conflictEvents.toAppend({ type: 'DeliveryConflictRecorded', data }, {
    id: uuidV5(`${message.messageId}:${digest}`, CONFLICT_NAMESPACE),
    envelope: {
      actor: { id: platformId, role: 'hotline_platform', organisation: platformId },
      correlationId,
      causationId: message.messageId,
      occurredAt: data.receivedAt,
    },
  });
  await store.appendToStream(deliveryConflictsStream(platformId), [event], { expectedRevision: 'any' });
}

/** The platform's conflicting deliveries, newest first. */
export async function readDeliveryConflicts(store: EventStore, platformId: string, limit: number): Promise<DeliveryConflict[]> {
  const found: DeliveryConflict[] = [];
  try {
    for await (const recorded of store.readStream(deliveryConflictsStream(platformId), { direction: 'backwards', maxCount: limit })) {
      found.push(conflictEvents.fromRecorded(recorded).data);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return found;
}
