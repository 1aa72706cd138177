// A restatement as the services answer it: the figure as closed, now, and the events recorded after the
// close that moved it (moved-by.ts), bounded: the first `EVENTS_PER_FIGURE` in $all order, how many there
// are, and a link to the next ones (the same route with `restated=<figure>&eventsAfter=<position>`).
import { comparePositions, parsePosition, type GlobalPosition } from '@bureau/event-store';
import { z } from 'zod';
import type { MovingEvent } from './moved-by.js';
import type { Restated } from './period-closes.js';

export const EVENTS_PER_FIGURE = 20;

const positionText = z.string().regex(/^\d{1,20}\/\d{1,20}$/, 'a position "commit/prepare"');

/** The query a statistics route takes to page one figure's events. */
export const restatementPageQuery = {
  restated: z.string().min(1).max(200).optional().describe('A restated figure whose events to page (with eventsAfter).'),
  eventsAfter: positionText.optional().describe('With restated: list that figure\'s events after this position (the last one listed).'),
};

export const movingEventSchema = z.object({
  eventId: z.string(),
  streamName: z.string(),
  caseId: z.string().describe('The case to open in the audit service (/cases/:kind/:caseId/history)'),
  eventType: z.string(),
  recordedAt: z.string(),
  actor: z.object({ id: z.string(), role: z.string(), organisation: z.string() }).nullable().describe('Who recorded it (the event\'s metadata)'),
  position: z.string().describe('Its position in $all, "commit/prepare" (after the close\'s)'),
});

export const restatementSchema = z.object({
  figure: z.string(),
  asClosed: z.number().nullable(),
  now: z.number().nullable(),
  events: z.array(movingEventSchema).describe(`The events recorded after the close that moved the figure, in $all order (at most ${EVENTS_PER_FIGURE}); none when only time moved it (a month that ended since)`),
  eventCount: z.number().describe('How many events moved it'),
  moreEvents: z.string().nullable().describe('The next events of this figure (the same route, restated=<figure>&eventsAfter=<position>); null: all listed'),
});

export interface Restatement extends Restated {
  readonly events: MovingEvent[];
  readonly eventCount: number;
  readonly moreEvents: string | null;
}

export interface RestatementPage {
  readonly restated?: string | undefined;
  readonly eventsAfter?: string | undefined;
}

/**
 * Each restated figure with the events that moved it, bounded. `link(figure, after)` is the address of
 * the next page (the route's own path with its query and restated/eventsAfter set).
 */
export function withEvents(
  restated: readonly Restated[],
  moved: ReadonlyMap<string, readonly MovingEvent[]>,
  page: RestatementPage,
  link: (figure: string, after: string) => string,
): Restatement[] {
  const after: GlobalPosition | undefined = page.eventsAfter === undefined ? undefined : parsePosition(page.eventsAfter);
  return restated.map((r) => {
    const all = moved.get(r.figure) ?? [];
    const from = after !== undefined && page.restated === r.figure ? all.filter((e) => comparePositions(parsePosition(e.position)!, after) > 0) : all;
    const events = from.slice(0, EVENTS_PER_FIGURE);
    const last = events.at(-1);
    return { ...r, events, eventCount: all.length, moreEvents: from.length > events.length && last ? link(r.figure, last.position) : null };
  });
}

/** `path?query` with restated and eventsAfter set (the link to a figure's next events). */
export function pageLinkOf(path: string, query: Readonly<Record<string, unknown>>) {
  return (figure: string, after: string) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && k !== 'restated' && k !== 'eventsAfter') params.set(k, v);
    params.set('restated', figure);
    params.set('eventsAfter', after);
    return `${path}?${params.toString()}`;
  };
}
