import type { FieldError } from '../http/problem.js';

/** An event about to be appended does not match its schema: nothing was appended. Maps to 400. */
export class InvalidEventDataError extends Error {
  readonly code = 'invalid_event_data';
  constructor(
    readonly eventType: string,
    readonly errors: readonly FieldError[],
  ) {
    super(`${eventType}: data does not match its schema (${errors.map((e) => e.field).join(', ')})`);
    this.name = 'InvalidEventDataError';
  }
}

/** A stream holds an event this service cannot read (unknown type, newer version, bad data). A 500. */
export class UnreadableEventError extends Error {
  readonly code = 'unreadable_event';
  constructor(
    readonly eventType: string,
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId} (${eventType}): ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

export class UnknownEventTypeError extends Error {
  readonly code = 'unknown_event_type';
  constructor(readonly eventType: string) {
    super(`event type ${eventType} is not registered`);
    this.name = 'UnknownEventTypeError';
  }
}
