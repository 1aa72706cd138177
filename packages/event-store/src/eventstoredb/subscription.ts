// Turns the client's catch-up subscription (a readable of events that also emits `caughtUp`) into
// the store's Subscription: one async iterable of events and caught-up markers, in order.
// The server says caughtUp once, when the subscription turns live (and again after `fellBehind`).
// The contract also wants a marker after each live delivery, so while live, one may follow whenever
// the events received so far are all delivered and nothing more is buffered. Neither proves the
// subscription is at the head: the server's caughtUp can come while events before it are still on
// the way (its live buffer, the network, the client's readable), and an empty buffer between two live
// events says nothing about a third. So each such moment is only a candidate: the marker is delivered
// when a read of $all's end at that moment shows nothing the subscription accepts beyond the last
// event it delivered (reachedHead); otherwise the next delivery makes the next candidate.
import { comparePositions } from '../position.js';
import type { GlobalPosition, Subscription, SubscriptionMessage } from '../types.js';
import type { EsdbCatchUpSubscription } from './client-port.js';
import { toRecordedEvent } from './recorded-event.js';

export interface CatchUpOptions {
  /** Exclusive checkpoint: events at or before it are not delivered. */
  readonly after: GlobalPosition | undefined;
  /** The exact filter (system events are never accepted). */
  accepts(streamName: string, type: string): boolean;
  /** Whether $all, read now, holds nothing this subscription accepts after `last` (see all-read.ts). */
  reachedHead(last: GlobalPosition | undefined): Promise<boolean>;
  /** Messages queued for the consumer before the client stream is paused. */
  readonly highWaterMark?: number;
  /** Called once when the subscription closes (the store forgets it). */
  onClose?(): void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class EventStoreDbSubscription implements Subscription {
  readonly #source: EsdbCatchUpSubscription;
  readonly #options: CatchUpOptions;
  readonly #highWaterMark: number;
  #queue: SubscriptionMessage[] = [];
  /**
   * `caughtUp` is emitted as soon as the server says so, while events before it may still sit in
   * the readable's buffer. Each pending marker counts down the `data` events still owed to the
   * consumer before it, so caught-up is never delivered ahead of the events it follows.
   */
  #markers: number[] = [];
  #waiters: Array<() => void> = [];
  #failure: { readonly error: unknown } | undefined;
  #ended = false;
  #closed = false;
  #paused = false;
  #last: GlobalPosition | undefined;
  /** The server has said caughtUp (and not fellBehind since). */
  #live = false;
  /** Events delivered since the last caught-up marker. */
  #sinceMarker = 0;
  /** A head read is under way; `#again` asks for one more when it ends (a candidate came meanwhile). */
  #checking = false;
  #again = false;

  constructor(source: EsdbCatchUpSubscription, options: CatchUpOptions) {
    this.#source = source;
    this.#options = options;
    this.#highWaterMark = options.highWaterMark ?? 1000;
    this.#last = options.after;
    source.on('data', (resolved) => {
      const e = resolved.event;
      const after = this.#options.after;
      if (e && this.#options.accepts(e.streamId, e.type) && !(after && comparePositions(e.position, after) <= 0)) {
        try {
          const event = toRecordedEvent(e);
          this.#last = event.position;
          this.#sinceMarker += 1;
          this.#push({ kind: 'event', event });
        } catch (error) {
          this.#fail(error);
        }
      }
      this.#countDownMarkers();
      if (this.#live && this.#sinceMarker > 0 && this.#markers.length === 0 && this.#source.readableLength === 0) this.#candidate();
    });
    source.on('caughtUp', () => {
      const owed = this.#source.readableLength;
      if (owed === 0) this.#candidate();
      else this.#markers.push(owed);
    });
    source.on('fellBehind', () => {
      this.#live = false;
    });
    source.on('error', (error) => this.#fail(error));
    source.on('end', () => {
      this.#ended = true;
      this.#wake();
    });
  }

  #countDownMarkers(): void {
    if (this.#markers.length === 0) return;
    this.#markers = this.#markers.map((owed) => owed - 1);
    while (this.#markers[0] === 0) {
      this.#markers.shift();
      this.#candidate();
    }
  }

  /** The server said caughtUp, or a live delivery left nothing buffered: check the head, then mark. */
  #candidate(): void {
    this.#live = true;
    if (this.#checking) {
      this.#again = true;
      return;
    }
    this.#checking = true;
    void this.#checkHead();
  }

  async #checkHead(): Promise<void> {
    try {
      do {
        this.#again = false;
        const reached = await this.#options.reachedHead(this.#last);
        if (this.#closed) return;
        // Events delivered while the head was read lie beyond it: the marker follows them and
        // carries the last one's position, which is still at or past the head that was read.
        if (reached && this.#markers.length === 0) this.#caughtUp();
      } while (this.#again);
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#checking = false;
    }
  }

  #caughtUp(): void {
    this.#sinceMarker = 0;
    this.#push({ kind: 'caught-up', position: this.#last });
  }

  #push(message: SubscriptionMessage): void {
    if (this.#closed) return;
    this.#queue.push(message);
    if (!this.#paused && this.#queue.length >= this.#highWaterMark) {
      this.#paused = true;
      this.#source.pause();
    }
    this.#wake();
  }

  #fail(error: unknown): void {
    this.#failure ??= { error };
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  async #next(): Promise<IteratorResult<SubscriptionMessage, undefined>> {
    for (;;) {
      if (this.#closed) return DONE;
      const message = this.#queue.shift();
      if (message) {
        if (this.#paused && this.#queue.length <= this.#highWaterMark / 2) {
          this.#paused = false;
          this.#source.resume();
        }
        return { done: false, value: message };
      }
      if (this.#failure) {
        const { error } = this.#failure;
        await this.close();
        throw error;
      }
      if (this.#ended) return DONE;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage, undefined> {
    return {
      next: () => this.#next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.#markers = [];
    this.#wake();
    this.#options.onClose?.();
    await this.#source.unsubscribe();
  }
}
