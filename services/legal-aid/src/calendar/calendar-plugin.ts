// The official working-day calendar as a resource (app.legalAidCalendarBook): the calendar book's plugin.
// The book's rules are the calendar itself with the offices' hours; each district's limits are laid on it
// per decision (rulesFor in app.ts), so a district's configuration needs no book of its own.
import { CalendarBook, calendarBookPlugin } from '@bureau/calendar-book';
import type { OfficePeriod, OfficialWorkingCalendar } from '@bureau/working-calendar';

declare module 'fastify' {
  interface FastifyInstance {
    legalAidCalendarBook: CalendarBook<OfficialWorkingCalendar>;
  }
}

/** The organisation the book is keyed by when no office has hours of its own. */
export const LEGAL_AID_OFFICES = 'legal-aid-offices';

export const legalAidCalendarPlugin = calendarBookPlugin<OfficialWorkingCalendar, { readonly officeHours?: readonly OfficePeriod[] | undefined }>({
  name: 'legal-aid-calendar',
  decoration: 'legalAidCalendarBook',
  createBook: (store, { officeHours }) =>
    new CalendarBook(store, {
      organisation: LEGAL_AID_OFFICES,
      officeHours: officeHours ? { [LEGAL_AID_OFFICES]: officeHours } : {},
      buildRules: (calendar) => calendar,
    }),
});
