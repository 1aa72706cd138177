// The one backoff every loop uses (projection batches, outbox tries, timer fires): exponential from a
// base, capped, and shortened at random by up to `jitter` so that many instances do not retry in step.

export interface Backoff {
  /** Delay before the first retry. */
  readonly baseDelayMs: number;
  /** Each further retry waits this many times longer (default 2)... */
  readonly factor?: number;
  /** ...up to this. */
  readonly maxDelayMs: number;
  /** Each delay is shortened by up to this fraction (0 to 1) at random; default 0. */
  readonly jitter?: number;
}

/** Delay before retry number `retry` (1 = the first retry, after the first failed try). `random` in [0, 1). */
export function backoffDelayMs(backoff: Backoff, retry: number, random = 0): number {
  const exponent = Math.max(0, retry - 1);
  const factor = backoff.factor ?? 2;
  // Capped before the power overflows: factor^exponent grows past any cap within a few dozen tries.
  const raw = exponent > 60 ? backoff.maxDelayMs : backoff.baseDelayMs * factor ** exponent;
  const capped = Math.min(backoff.maxDelayMs, raw);
  return Math.round(capped * (1 - (backoff.jitter ?? 0) * random));
}
