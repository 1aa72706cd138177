// An outbox message as staff see it over HTTP: the generic fields, plus whatever names the service gives
// its own (the hotline: workOrderId, platformId, orderNo, action). Never the payload: it may hold
// personal data, and staff act on a message by its facts, not its text.
import { z } from 'zod';
import type { OutboxRow } from './outbox-table.js';

const instant = z.iso.datetime();
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export const outboxMessageSchema = z.object({
  id: z.string().describe('The idempotency key the destination dedupes on: by default the id of the event the message comes from.'),
  eventType: z.string(),
  orderingKey: z.string().describe("Messages of one key are delivered in order; a dead letter holds its key's later ones."),
  destination: z.string(),
  kind: z.string(),
  attributes: z.record(z.string(), z.string()),
  status: z.enum(['pending', 'held', 'delivered', 'dead', 'discarded']).describe('held: owed, waiting behind a dead letter of its key.'),
  attempts: z.number().int().describe('Tries since the message was queued, or since staff last retried it.'),
  staffRetries: z.number().int(),
  createdAt: instant,
  lastAttemptAt: instant.nullable(),
  lastStatus: z.number().int().nullable().describe("The destination's status on the last try; null when it did not answer."),
  lastError: z.string().nullable(),
  problem: z.unknown().describe("The destination's answer when it refused the message."),
  nextAttemptAt: instant.nullable(),
  deliveredAt: instant.nullable(),
  deadAt: instant.nullable(),
  deadReason: z.string().nullable(),
  discardedAt: instant.nullable(),
  discardedBy: z.string().nullable(),
  discardReason: z.string().nullable(),
});

export type OutboxMessageView = z.output<typeof outboxMessageSchema>;

export function messageView(row: OutboxRow): OutboxMessageView {
  return {
    id: row.idempotency_key,
    eventType: row.event_type,
    orderingKey: row.ordering_key,
    destination: row.destination,
    kind: row.kind,
    attributes: row.attributes,
    status: row.status,
    attempts: row.attempts,
    staffRetries: row.staff_retries,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    problem: row.last_problem ?? null,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: iso(row.delivered_at),
    deadAt: iso(row.dead_at),
    deadReason: row.dead_reason,
    discardedAt: iso(row.discarded_at),
    discardedBy: row.discarded_by,
    discardReason: row.discard_reason,
  };
}

/** The service's own names for a message's facts (its ordering key, destination, kind, attributes). */
export interface MessageFields {
  /** Their schemas (they join the response schemas, hence the OpenAPI document). */
  readonly shape: z.ZodRawShape;
  readonly of: (row: OutboxRow) => Record<string, unknown>;
}
