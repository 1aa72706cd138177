// The outbox's delivery loop: keeps up to `concurrency` tries in flight, claims due messages as slots
// free up (half of them at a time while tries are in flight), hands each to the service's transport,
// records each outcome (deliveries in batches), and sleeps until the next message is due (at most
// `pollMs`, the fallback for news it missed). New messages wake it at once. Several processes may run one each.
import type { GlobalPosition } from '@bureau/event-store';
import { Wakeup, errorFacts } from '@bureau/loop-kit';
import { DeliveredRecorder } from './delivered-recorder.js';
import { claimDueMessages, nextDueAt, recordTry, type ClaimedMessage, type OutboxDb } from './queue-queries.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Transport } from './transport.js';
import { outcomeOfTry, type TryEnd } from './try-outcome.js';

/** The slice of pino the loop uses: object first, fixed message. Never a message's payload. */
export interface DelivererLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DelivererOptions {
  readonly db: OutboxDb;
  /** The outbox table (the service's name for it). */
  readonly table: string;
  /** One try of one message (the service's). */
  readonly transport: Transport;
  readonly retry: RetryPolicy;
  /** Per try: the transport's signal aborts then. */
  readonly timeoutMs: number;
  /**
   * How long a claim lasts: longer than a try (timeout) plus recording its outcome, so nobody else tries
   * while an answer is on its way; short enough that a process dying mid-try delays the message little.
   */
  readonly leaseMs: number;
  /** Tries in flight at once, per process. */
  readonly concurrency: number;
  /** Longest sleep between looks at the table. */
  readonly pollMs: number;
  readonly clock: () => Date;
  readonly random: () => number;
  readonly logger: DelivererLogger;
  /** Resolves once the outbox projection's checkpoint has passed `position` (queued rows are committed). */
  readonly committed: (position: GlobalPosition) => Promise<unknown>;
}

export class OutboxDeliverer {
  private readonly wakeup = new Wakeup();
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private readonly delivered: DeliveredRecorder;

  constructor(private readonly options: DelivererOptions) {
    this.delivered = new DeliveredRecorder(options.db, options.table);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Aborts tries in flight (they are released, due again at once), then ends the loop. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /** New messages were queued in a batch ending at `position`: deliver them once it is committed. */
  queued(position: GlobalPosition): void {
    this.options.committed(position).then(
      () => this.wakeup.wake(),
      () => this.wakeup.wake(),
    );
  }

  /** Look at the table now (e.g. after a staff retry or discard). */
  wake(): void {
    this.wakeup.wake();
  }

  private async run(): Promise<void> {
    const { pollMs, logger } = this.options;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let pause = pollMs;
      try {
        const free = this.options.concurrency - this.inFlight.size;
        // While tries are in flight, claim only once half the slots are free: fewer, larger claims
        // under load. An idle outbox claims at once.
        if (free > 0 && (this.inFlight.size === 0 || free * 2 >= this.options.concurrency)) {
          const claimed = await this.claim(free);
          for (const message of claimed) this.track(this.tryOnce(message));
          if (claimed.length === free) continue; // there may be more due
        }
        // A try that ends wakes the loop, which then looks again; the next due time matters only once
        // nothing is in flight (and pollMs bounds the wait regardless).
        if (this.inFlight.size > 0) {
          await this.wakeup.sleep(pollMs, signal);
          continue;
        }
        const due = await nextDueAt(this.options.db, this.options.table);
        if (due) pause = Math.min(pollMs, Math.max(0, due.getTime() - this.options.clock().getTime()));
        // Due now but not claimable: its key's earlier message is in flight (here or elsewhere).
        if (pause === 0) pause = Math.min(pollMs, 50);
      } catch (error) {
        logger.warn({ err: errorFacts(error) }, 'outbox could not read its queue; trying again');
      }
      await this.wakeup.sleep(pause, signal);
    }
  }

  private async claim(limit: number): Promise<ClaimedMessage[]> {
    const now = this.options.clock();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    return await claimDueMessages(this.options.db, this.options.table, { now, leaseUntil, limit });
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      this.wakeup.wake();
    });
  }

  /** One try through the transport: its outcome, or why there is none (stopping, thrown, out of time). */
  private async send(message: ClaimedMessage): Promise<TryEnd> {
    const { transport, timeoutMs } = this.options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, this.stopping.signal]);
    const { claimToken: _claim, ...outbound } = message;
    let outcome: TryEnd;
    try {
      outcome = await transport(outbound, signal);
    } catch (error) {
      const facts = errorFacts(error);
      outcome = { kind: 'failed', status: null, error: `transport: ${facts.code ?? facts.type}` };
    }
    // Stopping wins over any answer that came too late to matter: the message is due again at once.
    if (this.stopping.signal.aborted) return { kind: 'aborted' };
    if (timeout.aborted && outcome.kind === 'failed') return { ...outcome, error: `timeout after ${timeoutMs} ms` };
    return outcome;
  }

  private async tryOnce(message: ClaimedMessage): Promise<void> {
    const { db, table, retry, clock, random, logger } = this.options;
    const facts = { idempotencyKey: message.idempotencyKey, orderingKey: message.orderingKey, destination: message.destination, kind: message.kind, attempt: message.attempt };
    try {
      const end = await this.send(message);
      const outcome = outcomeOfTry(message, end, retry, clock(), random());
      const recorded =
        outcome.kind === 'delivered'
          ? await this.delivered.record({ message, at: outcome.at, status: outcome.status })
          : await recordTry(db, table, message, outcome);
      if (!recorded) {
        logger.warn(facts, 'outbox try outlived its claim; its outcome was left to the newer claim');
        return;
      }
      switch (outcome.kind) {
        case 'delivered':
          logger.info({ ...facts, status: outcome.status }, 'outbox message delivered');
          break;
        case 'retry':
          logger.warn({ ...facts, status: outcome.status, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt.toISOString() }, 'outbox message not accepted yet; will retry');
          break;
        case 'dead':
          // From now on it holds its key's later messages until staff retry or discard it.
          logger.error({ ...facts, status: outcome.status, reason: outcome.reason }, 'outbox message dead-lettered');
          break;
        case 'released':
          break;
        default: {
          const unknown: never = outcome;
          return unknown;
        }
      }
    } catch (error) {
      // The claim lapses by itself and the message is tried again: at least once, never lost.
      logger.warn({ ...facts, err: errorFacts(error) }, 'outbox could not record a try; the claim will lapse and it is retried');
    }
  }
}
