// The calendar in use: the shipped official data plus the calendar stream, rebuilt when the stream moves
// (after this instance's own load, on news from the subscription when several instances run, and on
// demand when a deadline runs into a year this instance does not know yet). Generic over what a service
// builds from a calendar (its Rules): the book knows no service's limits.
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { readStreamState } from '@bureau/service-kit';
import { createWorkingCalendar, officialCalendarData, type CalendarData, type OfficePeriod, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import { officeHoursOf, checkOfficeHours, type OfficeHoursByOrganisation } from './office-hours.js';
import { calendarDecider, officialCalendarStream, type CalendarState } from './official-calendar-decider.js';
import { calendarEvents } from './official-calendar-events.js';

/**
 * What a service builds from the calendar of one organisation. `officeHours` are the organisation's
 * configured hours, undefined when it has none (the calendar then counts the default hours).
 */
export type RulesBuilder<Rules> = (calendar: OfficialWorkingCalendar, officeHours: readonly OfficePeriod[] | undefined) => Rules;

export interface CalendarView<Rules> {
  /** Built with the organisation's office hours (calendar.officeHours). */
  readonly calendar: OfficialWorkingCalendar;
  readonly rules: Rules;
  readonly loads: CalendarState['loads'];
  /** The calendar stream's revision this view was built from; -1n before any load. */
  readonly revision: bigint;
}

export interface CalendarBookOptions<Rules> {
  readonly store: EventStore;
  readonly buildRules: RulesBuilder<Rules>;
  /** The data shipped with the release; default the official data of @bureau/working-calendar. */
  readonly shipped?: CalendarData;
  /** Office hours per organisation id; organisations not listed work the default hours. Checked at once. */
  readonly officeHours?: OfficeHoursByOrganisation;
  /** Whose hours current() and rules() use when not told: a service that serves one organisation. */
  readonly organisation?: string;
}

/** Organisations without hours of their own share one view, so unknown ids do not grow the cache. */
const DEFAULT_HOURS_KEY = Symbol('default office hours');

export class CalendarBook<Rules> {
  private readonly shipped: CalendarData;
  private readonly buildRules: RulesBuilder<Rules>;
  private readonly officeHours: OfficeHoursByOrganisation;
  private readonly organisation: string | undefined;
  private state: CalendarState;
  private revision = -1n;
  private views = new Map<string | symbol, CalendarView<Rules>>();
  private refreshing: Promise<boolean> | undefined;
  private readonly listeners = new Set<(version: string) => void>();

  constructor(private readonly store: EventStore, options: Omit<CalendarBookOptions<Rules>, 'store'>) {
    this.shipped = options.shipped ?? officialCalendarData;
    this.buildRules = options.buildRules;
    this.officeHours = Object.freeze(
      Object.fromEntries(Object.entries(options.officeHours ?? {}).map(([org, hours]) => [org, checkOfficeHours(hours, `${org}: ${JSON.stringify(hours)}`)])),
    );
    this.organisation = options.organisation;
    this.state = calendarDecider(this.shipped).initialState();
    // Build the service's own view now: a rules builder that refuses the configuration fails at start.
    this.current();
  }

  /** The calendar and rules of an organisation (default: the book's own), cached until the stream moves. */
  current(organisation: string | undefined = this.organisation): CalendarView<Rules> {
    const configured = organisation !== undefined ? this.officeHours[organisation] : undefined;
    const key = configured ? (organisation as string) : DEFAULT_HOURS_KEY;
    let view = this.views.get(key);
    if (!view) {
      const calendar = createWorkingCalendar(this.state.data, { officeHours: officeHoursOf(this.officeHours, organisation) });
      view = Object.freeze({ calendar, rules: this.buildRules(calendar, configured), loads: this.state.loads, revision: this.revision });
      this.views.set(key, view);
    }
    return view;
  }

  calendarFor(organisation?: string): OfficialWorkingCalendar {
    return this.current(organisation).calendar;
  }

  rules(organisation?: string): Rules {
    return this.current(organisation).rules;
  }

  /** The decider over this book's shipped data, for the route that loads a year. */
  decider() {
    return calendarDecider(this.shipped);
  }

  /** Re-reads the calendar stream; true when the calendar changed. Concurrent calls share one read. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.reread().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async reread(): Promise<boolean> {
    const decider = calendarDecider(this.shipped);
    let state = decider.initialState();
    let revision = -1n;
    try {
      ({ state, revision } = await readStreamState(this.store, calendarEvents, decider, officialCalendarStream));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (revision === this.revision) return false;
    const before = this.current().calendar.version;
    this.state = state;
    this.revision = revision;
    this.views = new Map();
    const version = this.current().calendar.version;
    if (version === before) return false;
    for (const listener of this.listeners) listener(version);
    return true;
  }

  /**
   * Told (with the new version) each time the calendar in use changes: a year loaded here, by another
   * instance, or found on a re-read. Returns the way to stop listening.
   */
  onChange(listener: (version: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
