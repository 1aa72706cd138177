// `@bureau/calendar-book`: the official working-day calendar kept as events, for any service.
export {
  calendarDecider, officialCalendarStream, officialCalendarCategory,
  type CalendarEvent, type CalendarState, type LoadOfficialCalendarYear, type OfficialCalendarYearLoaded,
} from './official-calendar-decider.js';
export { calendarEvents } from './official-calendar-events.js';
export { CalendarBook, type CalendarBookOptions, type CalendarView, type RulesBuilder } from './calendar-book.js';
export { checkOfficeHours, officeHoursOf, parseOfficeHours, OfficeHoursError, type OfficeHoursByOrganisation } from './office-hours.js';
export { calendarBookPlugin, type CalendarBookPluginSpec } from './calendar-book-plugin.js';
export { calendarRoutes, type CalendarRoutesOptions, type CalendarRoutesSpec } from './calendar-routes.js';
export { recountPasses, type RecountPasses, type RecountPassesOptions } from './recount-passes.js';
