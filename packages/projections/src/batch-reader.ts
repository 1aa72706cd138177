// Turns a subscription's message stream into batches. A pump reads ahead into a bounded queue, so
// reading the next batch from the store overlaps applying the current one. A batch closes when it is
// full, when the subscription says it has caught up (live events go out at once: low lag), or when
// its first event has waited `maxWaitMs`. Caught-up markers alone are coalesced into an empty batch at
// most every `idleAdvanceMs`: they move the checkpoint past events the projection does not handle, so
// that read-your-writes waits on such positions end too.
import { comparePositions, type GlobalPosition, type RecordedEvent, type Subscription } from '@bureau/event-store';

export interface Batch {
  readonly events: readonly RecordedEvent[];
  /**
   * Everything up to here has been delivered: the checkpoint to store after applying `events`.
   * Undefined only for an empty batch before any event (an empty store).
   */
  readonly through: GlobalPosition | undefined;
  /** The subscription reported, at the end of this batch, that nothing more was readable. */
  readonly caughtUp: boolean;
}

export interface BatchOptions {
  readonly batchSize: number;
  readonly maxWaitMs: number;
  readonly idleAdvanceMs: number;
}

type Item = { kind: 'event'; event: RecordedEvent } | { kind: 'caught-up'; position: GlobalPosition | undefined };

const later = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) =>
  a === undefined ? b : b === undefined ? a : comparePositions(a, b) >= 0 ? a : b;

export class BatchReader {
  private readonly queue: Item[] = [];
  private head = 0;
  private queuedEvents = 0;
  private ended = false;
  private failure: unknown;
  private wake: (() => void) | undefined;
  private space: (() => void) | undefined;
  private lastEmptyAt = 0;
  private caughtUpReported = false;
  private readonly pump: Promise<void>;

  constructor(
    private readonly subscription: Subscription,
    private readonly options: BatchOptions,
    /** The checkpoint the subscription started after: positions at or before it are not news. */
    private emitted: GlobalPosition | undefined,
  ) {
    this.pump = this.run();
  }

  /** The next batch, or undefined once the subscription has ended (closed). */
  async next(): Promise<Batch | undefined> {
    let firstEventAt = 0;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const batch = this.take();
      if (batch) return batch;
      if (this.ended) return this.drainRemainder();
      if (this.queuedEvents > 0 && firstEventAt === 0) firstEventAt = Date.now();
      const deadline =
        this.queuedEvents > 0 ? firstEventAt + this.options.maxWaitMs : this.pendingAdvance() ? this.lastEmptyAt + this.options.idleAdvanceMs : Infinity;
      await this.waitForItem(deadline - Date.now());
      if (Date.now() >= deadline) {
        const due = this.flush();
        if (due) return due;
        firstEventAt = 0;
      }
    }
  }

  /** Stops reading; a batch being applied is unaffected. */
  async close(): Promise<void> {
    await this.subscription.close();
    this.space?.();
    await this.pump;
  }

  private async run(): Promise<void> {
    try {
      for await (const message of this.subscription) {
        if (message.kind === 'event') {
          this.queue.push({ kind: 'event', event: message.event });
          this.queuedEvents += 1;
        } else {
          this.queue.push({ kind: 'caught-up', position: message.position });
        }
        this.wake?.();
        if (this.queuedEvents >= this.options.batchSize * 2) {
          await new Promise<void>((resolve) => (this.space = resolve));
          this.space = undefined;
        }
      }
    } catch (error) {
      this.failure = error ?? new Error('subscription failed');
    } finally {
      this.ended = true;
      this.wake?.();
    }
  }

  private waitForItem(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      const wake = () => done();
      this.wake = wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wake = undefined;
    });
  }

  /**
   * A batch if one is due now: full, or closed by a caught-up marker after events; or, with markers
   * only, a checkpoint advance (throttled) or a bare "caught up" report (once per catching up).
   */
  private take(): Batch | undefined {
    const size = this.options.batchSize;
    let events = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const item = this.queue[i] as Item;
      if (item.kind === 'event') {
        events += 1;
        if (events >= size) return this.flush(i + 1);
      } else if (events > 0) {
        return this.flush(i + 1);
      }
    }
    if (events > 0 || this.head === this.queue.length) return undefined;
    if (this.pendingAdvance()) return Date.now() - this.lastEmptyAt >= this.options.idleAdvanceMs ? this.flush() : undefined;
    // Markers that say nothing new: reported once (a rebuild switches on it), then dropped.
    return this.flush();
  }

  private pendingAdvance(): boolean {
    for (let i = this.head; i < this.queue.length; i++) {
      const item = this.queue[i] as Item;
      if (item.kind === 'caught-up' && item.position && (!this.emitted || comparePositions(item.position, this.emitted) > 0)) return true;
    }
    return false;
  }

  /** Takes queue items [head, end) into a batch; undefined if they hold nothing worth telling. */
  private flush(end = this.queue.length): Batch | undefined {
    const events: RecordedEvent[] = [];
    let through: GlobalPosition | undefined;
    let caughtUp = false;
    for (let i = this.head; i < end; i++) {
      const item = this.queue[i] as Item;
      if (item.kind === 'event') {
        events.push(item.event);
        through = later(through, item.event.position);
        caughtUp = false;
      } else {
        through = later(through, item.position);
        caughtUp = true;
      }
    }
    this.head = end;
    this.queuedEvents -= events.length;
    this.compact();
    this.space?.();
    const advances = through !== undefined && (!this.emitted || comparePositions(through, this.emitted) > 0);
    if (events.length === 0 && !advances) {
      if (!caughtUp || this.caughtUpReported) return undefined;
      this.caughtUpReported = true;
      return { events, through: this.emitted, caughtUp };
    }
    if (events.length === 0) this.lastEmptyAt = Date.now();
    this.emitted = later(this.emitted, through);
    this.caughtUpReported = caughtUp;
    return { events, through: this.emitted, caughtUp };
  }

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private drainRemainder(): Batch | undefined {
    return this.head < this.queue.length ? this.flush() : undefined;
  }
}
