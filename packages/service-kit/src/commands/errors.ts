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
