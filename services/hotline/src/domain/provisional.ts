// A citizen's order is never kept out for want of a calendar (domain reference §4). Decided on the
// official calendar; where a deadline reaches into a year whose official calendar is not loaded yet, it is
// counted by weekday alone and the events that record deadlines name the years so counted
// (`provisionalYears`). When the year is loaded, RecomputeDeadlines counts them again (decide/recompute.ts).
import { officialOrProvisional, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { WorkOrderCommand } from './commands.js';
import { decide } from './decide.js';
import type { WorkOrderEvent } from './events.js';
import type { DecisionContext } from './rules.js';
import type { WorkOrderState } from './state.js';

function stamped(event: WorkOrderEvent, provisionalYears: number[]): WorkOrderEvent {
  switch (event.type) {
    case 'WorkOrderDispatched':
    case 'ExtensionApproved':
    case 'WorkOrderRedoRequested':
    case 'DeadlinesRecomputed':
      return { ...event, data: { ...event.data, provisionalYears } } as WorkOrderEvent;
    default:
      return event;
  }
}

/** A recount that changes nothing (the same deadlines, still provisional in the same years) is not recorded. */
function changesSomething(event: WorkOrderEvent): boolean {
  if (event.type !== 'DeadlinesRecomputed') return true;
  const { previous, signForDueAt, replyDueAt, returnWindowEndsAt, provisionalYears } = event.data;
  return (
    previous.signForDueAt !== signForDueAt ||
    previous.replyDueAt !== replyDueAt ||
    previous.returnWindowEndsAt !== returnWindowEndsAt ||
    previous.provisionalYears.join() !== provisionalYears.join()
  );
}

/**
 * `decide` on `official`, falling back to a provisional count where it needs a year not loaded.
 * `context.rules` must have been built on `official` (the calendar book's view gives both).
 */
export function decideCountingProvisionally(
  command: WorkOrderCommand,
  state: WorkOrderState,
  context: DecisionContext,
  official: OfficialWorkingCalendar,
): WorkOrderEvent[] {
  const { value, provisionalYears } = officialOrProvisional(official, (calendar) =>
    decide(command, state, { ...context, rules: { ...context.rules, calendar } }),
  );
  const events = provisionalYears.length === 0 ? value : value.map((event) => stamped(event, [...provisionalYears]));
  return events.filter(changesSomething);
}
