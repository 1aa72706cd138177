// The working-day calendar (工作日 with 调休) over HTTP: GET /calendar lists what is loaded and its version;
// PUT /calendar/years/:year loads a newly published year (the roles the service passes). Each load is an
// event on the calendar stream; the book rebuilds its calendar from the shipped data plus that stream.
import {
  access, actorOf, bearerSecurity, everyone, signedIn, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand,
  HttpProblem, problemSchema, problemTypes, type FieldError,
} from '@bureau/service-kit';
import { CalendarDataError, parseCalendarData } from '@bureau/working-calendar';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarBook } from './calendar-book.js';
import { officialCalendarStream } from './official-calendar-decider.js';
import { calendarEvents } from './official-calendar-events.js';

export interface CalendarRoutesSpec {
  /** The decoration the service's calendarBookPlugin put the book under. */
  readonly decoration: string;
  /** Who may load a year: city-wide roles (the national calendar is the city administrator's), e.g. ['city_administrator']. */
  readonly adminRoles: readonly string[];
}

/** What the routes are registered with: the service's clock (tests pass their own). */
export interface CalendarRoutesOptions {
  readonly clock: () => Date;
}

const calendarSchema = z.object({
  version: z.string().describe('Recorded with every deadline computed on this calendar.'),
  source: z.string(),
  years: z.array(z.number()),
  loads: z.array(z.object({
    year: z.string(),
    source: z.string(),
    loadedBy: z.string(),
    loadedAt: z.string(),
    calendarVersion: z.string(),
    replacedExisting: z.boolean(),
  })),
});

/** `years.2027.off[3]` (the calendar package's issue path) as the request field it came from. */
function fieldOf(path: string, year: string): string {
  const prefix = `years.${year}`;
  if (path === prefix) return 'params.year';
  if (path.startsWith(`${prefix}.`)) return `body.${path.slice(prefix.length + 1)}`;
  return path === '(calendar)' ? 'body' : `body.${path}`;
}

export function calendarRoutes(spec: CalendarRoutesSpec): FastifyPluginAsyncZod<CalendarRoutesOptions> {
  return async (app, options) => {
    const book = () => app.getDecorator<CalendarBook<unknown>>(spec.decoration);

    app.get('/calendar', {
      config: signedIn('the calendar is public law: anyone signed in reads what is loaded'),
      schema: {
        tags: ['calendar'],
        summary: 'The working-day calendar in use: loaded years, version and every load',
        security: bearerSecurity,
        response: { 200: calendarSchema, 401: problemSchema },
      },
    }, async () => {
      const { calendar, loads } = book().current();
      return { version: calendar.version, source: calendar.source, years: [...calendar.years], loads: [...loads] };
    });

    app.put('/calendar/years/:year', {
      config: access(everyone(spec.adminRoles, 'city')),
      schema: {
        tags: ['calendar'],
        summary: 'Load an official calendar year (放假 and 调休上班 days) as published',
        security: bearerSecurity,
        params: z.object({ year: z.string().regex(/^\d{4}$/, 'must be a four-digit year') }),
        body: z.strictObject({
          commandId: commandIdSchema,
          source: z.string().trim().min(1).max(500).describe('The notice it comes from, e.g. 国务院办公厅关于2027年部分节假日安排的通知'),
          off: z.array(z.string()).describe('Days off: "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD"'),
          work: z.array(z.string()).describe('Make-up working days (调休上班), each a Saturday or Sunday'),
          replaceExisting: z.boolean().default(false).describe('Replace a year already loaded with other entries (an amended notice)'),
        }),
        response: {
          200: commandResponseSchema.extend({ year: z.string(), calendarVersion: z.string(), years: z.array(z.number()) }),
          400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema, 422: problemSchema,
        },
      },
    }, async (request, reply) => {
      const { year } = request.params;
      const { commandId, source, off, work, replaceExisting } = request.body;
      try {
        parseCalendarData({ source, timezone: 'Asia/Shanghai', years: { [year]: { off, work } } });
      } catch (error) {
        if (!(error instanceof CalendarDataError)) throw error;
        const errors: FieldError[] = error.issues.map((issue) => ({ field: fieldOf(issue.path, year), rule: 'calendar', message: issue.message }));
        throw new HttpProblem(400, 'Bad Request', problemTypes.validation, `${errors.length} problem(s) in the calendar year; nothing was loaded.`, { errors });
      }
      const now = options.clock();
      const calendarBook = book();
      const result = await handleCommand({
        store: app.eventStore,
        registry: calendarEvents,
        streamName: officialCalendarStream,
        decider: calendarBook.decider(),
        command: { type: 'LoadOfficialCalendarYear', data: { year, off, work, source, replaceExisting, loadedBy: actorOf(request).id, loadedAt: now } },
        context: commandContextOf(request, commandId, now),
      });
      await calendarBook.refresh();
      const { calendar } = calendarBook.current();
      return { year, calendarVersion: calendar.version, years: [...calendar.years], ...commandReply(reply, result) };
    });
  };
}
