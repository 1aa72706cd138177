// The platform being down, on purpose: so the centre's outbox shows it retries (5xx) and recovers.
export interface OutageState {
  readonly down: boolean;
  /** Calls still to be failed before the platform answers normally again. */
  readonly failNext: number;
  readonly failStatus: number;
}

export interface Outage {
  setDown(down: boolean): void;
  /** Fails the next `count` calls with `status` (default 503), then answers normally. */
  failNext(count: number, status?: number): void;
  /** For one incoming call: the 5xx status to fail it with, or undefined to serve it. */
  take(): number | undefined;
  state(): OutageState;
}

export function createOutage(): Outage {
  let down = false;
  let failNext = 0;
  let failStatus = 503;
  return {
    setDown(value) {
      down = value;
    },
    failNext(count, status = 503) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('failNext count must be a non-negative integer');
      if (!Number.isInteger(status) || status < 500 || status > 599) throw new RangeError('failNext status must be a 5xx');
      failNext = count;
      failStatus = status;
    },
    take() {
      if (down) return 503;
      if (failNext > 0) {
        failNext -= 1;
        return failStatus;
      }
      return undefined;
    },
    state: () => ({ down, failNext, failStatus }),
  };
}
