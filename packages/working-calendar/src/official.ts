// The official calendar shipped with the package (a copy of docs/domain/calendar.json, 2024–2026).
// A newer year is loaded at run time with mergeCalendarYears; this file is only the starting point.
import officialJson from '../data/official-calendar.json' with { type: 'json' };
import type { CalendarData } from './calendar-data.js';
import { type OfficialWorkingCalendar, type WorkingCalendarOptions, createWorkingCalendar } from './calendar.js';
import { parseCalendarData } from './parse.js';

export const officialCalendarData: CalendarData = parseCalendarData(officialJson);

export function createOfficialWorkingCalendar(options: WorkingCalendarOptions = {}): OfficialWorkingCalendar {
  return createWorkingCalendar(officialCalendarData, options);
}
