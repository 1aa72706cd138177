// What one try's outcome means for the message: delivered, dead-lettered, or due again later. Pure.
import type { ClaimedMessage, TryOutcome } from './queue-queries.js';
import { budgetSpent, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import type { TransportOutcome } from './transport.js';

/** A try that ended without an outcome: the deliverer stopped (released), or it threw or ran out of time. */
export type TryEnd = TransportOutcome | { readonly kind: 'aborted' };

export function outcomeOfTry(
  message: Pick<ClaimedMessage, 'attempt' | 'budgetStartedAt'>,
  end: TryEnd,
  policy: RetryPolicy,
  now: Date,
  random: number,
): TryOutcome {
  switch (end.kind) {
    case 'aborted':
      return { kind: 'released', at: now };
    case 'delivered':
      return { kind: 'delivered', at: now, status: end.status ?? 0 };
    case 'refused':
      return { kind: 'dead', at: now, status: end.status, error: end.error, reason: end.reason ?? 'rejected', problem: end.problem };
    case 'failed': {
      if (budgetSpent(policy, message.attempt, message.budgetStartedAt, now)) {
        return { kind: 'dead', at: now, status: end.status, error: end.error, reason: 'retry_budget_spent', problem: end.problem };
      }
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(policy, message.attempt, random));
      return { kind: 'retry', at: now, status: end.status, error: end.error, nextAttemptAt };
    }
    default: {
      const unknown: never = end;
      return unknown;
    }
  }
}
