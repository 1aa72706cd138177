// The hotline's calendar book: the platform's book of the official calendar (@bureau/calendar-book)
// building the hotline's rules (limits, and the centre's office hours) from it.
import type { EventStore } from '@bureau/event-store';
import { CalendarBook as GenericCalendarBook, type CalendarView } from '@bureau/calendar-book';
import type { CalendarData, OfficePeriod } from '@bureau/working-calendar';
import { hotlineRules, type HotlineLimitOverrides, type HotlineRules } from '../domain/index.js';

/**
 * The organisation whose office hours the hotline's deadlines count: the one centre (区公法中心) that
 * handles the district's 12345 orders. The book is keyed by organisation; the hotline has one.
 */
export const hotlineCentre = 'hotline-centre';

export type HotlineCalendarView = CalendarView<HotlineRules>;

export class HotlineCalendarBook extends GenericCalendarBook<HotlineRules> {
  /** `officeHours`: the centre's (HOTLINE_OFFICE_HOURS); none = the calendar's default hours, as before. */
  constructor(store: EventStore, shipped: CalendarData, limits: HotlineLimitOverrides, officeHours?: readonly OfficePeriod[]) {
    super(store, {
      shipped,
      organisation: hotlineCentre,
      officeHours: officeHours ? { [hotlineCentre]: officeHours } : {},
      buildRules: (calendar, configured) => hotlineRules(calendar, limits, configured),
    });
  }
}

/** The name the rest of the hotline and its tests use for the book. */
export { HotlineCalendarBook as CalendarBook };
