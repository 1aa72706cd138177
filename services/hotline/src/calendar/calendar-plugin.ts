// The hotline's calendar as a resource (app.hotlineCalendar): the calendar book's plugin, named
// 'hotline-calendar' because the deadline timers declare a dependency on that name.
import { calendarBookPlugin } from '@bureau/calendar-book';
import { officialCalendarData, type OfficePeriod } from '@bureau/working-calendar';
import type { HotlineLimitOverrides, HotlineRules } from '../domain/index.js';
import { HotlineCalendarBook } from './calendar-book.js';

declare module 'fastify' {
  interface FastifyInstance {
    hotlineCalendar: HotlineCalendarBook;
  }
}

export interface CalendarPluginOptions {
  readonly limits: HotlineLimitOverrides;
  /** The centre's office hours; none = the calendar's default hours. */
  readonly officeHours?: readonly OfficePeriod[] | undefined;
}

export const hotlineCalendarPlugin = calendarBookPlugin<HotlineRules, CalendarPluginOptions>({
  name: 'hotline-calendar',
  decoration: 'hotlineCalendar',
  createBook: (store, { limits, officeHours }) => new HotlineCalendarBook(store, officialCalendarData, limits, officeHours),
});
