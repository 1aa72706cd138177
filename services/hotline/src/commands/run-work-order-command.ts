// The one way the service changes a work order: the decider bound to the moment and the rules in force,
// run through the kit's handleCommand (read, decide, append guarded by revision, idempotent per commandId),
// with the domain's errors turned into the kit's: a broken rule → 422, an order never dispatched (or out of
// the caller's reach) → 404. A deadline in a year with no calendar is counted provisionally, never refused.
import type { EventStore } from '@bureau/event-store';
import { DomainRuleError, handleCommand, notFound, type CommandContext, type CommandResult } from '@bureau/service-kit';
import { CalendarYearMissingError, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { Decider } from '@bureau/service-kit/domain';
import type { CalendarBook } from '../calendar/calendar-book.js';
import {
  decide,
  decideCountingProvisionally,
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

export function boundDecider(now: Date, rules: HotlineRules, official?: OfficialWorkingCalendar): Decider<WorkOrderState, WorkOrderCommand, WorkOrderEvent> {
  return {
    initialState,
    evolve,
    decide: official
      ? (command, state) => decideCountingProvisionally(command, state, { now, rules }, official)
      : (command, state) => decide(command, state, { now, rules }),
  };
}

/** An order out of the caller's reach is, to them, an order never dispatched (the same 404). */
const authorizeFor = (reaches: (owner: string) => boolean) => (state: WorkOrderState): void => {
  if (state.status !== 'not_dispatched' && !reaches(state.owner)) throw new WorkOrderRuleBroken('not_dispatched');
};

function translated(error: unknown): unknown {
  if (!(error instanceof WorkOrderRuleBroken)) return error;
  if (error.rule === 'not_dispatched') return notFound('No such work order: it has not been dispatched to the centre.');
  return new DomainRuleError(error.rule, error.detail);
}

/**
 * Decided on the official calendar. A deadline in a year with no calendar loaded first re-reads the
 * calendar stream (another instance may have loaded the year); if the year is still missing, the order
 * is recorded all the same, its deadlines counted provisionally (domain/provisional.ts), never refused:
 * a citizen's order must not wait for the State Council's notice.
 */
export async function runWorkOrderCommand(deps: WorkOrderCommandDeps, input: WorkOrderCommandInput): Promise<CommandResult<WorkOrderEvent>> {
  const attempt = async (decider: Decider<WorkOrderState, WorkOrderCommand, WorkOrderEvent>) => {
    try {
      return await handleCommand({
        store: deps.store,
        registry: deps.events,
        streamName: workOrderStreamOf(input.workOrderId),
        decider,
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
  const rulesUsed = deps.calendar.rules();
  try {
    return await attempt(boundDecider(input.now, rulesUsed));
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
  }
  // The subscription may have brought the year in while this command ran: what counts is whether the
  // rules now differ from the ones the command was decided with, not whether this very refresh changed them.
  await deps.calendar.refresh();
  if (deps.calendar.rules() !== rulesUsed) {
    try {
      return await attempt(boundDecider(input.now, deps.calendar.rules()));
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;
    }
  }
  const view = deps.calendar.current();
  return await attempt(boundDecider(input.now, view.rules, view.calendar));
}
