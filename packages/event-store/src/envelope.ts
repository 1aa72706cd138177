// The standard event envelope, carried in every event's metadata so that an auditor can answer
// "who did this, when, on whose behalf, and under which schema version".
import type { JsonObject } from './types.js';

export interface Actor {
  readonly id: string;
  /** e.g. hotline_integration, intake_clerk, auditor, administrator */
  readonly role: string;
  /** The unit acting, e.g. the district public legal service centre's code. */
  readonly organisation: string;
}

export interface EventEnvelope {
  /** Shared by every event caused by one user request or one integration message. */
  readonly correlationId: string;
  /** The id of the command or event that caused this one. */
  readonly causationId: string;
  readonly actor: Actor;
  /** When it happened in the domain (ISO 8601, UTC), as opposed to when it was stored. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
}

export function envelopeMetadata(envelope: EventEnvelope, extra: JsonObject = {}): JsonObject {
  return {
    ...extra,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    actor: { id: envelope.actor.id, role: envelope.actor.role, organisation: envelope.actor.organisation },
    occurredAt: envelope.occurredAt,
    schemaVersion: envelope.schemaVersion,
  };
}

function isActor(v: unknown): v is Actor {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return typeof a.id === 'string' && typeof a.role === 'string' && typeof a.organisation === 'string';
}

/** Reads the envelope back from stored metadata; undefined when an event carries none. */
export function readEnvelope(metadata: JsonObject): EventEnvelope | undefined {
  const { correlationId, causationId, actor, occurredAt, schemaVersion } = metadata;
  if (
    typeof correlationId !== 'string' ||
    typeof causationId !== 'string' ||
    !isActor(actor) ||
    typeof occurredAt !== 'string' ||
    typeof schemaVersion !== 'number'
  ) {
    return undefined;
  }
  return { correlationId, causationId, actor, occurredAt, schemaVersion };
}
