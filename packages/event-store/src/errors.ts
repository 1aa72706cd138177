import type { ExpectedRevision } from './types.js';

/** Base of every typed error the store throws; `code` is stable for callers and problem+json. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The expected-revision guard failed. `actualRevision` is -1n when the stream does not exist. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong_expected_revision';
  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: bigint,
  ) {
    super(`stream ${streamName}: expected revision ${String(expectedRevision)}, actual ${actualRevision}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'stream_not_found';
  constructor(readonly streamName: string) {
    super(`stream ${streamName} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** Bad input to the store: nothing was written. `field` names what was wrong. */
export class InvalidEventStoreInputError extends EventStoreError {
  readonly code = 'invalid_input';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'InvalidEventStoreInputError';
  }
}

/**
 * An all-or-nothing append of several streams (PostgreSQL's `appendToStreams(appends, { allOrNothing:
 * true })`) refused: nothing of it was written. `refusals` names each append that was refused, by its
 * index in the call, with the error it would have had alone; the others would have been written.
 */
export class AppendsRefusedError extends EventStoreError {
  readonly code = 'appends_refused';
  constructor(readonly refusals: readonly { readonly index: number; readonly error: Error }[]) {
    super(`all-or-nothing append refused, nothing written: ${refusals.map((r) => `appends[${r.index}]: ${r.error.message}`).join('; ')}`);
    this.name = 'AppendsRefusedError';
  }
}
