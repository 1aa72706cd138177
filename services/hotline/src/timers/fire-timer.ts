// Firing one timer: RecordSignForOverdue / RecordReplyOverdue through the service's one command path,
// with a command id fixed by the timer and its due time, so firing twice (a crash mid-fire, two loops)
// records one event; the decider answers [] for a deadline met, moved or already recorded.
import { timerCommandId as commandIdOf, type DueTimer, type FireOutcome } from '@bureau/durable-timers';
import type { Actor } from '@bureau/event-store';
import { DomainRuleError, HttpProblem } from '@bureau/service-kit';
import { runWorkOrderCommand, type WorkOrderCommandDeps } from '../commands/run-work-order-command.js';
import type { WorkOrderCommand } from '../domain/index.js';

/** The envelope's actor for what the timers record (the event data says `deadline_timer` too). */
export const deadlineTimerActor: Actor = { id: 'hotline-deadline-timer', role: 'system', organisation: 'hotline-service' };

/** Part of every fire's command id: kept from before the package, so timers set then fire once. */
export const TIMER_COMMAND_PREFIX = 'deadline-timer';

/** The same for every try at the same timer and due time: the key that makes firing idempotent. */
export function timerCommandId(timer: Pick<DueTimer, 'timer_id' | 'due_at_iso'>): string {
  return commandIdOf(TIMER_COMMAND_PREFIX, timer);
}

export function timerCommand(timer: Pick<DueTimer, 'kind' | 'due_at_iso'>): WorkOrderCommand {
  const dueAt = new Date(timer.due_at_iso);
  return timer.kind === 'sign_for' ? { type: 'RecordSignForOverdue', data: { dueAt } } : { type: 'RecordReplyOverdue', data: { dueAt } };
}

export async function fireTimer(deps: WorkOrderCommandDeps, timer: DueTimer, now: Date, actor: Actor = deadlineTimerActor): Promise<Exclude<FireOutcome, 'refused'>> {
  const result = await runWorkOrderCommand(deps, {
    workOrderId: timer.subject_id,
    command: timerCommand(timer),
    now,
    context: { commandId: timerCommandId(timer), actor, occurredAt: now },
  });
  if (result.alreadyApplied) return 'already_recorded';
  return result.events.length > 0 ? 'recorded' : 'not_needed';
}

/** A refusal that will not change on retry (a broken rule, an unknown order); a 5xx-like trouble may pass. */
export function permanentRefusal(error: unknown): string | undefined {
  if (error instanceof DomainRuleError) return error.rule;
  if (error instanceof HttpProblem && error.status < 500) return `http_${error.status}`;
  return undefined;
}
