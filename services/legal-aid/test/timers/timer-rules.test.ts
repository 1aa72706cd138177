// The timer rules folded by @bureau/durable-timers' own pure applyChange: each timer is due at the moment
// the file records, the review clock pauses on a materials request and resumes with what was left (across
// the National Day week), a received transfer keeps the original receipt's clock, and each overdue event
// marks its timer fired.
import t from 'tap';
import { applyChange, type TimerRow } from '@bureau/durable-timers';
import type { LegalAidEvent } from '../../src/domain/index.js';
import { timerChangesOf, timerCommandOf } from '../../src/timers/timer-rules.js';
import { calendar, iso } from '../domain/support/fixtures.js';
import { custodyLife, deemedWithdrawnLife, notifiedLife, transferLife } from '../support/lives.js';

/** The timer rows after folding the events' changes, by kind. */
function timersAfter(events: readonly LegalAidEvent[]): Map<string, TimerRow> {
  const rows = new Map<string, TimerRow>();
  for (const event of events) {
    for (const change of timerChangesOf(event)) {
      const next = applyChange(rows.get(change.timer), change, { subjectId: 'app', recordedAt: new Date(), calendar: () => calendar });
      if (next) rows.set(change.timer, next);
    }
  }
  return rows;
}

const stateOf = (rows: Map<string, TimerRow>, kind: string) => {
  const row = rows.get(kind);
  return row && { state: row.state, dueAt: row.due_at_iso, remaining: row.remaining };
};

t.test('Art. 43: the review timer pauses on materials requested and resumes with the working days left, across the holiday', async (t) => {
  const life = custodyLife();
  const upTo = (type: LegalAidEvent['type']) => life.slice(0, life.findIndex((e) => e.type === type) + 1);
  const submitted = upTo('ApplicationSubmitted').at(-1);
  if (submitted?.type !== 'ApplicationSubmitted') throw new Error('no submission');
  t.match(stateOf(timersAfter(upTo('ApplicationSubmitted')), 'review'), { state: 'pending', dueAt: submitted.data.review.dueAt });
  t.match(stateOf(timersAfter(upTo('ApplicationSubmitted')), 'custody_forwarding'), { state: 'fired' }, 'the forwarding timer fired before arrival');
  t.match(stateOf(timersAfter(upTo('MaterialsRequested')), 'review'), { state: 'paused', remaining: 4 });
  t.match(stateOf(timersAfter(upTo('MaterialsRequested')), 'materials'), { state: 'pending', dueAt: iso('2025-10-28 00:00') });
  const supplied = upTo('MaterialsSupplied');
  const resumed = supplied.at(-1);
  if (resumed?.type !== 'MaterialsSupplied') throw new Error('no supply');
  // The timer's own arithmetic gives the moment the file records: the end of Tuesday 14 October.
  t.equal(resumed.data.review.dueAt, iso('2025-10-15 00:00'));
  t.match(stateOf(timersAfter(supplied), 'review'), { state: 'pending', dueAt: resumed.data.review.dueAt });
  t.match(stateOf(timersAfter(supplied), 'materials'), { state: 'cancelled' });
});

t.test('the assignment, objection and review timers follow the decisions', async (t) => {
  const life = custodyLife();
  const rows = timersAfter(life);
  t.match(stateOf(rows, 'review'), { state: 'cancelled' }, 'approved: the review timer is done');
  t.match(stateOf(rows, 'assignment'), { state: 'cancelled' }, 'the preliminary lawyer was assigned in time');
  t.match(stateOf(rows, 'objection'), { state: 'fired', dueAt: iso('2025-11-12 00:00') }, 'the objection went overdue, then was decided');
});

t.test('市域通办: a received transfer restarts the review from the ORIGINAL receipt; the overdue event marks it fired', async (t) => {
  const life = transferLife();
  const received = life.find((e) => e.type === 'TransferredApplicationReceived');
  t.match(received?.data, { review: { countedFrom: iso('2025-11-03 10:00'), dueAt: iso('2025-11-13 00:00') } });
  const untilOverdue = life.slice(0, life.findIndex((e) => e.type === 'ReviewOverdue') + 1);
  t.match(stateOf(timersAfter(untilOverdue), 'review'), { state: 'fired', dueAt: iso('2025-11-13 00:00') });
  t.match(stateOf(timersAfter(life), 'objection'), { state: 'cancelled' }, 'upheld in time');
});

t.test('Arts. 25, 35-36: the notified case\'s assignment timer, fired when overdue', async (t) => {
  const life = notifiedLife();
  t.match(stateOf(timersAfter(life.slice(0, 1)), 'assignment'), { state: 'pending', dueAt: iso('2025-11-07 00:00') });
  t.match(stateOf(timersAfter(life), 'assignment'), { state: 'fired' });
});

t.test('视为撤回: the materials timer fires the deemed withdrawal and the review timer ends', async (t) => {
  const rows = timersAfter(deemedWithdrawnLife());
  t.match(stateOf(rows, 'materials'), { state: 'fired', dueAt: iso('2025-11-26 00:00') });
  t.match(stateOf(rows, 'review'), { state: 'cancelled' });
});

t.test('each timer kind fires the command that records its overdue event', async (t) => {
  const dueAt = new Date(iso('2025-11-13 00:00'));
  t.strictSame(timerCommandOf('review', dueAt), { type: 'RecordReviewOverdue', data: { dueAt } });
  t.strictSame(timerCommandOf('materials', dueAt), { type: 'RecordDeemedWithdrawn', data: { dueAt } });
  t.strictSame(timerCommandOf('assignment', dueAt), { type: 'RecordAssignmentOverdue', data: { dueAt } });
  t.strictSame(timerCommandOf('objection', dueAt), { type: 'RecordObjectionDecisionOverdue', data: { dueAt } });
  t.strictSame(timerCommandOf('custody_forwarding', dueAt), { type: 'RecordCustodyForwardingOverdue', data: { dueAt } });
});

t.test('the types the timers pass by unread are exactly those that change no timer', async (t) => {
  const { typesWithoutTimers, legalAidTimerRules } = await import('../../src/timers/timer-rules.js');
  const events = [...custodyLife(), ...deemedWithdrawnLife(), ...notifiedLife(), ...transferLife()];
  const seen = new Set<string>();
  for (const event of events) {
    seen.add(event.type);
    t.equal(typesWithoutTimers.has(event.type), timerChangesOf(event).length === 0, `${event.type}: passed by only if it changes no timer`);
  }
  t.ok([...typesWithoutTimers].some((type) => seen.has(type)), 'the lives hold some of them');
  // Passed by without being read: an event of such a type never reaches the registry.
  const rules = legalAidTimerRules(() => { throw new Error('read'); });
  const recorded = (type: string) => ({ type, streamName: 'legalAidCase-x', data: {}, metadata: {} }) as unknown as Parameters<typeof rules.changesOf>[0];
  for (const type of typesWithoutTimers) t.strictSame(rules.changesOf(recorded(type)), []);
  t.throws(() => rules.changesOf(recorded('ApplicationSubmitted')), /read/, 'the others are read');
});
