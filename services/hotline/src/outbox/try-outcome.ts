// What the platform's answer to one call means for the outbox (protocol "Outbound": 2xx accepted, 4xx
// never, 5xx or silence later), as @bureau/outbox's transport outcomes; and, composed with the package's
// rule, what it means for the message. Pure.
import { outcomeOfTry as outcomeOfEnd, type ClaimedMessage, type RetryPolicy, type TryEnd, type TryOutcome } from '@bureau/outbox';
import { verdictOf, type CallAnswer } from './platform-call.js';

export function transportOutcomeOf(answer: CallAnswer): TryEnd {
  if (answer.kind === 'aborted') return { kind: 'aborted' };
  const status = answer.kind === 'answered' ? answer.status : null;
  const verdict = verdictOf(answer);
  if (verdict === 'delivered') return { kind: 'delivered', status: status ?? 0 };
  const error = answer.kind === 'answered' ? `http ${answer.status}` : answer.error;
  const problem = answer.kind === 'answered' ? answer.body : undefined;
  return verdict === 'rejected' ? { kind: 'refused', status, error, problem } : { kind: 'failed', status, error, problem };
}

export function outcomeOfTry(
  message: Pick<ClaimedMessage, 'attempt' | 'budgetStartedAt'>,
  answer: CallAnswer,
  policy: RetryPolicy,
  now: Date,
  random: number,
): TryOutcome {
  return outcomeOfEnd(message, transportOutcomeOf(answer), policy, now, random);
}
