// The stored form of the calendar stream's event, validated on append and on read. Version 1, as the
// hotline wrote it: a change here needs a new schemaVersion and an upcaster, never an edit in place.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { CalendarEvent } from './official-calendar-decider.js';

export const calendarEvents = createEventRegistry<CalendarEvent>({
  OfficialCalendarYearLoaded: defineEvent({
    type: 'OfficialCalendarYearLoaded',
    schema: z.object({
      year: z.string().regex(/^\d{4}$/),
      off: z.array(z.string()),
      work: z.array(z.string()),
      source: z.string().min(1),
      loadedBy: z.string().min(1),
      loadedAt: z.iso.datetime(),
      calendarVersion: z.string().min(1),
      replacedExisting: z.boolean(),
    }),
  }),
});
