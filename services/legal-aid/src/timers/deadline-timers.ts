// Durable timers (期限计时器) of legal-aid files: the mechanism is @bureau/durable-timers; the rules are
// timer-rules.ts (which events start, pause, resume, cancel a limit); a fire runs the domain's overdue
// command (timerCommandOf) through the service's one command path, with the timer's own command id, so a
// second fire records nothing more and the decider answers [] for a limit met or moved.
import { createDurableTimers, type DueTimer, type FireOutcome } from '@bureau/durable-timers';
import type { TimerCalendar } from '@bureau/durable-timers/arithmetic';
import type { OfficialWorkingCalendar } from '@bureau/working-calendar';
import type { ProjectionEngine } from '@bureau/projections';
import { DomainRuleError, HttpProblem } from '@bureau/service-kit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runLegalAidCommand, type LegalAidCommandDeps } from '../commands/run-legal-aid-command.js';
import { legalAidEvents } from '../events/application-events.js';
import { legalAidTimerKinds, legalAidTimerRules, timerCommandOf, type LegalAidTimerKind } from './timer-rules.js';

export const TIMERS_PROJECTION = 'legal_aid_timers';
export const TIMERS_TABLE = 'legal_aid_timers';
export const TIMER_COMMAND_PREFIX = 'legal-aid-timer';
/** Who the envelope says recorded an overdue limit. */
export const timerActor = { id: 'legal-aid-deadline-timer', role: 'system', organisation: 'legal-aid-service' } as const;

/**
 * The calendar the timers count on: the official one, and by weekday alone for a year not loaded yet,
 * exactly as the decider computed the due moment it recorded (provisionalYears). Without it, a limit
 * reaching into next year before its calendar is published would stop the timers' projection. Made once
 * per calendar (the projection asks for it at every limit started, paused or resumed: a rebuild's
 * tens of thousands).
 */
export function provisionalWhereMissing(calendar: OfficialWorkingCalendar): TimerCalendar {
  let made = countedOn.get(calendar);
  if (!made) countedOn.set(calendar, (made = weekdayWhereMissing(calendar)));
  return made;
}
const countedOn = new WeakMap<OfficialWorkingCalendar, TimerCalendar>();

function weekdayWhereMissing(calendar: OfficialWorkingCalendar): TimerCalendar {
  const counted = calendar.provisional(() => undefined);
  return {
    version: calendar.version,
    years: calendar.years,
    isWorkingDay: (date) => counted.isWorkingDay(date),
    addWorkingDays: (from, days) => counted.addWorkingDays(from, days),
    addWorkingHours: (from, hours) => counted.addWorkingHours(from, hours),
    officeHours: calendar.officeHours,
  };
}

const isKind = (kind: string): kind is LegalAidTimerKind => (legalAidTimerKinds as readonly string[]).includes(kind);

export async function fireLegalAidTimer(deps: LegalAidCommandDeps & { readonly cityId: string }, timer: DueTimer, commandId: string, now: Date): Promise<Exclude<FireOutcome, 'refused'>> {
  if (!isKind(timer.kind)) throw new DomainRuleError('unknown_timer', `no such legal-aid timer kind: ${timer.kind}`);
  const result = await runLegalAidCommand(deps, {
    caseId: timer.subject_id,
    command: timerCommandOf(timer.kind, new Date(timer.due_at_iso)),
    now,
    organisation: { id: deps.cityId, kind: 'city' },
    context: { commandId, actor: timerActor, occurredAt: now },
  });
  if (result.alreadyApplied) return 'already_recorded';
  return result.events.length > 0 ? 'recorded' : 'not_needed';
}

/** A refusal that will not change on retry (a broken rule, a missing file). */
export function permanentRefusal(error: unknown): string | undefined {
  if (error instanceof DomainRuleError) return error.rule;
  if (error instanceof HttpProblem && error.status < 500) return `http_${error.status}`;
  return undefined;
}

export interface LegalAidTimersControl {
  wake(): void;
  fireDue(): Promise<number>;
  readonly engine: ProjectionEngine;
}

declare module 'fastify' {
  interface FastifyInstance {
    legalAidTimers: LegalAidTimersControl;
  }
}

export interface TimersPluginOptions {
  readonly deps: LegalAidCommandDeps & { readonly cityId: string };
  readonly clock: () => Date;
  readonly maxSleepMs: number;
  readonly fire: boolean;
  /** false: neither the schedule nor the loop runs here (another process keeps them). */
  readonly run: boolean;
  readonly busyLingerMs: number;
}

async function timersPlugin(app: FastifyInstance, options: TimersPluginOptions) {
  const timers = createDurableTimers({
    store: app.eventStore,
    pool: app.pg,
    db: app.db,
    name: TIMERS_PROJECTION,
    version: 1,
    table: TIMERS_TABLE,
    rules: legalAidTimerRules((recorded) => legalAidEvents.fromRecorded(recorded)),
    calendar: () => provisionalWhereMissing(app.legalAidCalendarBook.calendarFor()),
    commandIdPrefix: TIMER_COMMAND_PREFIX,
    fire: (timer, { commandId, now }) => fireLegalAidTimer(options.deps, timer, commandId, now),
    refusalOf: permanentRefusal,
    clock: options.clock,
    maxSleepMs: options.maxSleepMs,
    fireInThisProcess: options.fire,
    engine: { busyLingerMs: options.busyLingerMs },
    logger: app.log,
  });
  app.decorate('legalAidTimers', { wake: () => timers.wake(), fireDue: () => timers.fireDue(), engine: timers.engine });
  if (!options.run) return;
  app.addHook('onReady', () => timers.start());
  app.addHook('onClose', () => timers.stop());
}

export const legalAidTimersPlugin = fp(timersPlugin, {
  name: 'legal-aid-timers',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store', 'legal-aid-calendar'],
});
