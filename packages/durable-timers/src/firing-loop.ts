// The firing loop: fires every due timer (each claimed for one try with SKIP LOCKED, so several
// processes may run a loop), then sleeps until the next one is due, at most `maxSleepMs`. News of new
// timers wakes it. The service's fire is idempotent (a deterministic command id per timer and due
// time), so a loop that dies mid-fire, or two loops racing, still record one event.
import type { GlobalPosition } from '@bureau/event-store';
import { Wakeup, backoffDelayMs, errorCode, errorFacts, type Backoff } from '@bureau/loop-kit';
import { claimDueTimer, deferTimer, markFired, nextFireAt, type DueTimer, type TimersDb } from './timer-queries.js';
import type { FireOutcome, TimersTable } from './timer-table.js';

export interface FiringLoopLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface FiringLoopOptions {
  readonly db: TimersDb;
  /** The service's timers table (the projection's view). */
  readonly table: TimersTable;
  /** Records the timer's event (or finds it recorded, or not needed). Throws when it could not. */
  readonly fire: (timer: DueTimer, now: Date) => Promise<Exclude<FireOutcome, 'refused'>>;
  /** The rule a failure broke, when it will fail the same way every time; undefined for a passing trouble. */
  readonly refusalOf: (error: unknown) => string | undefined;
  readonly clock: () => Date;
  readonly maxSleepMs: number;
  /** How long a claimed timer is left to its try before another loop may take it (if this one died). */
  readonly leaseMs: number;
  readonly logger: FiringLoopLogger;
  /** Resolves once the timers projection's checkpoint has passed `position`. */
  readonly committed: (position: GlobalPosition) => Promise<unknown>;
  /** Retries after a passing failure; default 1 s doubling, at most 5 min. */
  readonly retry?: Backoff;
}

const DEFAULT_RETRY: Backoff = { baseDelayMs: 1_000, maxDelayMs: 300_000 };

/** PostgreSQL "undefined_table": the projection has not created its first generation yet. */
const notCreatedYet = (error: unknown) => errorCode(error) === '42P01';

export class TimerFiringLoop {
  private readonly wakeup = new Wakeup();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  /** While the loop sleeps: when (on its clock) it will look again. Undefined while it is looking. */
  private sleepingUntil: number | undefined;

  constructor(private readonly options: FiringLoopOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  wake(): void {
    this.wakeup.wake();
  }

  /**
   * New timers, the earliest due at `earliest`, are being committed at `position`. The loop re-plans
   * once they are, unless it will look again before `earliest` anyway: under a stream of new timers
   * due hours later it would otherwise query the timers after every batch.
   */
  scheduled(position: GlobalPosition, earliest: Date): void {
    const replan = () => {
      if (this.sleepingUntil === undefined || earliest.getTime() < this.sleepingUntil) this.wakeup.wake();
    };
    this.options.committed(position).then(replan, replan);
  }

  /** Fires every timer due now; returns how many it handled. */
  async fireDue(): Promise<number> {
    let handled = 0;
    while (!this.stopping.signal.aborted && (await this.fireOne())) handled += 1;
    return handled;
  }

  private async fireOne(): Promise<boolean> {
    const { db, table, clock, logger, leaseMs } = this.options;
    const claimedAt = clock();
    const timer = await claimDueTimer(db, table, claimedAt, new Date(claimedAt.getTime() + leaseMs));
    if (!timer) return false;
    // Ids and times only: a subject id may be a person's case, but never their data.
    const facts = { table: table.name, timerId: timer.timer_id, kind: timer.kind, dueAt: timer.due_at_iso };
    const now = clock();
    try {
      const outcome = await this.options.fire(timer, now);
      await markFired(db, table, timer, outcome, now, null);
      logger.info({ ...facts, outcome }, 'timer fired');
    } catch (error) {
      const rule = this.options.refusalOf(error);
      if (rule !== undefined) {
        await markFired(db, table, timer, 'refused', now, rule);
        logger.warn({ ...facts, rule }, 'timer refused by its subject; not retried');
      } else {
        const fireAt = new Date(now.getTime() + backoffDelayMs(this.options.retry ?? DEFAULT_RETRY, timer.attempts));
        await deferTimer(db, table, timer, fireAt, errorName(error));
        logger.warn({ ...facts, err: errorFacts(error), retryAt: fireAt.toISOString() }, 'timer could not fire; retrying later');
      }
    }
    return true;
  }

  private async run(): Promise<void> {
    const { db, table, clock, maxSleepMs, logger } = this.options;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let pause = maxSleepMs;
      try {
        await this.fireDue();
        const next = await nextFireAt(db, table);
        if (next) pause = Math.min(maxSleepMs, Math.max(0, next.getTime() - clock().getTime()));
        // Due now yet not fired: another loop holds it. Look again shortly.
        if (pause === 0) pause = Math.min(maxSleepMs, 50);
      } catch (error) {
        if (!notCreatedYet(error)) logger.warn({ table: table.name, err: errorFacts(error) }, 'timers could not be read; trying again');
        pause = Math.min(maxSleepMs, 1_000);
      }
      this.sleepingUntil = clock().getTime() + pause;
      await this.wakeup.sleep(pause, signal);
      this.sleepingUntil = undefined;
    }
  }
}

function errorName(error: unknown): string {
  const facts = errorFacts(error);
  return facts.code ? `${facts.type} ${facts.code}` : facts.type;
}
