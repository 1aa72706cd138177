// Turns a subscription's message stream into batches. A pump reads ahead into a bounded queue, so
// reading the next batch from the store overlaps applying the current one. A batch closes when it is
// full, when the subscription says it has caught up (live events go out at once: low lag), or when
// its first event has waited `maxWaitMs`. Under steady load (events arriving within `lingerMs` of the
// last batch) a caught-up batch lingers up to `lingerMs` for more: each transaction then carries more
// events, which is what lets one core keep up; a lone event after a quiet spell still goes at once.
// Caught-up markers alone are coalesced into an empty batch at most every `idleAdvanceMs`: they move
// the checkpoint past events the projection does not handle, so that read-your-writes waits on such
// positions end too.
import { comparePositions, type GlobalPosition, type RecordedEvent, type Subscription, type SubscriptionMessage } from '@bureau/event-store';

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
  /** Under steady load, how long a caught-up batch waits for more events (0: never; see above). */
  readonly lingerMs?: number;
  /** Wait for the disk at each batch commit (see beginBatch); default false. */
  readonly durableCommits?: boolean;
}

const later = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) =>
  a === undefined ? b : b === undefined ? a : comparePositions(a, b) >= 0 ? a : b;

export class BatchReader {
  private queue: SubscriptionMessage[] = [];
  private head = 0;
  private queuedEvents = 0;
  /** A caught-up marker is queued after at least one queued event: a batch is due. */
  private markerAfterEvents = false;
  /** When the oldest queued event arrived (for maxWaitMs). */
  private firstEventAt = 0;
  private ended = false;
  private failure: unknown;
  private wake: (() => void) | undefined;
  private space: (() => void) | undefined;
  private lastEmptyAt = 0;
  /** When the last batch with events was taken: events arriving soon after it mean steady load. */
  private lastEventsAt = -Infinity;
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
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const batch = this.take();
      if (batch) return batch;
      if (this.ended) return this.head < this.queue.length ? this.flush(this.queue.length) : undefined;
      const deadline =
        this.queuedEvents > 0
          ? this.firstEventAt + (this.lingering() ? (this.options.lingerMs ?? 0) : this.options.maxWaitMs)
          : this.pendingAdvance()
            ? this.lastEmptyAt + this.options.idleAdvanceMs
            : Infinity;
      await this.waitForItem(deadline - Date.now());
      if (Date.now() >= deadline) {
        const due = this.flush(this.queue.length);
        if (due) return due;
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
    const size = this.options.batchSize;
    try {
      for await (const message of this.subscription) {
        this.queue.push(message);
        // Wake the consumer only when that can change its decision, not once per event.
        if (message.kind === 'event') {
          this.queuedEvents += 1;
          if (this.queuedEvents === 1) {
            this.firstEventAt = Date.now();
            this.wake?.();
          } else if (this.queuedEvents === size) {
            this.wake?.();
          }
        } else {
          if (this.queuedEvents > 0) this.markerAfterEvents = true;
          this.wake?.();
        }
        if (this.queuedEvents >= size * 2) {
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
      const self = this;
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
    });
  }

  /**
   * A batch if one is due now: full; or, once caught up after events, everything queued (so a
   * runner that fell behind catches up in one batch, not one per poll of the store); or, with
   * markers only, a checkpoint advance (throttled) or a bare "caught up" report (once).
   */
  private take(): Batch | undefined {
    const size = this.options.batchSize;
    if (this.queuedEvents >= size) {
      let events = 0;
      let i = this.head;
      while (events < size) if ((this.queue[i++] as SubscriptionMessage).kind === 'event') events += 1;
      return this.flush(i);
    }
    if (this.markerAfterEvents && !(this.lingering() && Date.now() < this.firstEventAt + (this.options.lingerMs ?? 0))) {
      return this.flush(this.queue.length);
    }
    if (this.queuedEvents > 0 || this.head === this.queue.length) return undefined;
    if (this.pendingAdvance()) return Date.now() - this.lastEmptyAt >= this.options.idleAdvanceMs ? this.flush(this.queue.length) : undefined;
    // Markers that say nothing new: reported once (a rebuild switches on it), then dropped.
    return this.flush(this.queue.length);
  }

  /** Caught up after events that came within lingerMs of the last batch: steady load, worth waiting for more. */
  private lingering(): boolean {
    const linger = this.options.lingerMs ?? 0;
    return linger > 0 && this.markerAfterEvents && this.firstEventAt - this.lastEventsAt < linger;
  }

  private pendingAdvance(): boolean {
    for (let i = this.head; i < this.queue.length; i++) {
      const item = this.queue[i] as SubscriptionMessage;
      if (item.kind === 'caught-up' && item.position && (!this.emitted || comparePositions(item.position, this.emitted) > 0)) return true;
    }
    return false;
  }

  /** Takes queue items [head, end) into a batch; undefined if they hold nothing worth telling. */
  private flush(end: number): Batch | undefined {
    const events: RecordedEvent[] = [];
    let through: GlobalPosition | undefined;
    let caughtUp = false;
    for (let i = this.head; i < end; i++) {
      const item = this.queue[i] as SubscriptionMessage;
      if (item.kind === 'event') {
        events.push(item.event);
        through = item.event.position;
        caughtUp = false;
      } else {
        through = later(through, item.position);
        caughtUp = true;
      }
    }
    this.head = end;
    this.queuedEvents -= events.length;
    this.afterTaking();
    const advances = through !== undefined && (!this.emitted || comparePositions(through, this.emitted) > 0);
    if (events.length === 0 && !advances) {
      if (!caughtUp || this.caughtUpReported) return undefined;
      this.caughtUpReported = true;
      return { events, through: this.emitted, caughtUp };
    }
    if (events.length === 0) this.lastEmptyAt = Date.now();
    else this.lastEventsAt = Date.now();
    this.emitted = later(this.emitted, through);
    this.caughtUpReported = caughtUp;
    return { events, through: this.emitted, caughtUp };
  }

  /** Re-derives the bookkeeping for what is left queued, and lets the pump read on. */
  private afterTaking(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      this.markerAfterEvents = false;
    } else {
      if (this.head > 4096) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      let events = false;
      this.markerAfterEvents = false;
      for (let i = this.head; i < this.queue.length; i++) {
        if ((this.queue[i] as SubscriptionMessage).kind === 'event') events = true;
        else if (events) this.markerAfterEvents = true;
      }
      if (this.queuedEvents > 0) this.firstEventAt = Date.now();
    }
    this.space?.();
  }
}
