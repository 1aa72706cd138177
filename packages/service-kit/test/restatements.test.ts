// A restatement's events are bounded: the first EVENTS_PER_FIGURE in store order, how many, and a link
// to the next ones that pages one figure (the others keep their first page); changedStreams names the
// streams whose rows' revisions differ between the close and now.
import t from 'tap';
import { changedStreams, mergeMoved, type MovingEvent } from '../src/periods/moved-by.js';
import { EVENTS_PER_FIGURE, pageLinkOf, withEvents } from '../src/periods/restatements.js';

const event = (i: number): MovingEvent => ({
  eventId: `e${i}`, streamName: `hotlineWorkOrder-o${i}`, caseId: `o${i}`, eventType: 'WorkOrderDispatched',
  recordedAt: '2026-03-20T02:00:00.000Z', actor: { id: 'platform', role: 'hotline_integration', organisation: 'gz12345' }, position: `${100 + i}/${i}`,
});

t.test('at most EVENTS_PER_FIGURE events a figure, a count and the link to the next ones', async (t) => {
  const many = Array.from({ length: EVENTS_PER_FIGURE + 5 }, (_, i) => event(i));
  const moved = new Map([['dispatched', many], ['rated', [event(99)]]]);
  const restated = [{ figure: 'dispatched', asClosed: 3, now: 28 }, { figure: 'rated', asClosed: 0, now: 1 }, { figure: 'overdue', asClosed: 1, now: 0 }];
  const link = pageLinkOf('/reports/monthly/2026-03', { after: '7/7' });
  const first = withEvents(restated, moved, {}, link);
  t.equal(first[0]!.events.length, EVENTS_PER_FIGURE);
  t.equal(first[0]!.eventCount, EVENTS_PER_FIGURE + 5);
  const last = many[EVENTS_PER_FIGURE - 1]!.position;
  t.equal(first[0]!.moreEvents, `/reports/monthly/2026-03?after=7%2F7&restated=dispatched&eventsAfter=${encodeURIComponent(last)}`);
  t.same(first[1], { figure: 'rated', asClosed: 0, now: 1, events: [event(99)], eventCount: 1, moreEvents: null }, 'all listed: no link');
  t.same(first[2], { figure: 'overdue', asClosed: 1, now: 0, events: [], eventCount: 0, moreEvents: null }, 'moved by nothing recorded: none');

  const next = withEvents(restated, moved, { restated: 'dispatched', eventsAfter: last }, link);
  t.same(next[0]!.events.map((e) => e.eventId), many.slice(EVENTS_PER_FIGURE).map((e) => e.eventId), 'the next page: the rest');
  t.equal(next[0]!.moreEvents, null);
  t.same(next[1]!.events, [event(99)], 'another figure keeps its first page');
});

t.test('changedStreams: new, changed and gone rows; unchanged ones left out', async (t) => {
  const atClose = new Map([['a', 3n], ['b', 5n], ['c', 1n]]);
  const now = new Map([['a', 3n], ['b', 7n], ['d', 0n]]);
  t.same(changedStreams(atClose, now), [
    { streamName: 'b', atClose: 5n, now: 7n },
    { streamName: 'c', atClose: 1n, now: null },
    { streamName: 'd', atClose: null, now: 0n },
  ]);
});

t.test('mergeMoved keeps store order across closes', async (t) => {
  const merged = mergeMoved(new Map([['x', [event(3)]]]), new Map([['x', [event(1), event(5)]], ['y', [event(2)]]]));
  t.same(merged.get('x')!.map((e) => e.eventId), ['e1', 'e3', 'e5']);
  t.same(merged.get('y')!.map((e) => e.eventId), ['e2']);
});
