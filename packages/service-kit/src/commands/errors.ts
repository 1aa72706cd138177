import type { ExpectedRevision } from '@bureau/event-store';

/**
 * The client's precondition (If-Match / expectedRevision) no longer holds: someone changed the
 * stream since the client read it. Unlike a server-side race, retrying would be wrong: the client
 * must re-read and decide again. Maps to 412.
 */
export class PreconditionFailedError extends Error {
  readonly code = 'precondition_failed';
  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedRevision,
    /** -1n when the stream does not exist. */
    readonly actualRevision: bigint,
  ) {
    super(`stream ${streamName}: client expected revision ${String(expectedRevision)}, actual ${actualRevision}`);
    this.name = 'PreconditionFailedError';
  }
}

/**
 * An idempotency key (commandId) sent again with a different command: a reply sent with a note's key, or
 * the same key with a changed note. Answering "already applied" would let a person believe a command was
 * recorded that never was, so the reuse is refused (409) and nothing is recorded. What a key was used
 * for is known by the digest stored with its events (`commandDigest`), or, for a key whose events are
 * in another stream, by the event-id guard.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'command_id_reused';
  constructor(readonly commandId: string) {
    super(`commandId ${commandId} was already used for a different command`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
