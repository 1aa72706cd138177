// Typed errors with a stable `code`, so a service can map them to problem+json (400 / 422).
// CalendarYearMissingError lives in types.ts: it is part of the fixed interface.

/** A bad argument to a calendar function (malformed date, negative day count, invalid office hours…). */
export class InvalidCalendarInputError extends Error {
  readonly code = 'invalid_calendar_input';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'InvalidCalendarInputError';
  }
}

export interface CalendarDataIssue {
  /** Where in the JSON, e.g. `years.2025.off[3]`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Calendar data that must not be loaded. Lists every problem at once, each naming its year and
 * entry, so an administrator can fix the file in one pass; nothing is loaded.
 */
export class CalendarDataError extends Error {
  readonly code = 'invalid_calendar_data';
  constructor(readonly issues: readonly CalendarDataIssue[]) {
    super(`invalid working-day calendar data:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'CalendarDataError';
  }
}
