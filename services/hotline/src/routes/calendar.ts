// The working-day calendar (工作日 with 调休): GET /calendar and PUT /calendar/years/:year, the calendar
// book's routes over app.hotlineCalendar; loading a year is for the centre's administrators.
import { calendarRoutes as calendarBookRoutes } from '@bureau/calendar-book';
import { CALENDAR_ADMINS } from './roles.js';

export const calendarRoutes = calendarBookRoutes({ decoration: 'hotlineCalendar', adminRoles: CALENDAR_ADMINS });
