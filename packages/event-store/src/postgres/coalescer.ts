// The queue behind group commit and batched stream reads: work handed in while `maxInFlight` batches
// are already out waits, and leaves together with everything else that arrived meanwhile, as one
// batch. When nothing is in flight an item leaves at once, alone, so coalescing adds no latency at
// low load; under load it turns many round trips into few.

export interface CoalescerOptions<T> {
  /** Batches out at once (at least 1). */
  readonly maxInFlight: number;
  /** Most total weight in one batch; an item heavier than this still leaves, alone. */
  readonly maxWeight: number;
  readonly weight: (item: T) => number;
  /** Sends one batch. It must settle every item of it, and never reject. */
  readonly send: (batch: T[]) => Promise<void>;
}

export class Coalescer<T> {
  readonly #options: CoalescerOptions<T>;
  #queue: T[] = [];
  #inFlight = 0;
  #idle: Array<() => void> = [];

  constructor(options: CoalescerOptions<T>) {
    this.#options = { ...options, maxInFlight: Math.max(1, options.maxInFlight), maxWeight: Math.max(1, options.maxWeight) };
  }

  push(item: T): void {
    this.#queue.push(item);
    this.#pump();
  }

  /** Resolves once every item handed in so far has been sent and settled. */
  async drained(): Promise<void> {
    if (this.#inFlight === 0 && this.#queue.length === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#inFlight < this.#options.maxInFlight && this.#queue.length > 0) {
      const batch = this.#take();
      this.#inFlight += 1;
      void this.#options.send(batch).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
        if (this.#inFlight === 0 && this.#queue.length === 0) for (const resolve of this.#idle.splice(0)) resolve();
      });
    }
  }

  /** The oldest waiting items, up to maxWeight in total (always at least one). */
  #take(): T[] {
    let weight = 0;
    let n = 0;
    for (const item of this.#queue) {
      const w = this.#options.weight(item);
      if (n > 0 && weight + w > this.#options.maxWeight) break;
      weight += w;
      n += 1;
    }
    return this.#queue.splice(0, n);
  }
}
