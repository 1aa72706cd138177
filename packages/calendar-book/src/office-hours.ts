// Office hours (办公时间) per organisation: working-hour limits (e.g. 签收 within 2 working hours) count
// only this time, and a centre that closes for a long lunch has other hours than the calendar's default.
// Keyed by organisation id; an organisation with none configured works the default hours.
import {
  createWorkingCalendar,
  DEFAULT_OFFICE_HOURS,
  InvalidCalendarInputError,
  officialCalendarData,
  type OfficePeriod,
} from '@bureau/working-calendar';

export type OfficeHoursByOrganisation = Readonly<Record<string, readonly OfficePeriod[]>>;

export class OfficeHoursError extends Error {
  /** What is wrong and the expected form, without the whole value (a configuration message quotes this). */
  readonly reason: string;
  constructor(text: string, problem: string) {
    const reason = `${problem} (expected e.g. "08:30-12:00,14:00-17:30": periods HH:MM-HH:MM, in order, not overlapping)`;
    super(`office hours "${text}": ${reason}`);
    this.name = 'OfficeHoursError';
    this.reason = reason;
  }
}

const PERIOD = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/** Checks periods the way the calendar will use them, so a bad setting fails at start, not at the first deadline. */
export function checkOfficeHours(periods: readonly OfficePeriod[], text = JSON.stringify(periods)): readonly OfficePeriod[] {
  try {
    return createWorkingCalendar(officialCalendarData, { officeHours: periods }).officeHours;
  } catch (error) {
    if (error instanceof InvalidCalendarInputError) throw new OfficeHoursError(text, error.message);
    throw error;
  }
}

/** "08:30-12:00,14:00-17:30" (a configuration value) as periods; throws OfficeHoursError naming the problem. */
export function parseOfficeHours(text: string): readonly OfficePeriod[] {
  const parts = text.split(',').map((part) => part.trim());
  const periods = parts.map((part, i) => {
    const m = PERIOD.exec(part);
    if (!m?.[1] || !m[2]) throw new OfficeHoursError(text, `period ${i + 1} is not a period HH:MM-HH:MM`);
    return Object.freeze({ start: m[1], end: m[2] });
  });
  return Object.freeze(checkOfficeHours(periods, text));
}

/** The configured hours of an organisation, or the calendar package's default. */
export function officeHoursOf(byOrganisation: OfficeHoursByOrganisation, organisation: string | undefined): readonly OfficePeriod[] {
  return (organisation !== undefined ? byOrganisation[organisation] : undefined) ?? DEFAULT_OFFICE_HOURS;
}
