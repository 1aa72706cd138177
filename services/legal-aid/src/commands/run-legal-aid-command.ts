// The one way the service changes a legal-aid file: the decider bound to the moment, the rules of the
// acting office's district, the acting organisation and the city's offices, run through the kit's
// handleCommand (read, decide, append guarded by revision, idempotent per commandId). A file out of the
// caller's reach is answered as one that does not exist (the same 404), before anything else is said.
import type { EventStore } from '@bureau/event-store';
import { handleCommand, HttpProblem, notFound, type CommandContext, type CommandResult } from '@bureau/service-kit';
import type { Decider } from '@bureau/service-kit/domain';
import { CalendarYearMissingError } from '@bureau/working-calendar';
import {
  decide,
  evolve,
  initialState,
  LegalAidRuleBroken,
  legalAidStreamName,
  type ActingOrganisation,
  type LegalAidCommand,
  type LegalAidEvent,
  type LegalAidRules,
  type LegalAidState,
  type OfficeDirectory,
} from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';

export interface LegalAidCommandDeps {
  readonly store: EventStore;
  /** The rules in force for an acting organisation (its district's limits on the official calendar). */
  readonly rulesFor: (organisationId: string) => LegalAidRules;
  readonly offices: () => OfficeDirectory;
  /** Re-reads the calendar stream (another instance may have loaded a year); true when it changed. */
  readonly refreshCalendar: () => Promise<boolean>;
}

export interface LegalAidCommandInput {
  readonly caseId: string;
  readonly command: LegalAidCommand;
  readonly context: CommandContext;
  readonly now: Date;
  readonly organisation: ActingOrganisation;
  /** Whether the caller reaches a file any of whose parties is this organisation; omitted for the timers. */
  readonly reaches?: (organisationId: string) => boolean;
}

export const NO_SUCH_FILE = 'No such legal-aid file.';

/** The organisations a file is seen by: who received it, who holds it, who is competent, who transferred it out. */
export function partiesOf(state: LegalAidState): string[] {
  switch (state.status) {
    case 'none':
      return [];
    case 'awaiting_custody_forwarding':
      return [state.receivingOrganisationId];
    default:
      return [...new Set([state.receivingOrganisationId, state.holderOfficeId, state.competentOfficeId, ...(state.transfer ? [state.transfer.fromOfficeId] : [])])];
  }
}

export const authorizeFor = (reaches: (organisationId: string) => boolean) => (state: LegalAidState): void => {
  if (state.status !== 'none' && !partiesOf(state).some(reaches)) throw notFound(NO_SUCH_FILE);
};

export function boundDecider(now: Date, rules: LegalAidRules, organisation: ActingOrganisation, offices: OfficeDirectory): Decider<LegalAidState, LegalAidCommand, LegalAidEvent> {
  return { initialState, evolve, decide: (command, state) => decide(command, state, { now, rules, organisation, offices }) };
}

function translated(error: unknown): unknown {
  if (error instanceof LegalAidRuleBroken && error.rule === 'not_found') return notFound(NO_SUCH_FILE);
  if (error instanceof CalendarYearMissingError) return calendarYearMissing(error.year);
  return error;
}

/** A configuration problem, not the caller's: nothing is recorded on a guessed deadline. */
export function calendarYearMissing(year: number): HttpProblem {
  return new HttpProblem(503, 'Working-day calendar not loaded', 'urn:bureau:problem:calendar-year-missing',
    `${year}年的工作日历尚未加载，无法计算时限；未记录任何内容 / no working-day calendar is loaded for ${year}: nothing was recorded.`,
    { rule: 'calendar_year_missing', year });
}

/** Runs `attempt`, once more after refreshing the calendar when a year was missing; errors translated. */
export async function withCalendar<T>(deps: Pick<LegalAidCommandDeps, 'refreshCalendar'>, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof CalendarYearMissingError && (await deps.refreshCalendar())) {
      try {
        return await attempt();
      } catch (again) {
        throw translated(again);
      }
    }
    throw translated(error);
  }
}

export async function runLegalAidCommand(deps: LegalAidCommandDeps, input: LegalAidCommandInput): Promise<CommandResult<LegalAidEvent>> {
  return withCalendar(deps, () =>
    handleCommand({
      store: deps.store,
      registry: legalAidEvents,
      streamName: legalAidStreamName(input.caseId),
      decider: boundDecider(input.now, deps.rulesFor(input.organisation.id), input.organisation, deps.offices()),
      command: input.command,
      context: input.context,
      ...(input.reaches ? { authorize: authorizeFor(input.reaches) } : {}),
    }),
  );
}
