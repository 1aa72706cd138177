// The calendar in use: built from the shipped official data plus the calendar stream, and rebuilt when
// the stream moves (after this instance's own load, on news from the subscription when several instances
// run, and on demand when a deadline runs into a year this instance does not know yet).
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import { readStreamState } from '@bureau/service-kit';
import { createWorkingCalendar, type CalendarData, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import { hotlineRules, type HotlineLimitOverrides, type HotlineRules } from '../domain/index.js';
import { calendarDecider, officialCalendarStream, type CalendarState } from './calendar-decider.js';
import { calendarEvents } from './calendar-events.js';

export interface CalendarView {
  readonly calendar: OfficialWorkingCalendar;
  readonly rules: HotlineRules;
  readonly loads: CalendarState['loads'];
  /** The calendar stream's revision this view was built from; -1n before any load. */
  readonly revision: bigint;
}

export class CalendarBook {
  private view: CalendarView;
  private refreshing: Promise<boolean> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly shipped: CalendarData,
    private readonly limits: HotlineLimitOverrides,
  ) {
    this.view = this.build(calendarDecider(shipped).initialState(), -1n);
  }

  current(): CalendarView {
    return this.view;
  }

  rules(): HotlineRules {
    return this.view.rules;
  }

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
    if (revision === this.view.revision) return false;
    const before = this.view.calendar.version;
    this.view = this.build(state, revision);
    return this.view.calendar.version !== before;
  }

  private build(state: CalendarState, revision: bigint): CalendarView {
    const calendar = createWorkingCalendar(state.data);
    return Object.freeze({ calendar, rules: hotlineRules(calendar, this.limits), loads: state.loads, revision });
  }
}
