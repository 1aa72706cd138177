// When the outbox tries a message again after its destination failed to take it (down, busy, no answer),
// and when it gives up. The 12345 protocol, the first user: "5xx or no answer ... the centre retries with exponential backoff;
// after the retry budget the message is dead-lettered". The budget must outlast a platform outage of an
// hour with room to spare, so by default it is a day.

import { backoffDelayMs } from '@bureau/loop-kit';

export interface RetryPolicy {
  /** Delay before the first retry. */
  readonly baseDelayMs: number;
  /** Each further retry waits this many times longer... */
  readonly factor: number;
  /** ...up to this. */
  readonly maxDelayMs: number;
  /** Each delay is shortened by up to this fraction at random, so many instances do not retry in step. */
  readonly jitter: number;
  /** Dead-letter once this long has passed since the first try (or since staff last retried it). */
  readonly budgetMs: number;
  /** ...or after this many tries, whichever comes first. */
  readonly maxAttempts: number;
}

const HOUR = 3_600_000;

/** 1 s doubling, capped at 5 min, for a day (about 300 tries). */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  baseDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 5 * 60_000,
  jitter: 0.2,
  budgetMs: 24 * HOUR,
  maxAttempts: 400,
});

/** The shortest outage the protocol asks the outbox to ride out without a dead letter. */
export const OUTAGE_TO_SURVIVE_MS = HOUR;

/** Delay after the `attempt`-th failed try (1-based). `random` in [0, 1). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: number): number {
  return backoffDelayMs(policy, attempt, random);
}

/** True when a message that has failed `attempts` times since `budgetStartedAt` must be given up at `now`. */
export function budgetSpent(policy: RetryPolicy, attempts: number, budgetStartedAt: Date, now: Date): boolean {
  return attempts >= policy.maxAttempts || now.getTime() - budgetStartedAt.getTime() >= policy.budgetMs;
}

/**
 * How long an outage the policy rides out at the least: the time until the last try the budget allows,
 * with every delay at its shortest (full jitter). Used to refuse a configuration that would lose
 * messages to a one-hour outage.
 */
export function outageCoveredMs(policy: RetryPolicy): number {
  let covered = 0;
  for (let attempt = 1; attempt < policy.maxAttempts && covered < policy.budgetMs; attempt += 1) {
    covered += retryDelayMs(policy, attempt, 1);
  }
  return Math.min(covered, policy.budgetMs);
}

/** Throws RangeError on a policy that is malformed; `requireHour` also refuses one that gives up within an hour. */
export function checkRetryPolicy(policy: RetryPolicy, requireHour: boolean): RetryPolicy {
  const positive = (name: string, value: number) => {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`outbox retry ${name} must be > 0, got ${value}`);
  };
  positive('baseDelayMs', policy.baseDelayMs);
  positive('maxDelayMs', policy.maxDelayMs);
  positive('budgetMs', policy.budgetMs);
  if (!(policy.factor >= 1)) throw new RangeError(`outbox retry factor must be >= 1, got ${policy.factor}`);
  if (!(policy.jitter >= 0 && policy.jitter < 1)) throw new RangeError(`outbox retry jitter must be in [0, 1), got ${policy.jitter}`);
  if (!(Number.isInteger(policy.maxAttempts) && policy.maxAttempts >= 1)) {
    throw new RangeError(`outbox retry maxAttempts must be a whole number >= 1, got ${policy.maxAttempts}`);
  }
  if (requireHour && outageCoveredMs(policy) < OUTAGE_TO_SURVIVE_MS) {
    throw new RangeError(`the outbox retry budget rides out only ${Math.round(outageCoveredMs(policy) / 60_000)} min of outage; the protocol needs at least an hour`);
  }
  return policy;
}
