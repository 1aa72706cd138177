// The one way the service changes a work order: the decider bound to the moment and the rules in force,
// run through the kit's handleCommand (read, decide, append guarded by revision, idempotent per commandId),
// with the domain's errors turned into the kit's: a broken rule → 422, an order never dispatched → 404,
// a deadline in a year with no calendar → 503 (see calendarYearMissing).
import type { EventStore } from '@bureau/event-store';
import { DomainRuleError, handleCommand, HttpProblem, notFound, type CommandContext, type CommandResult } from '@bureau/service-kit';
import { CalendarYearMissingError } from '@bureau/working-calendar';
import type { Decider } from '@bureau/service-kit/domain';
import type { CalendarBook } from '../calendar/calendar-book.js';
import {
  decide,
  evolve,
  initialState,
  WorkOrderRuleBroken,
  type HotlineRules,
  type WorkOrderCommand,
  type WorkOrderEvent,
  type WorkOrderState,
} from '../domain/index.js';
import type { WorkOrderEventRegistry } from '../events/work-order-events.js';
import { workOrderStreamOf } from '../work-order-id.js';

export interface WorkOrderCommandDeps {
  readonly store: EventStore;
  readonly calendar: CalendarBook;
  /** The stored events, read with this deployment's ownership of older orders. */
  readonly events: WorkOrderEventRegistry;
}

export interface WorkOrderCommandInput {
  readonly workOrderId: string;
  readonly command: WorkOrderCommand;
  readonly context: CommandContext;
  /** When the decision is made: the clock for the centre's commands, occurredAt for the platform's messages. */
  readonly now: Date;
  /**
   * Whether the caller reaches an order owned by this organisation (staff: their reach; the platform
   * reaches the orders it dispatched, checked by the decider). An order out of reach is answered as one
   * never dispatched.
   */
  readonly reaches?: (owner: string) => boolean;
}

export function boundDecider(now: Date, rules: HotlineRules): Decider<WorkOrderState, WorkOrderCommand, WorkOrderEvent> {
  return { initialState, evolve, decide: (command, state) => decide(command, state, { now, rules }) };
}

/**
 * A configuration problem, not the caller's: 503, so the 12345 platform keeps redelivering (it retries
 * 5xx, and gives up on 4xx) until an administrator has loaded the year. Never a guessed deadline.
 */
export function calendarYearMissing(year: number): HttpProblem {
  return new HttpProblem(
    503,
    'Working-day calendar not loaded',
    'urn:bureau:problem:calendar-year-missing',
    `${year}年的工作日历尚未加载，无法计算时限；未记录任何内容 / no official working-day calendar is loaded for ${year}, so the deadline cannot be computed and nothing was recorded. An administrator loads it with PUT /calendar/years/${year}.`,
    { rule: 'calendar_year_missing', year },
  );
}

/** An order outside the caller's reach is, to them, an order never dispatched (the same 404). */
const authorizeFor = (reaches: (owner: string) => boolean) => (state: WorkOrderState): void => {
  if (state.status !== 'not_dispatched' && !reaches(state.owner)) throw new WorkOrderRuleBroken('not_dispatched');
};

function translated(error: unknown): unknown {
  if (!(error instanceof WorkOrderRuleBroken)) return error;
  if (error.rule === 'not_dispatched') return notFound('No such work order: it has not been dispatched to the centre.');
  return new DomainRuleError(error.rule, error.detail);
}

export async function runWorkOrderCommand(deps: WorkOrderCommandDeps, input: WorkOrderCommandInput): Promise<CommandResult<WorkOrderEvent>> {
  let rulesUsed = deps.calendar.rules();
  const attempt = async () => {
    rulesUsed = deps.calendar.rules();
    try {
      return await handleCommand({
        store: deps.store,
        registry: deps.events,
        streamName: workOrderStreamOf(input.workOrderId),
        decider: boundDecider(input.now, rulesUsed),
        command: input.command,
        context: input.context,
        // A dispatch is the order's first event: appended without reading first (handleCommand).
        startsStream: (command) => command.type === 'DispatchWorkOrder',
        ...(input.reaches ? { authorize: authorizeFor(input.reaches) } : {}),
      });
    } catch (error) {
      throw translated(error);
    }
  };
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
    // Another instance may have loaded the year since this one last read the calendar stream. The
    // subscription may have brought it in while this command ran: what counts is whether the rules now
    // differ from the ones the command was decided with, not whether this very refresh changed them.
    await deps.calendar.refresh();
    if (deps.calendar.rules() === rulesUsed) throw calendarYearMissing(error.year);
    try {
      return await attempt();
    } catch (again) {
      throw again instanceof CalendarYearMissingError ? calendarYearMissing(again.year) : again;
    }
  }
}
