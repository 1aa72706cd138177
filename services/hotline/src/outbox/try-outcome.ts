// What one try's answer means for the message: delivered, dead-lettered, or due again later. Pure.
import type { CallAnswer } from './platform-call.js';
import { verdictOf } from './platform-call.js';
import type { ClaimedMessage, TryOutcome } from './outbox-queries.js';
import { budgetSpent, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export function outcomeOfTry(
  message: Pick<ClaimedMessage, 'attempt' | 'budgetStartedAt'>,
  answer: CallAnswer,
  policy: RetryPolicy,
  now: Date,
  random: number,
): TryOutcome {
  if (answer.kind === 'aborted') return { kind: 'released', at: now };
  const status = answer.kind === 'answered' ? answer.status : null;
  const verdict = verdictOf(answer);
  if (verdict === 'delivered') return { kind: 'delivered', at: now, status: status ?? 0 };
  const error = answer.kind === 'answered' ? `http ${answer.status}` : answer.error;
  if (verdict === 'rejected') {
    return { kind: 'dead', at: now, status, error, reason: 'rejected', problem: answer.kind === 'answered' ? answer.body : undefined };
  }
  if (budgetSpent(policy, message.attempt, message.budgetStartedAt, now)) {
    return { kind: 'dead', at: now, status, error, reason: 'retry_budget_spent', problem: answer.kind === 'answered' ? answer.body : undefined };
  }
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(policy, message.attempt, random));
  return { kind: 'retry', at: now, status, error, nextAttemptAt };
}
