import { backoffDelayMs } from '@bureau/loop-kit';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 10_000 };

/** Delay before try number `attempt` (2 = first retry): exponential, capped (the loop kit's one backoff). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return backoffDelayMs({ baseDelayMs: policy.initialDelayMs, maxDelayMs: policy.maxDelayMs }, attempt - 1);
}
