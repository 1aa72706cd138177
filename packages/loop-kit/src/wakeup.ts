// A sleep that a signal can cut short: "new work has arrived" wakes the loop at once; otherwise it
// sleeps until its own deadline (polling as the fallback for news it missed). A wake while the loop is
// busy is remembered, so the next sleep returns at once; `clear()` forgets it (a loop that is about to
// read everything anyway clears first, so a wake from before its read does not cost it an empty turn).
export class Wakeup {
  #pending = false;
  #resolveSleep: (() => void) | undefined;

  wake(): void {
    if (this.#resolveSleep) this.#resolveSleep();
    else this.#pending = true;
  }

  clear(): void {
    this.#pending = false;
  }

  /** Resolves after `ms`, on `wake()`, or when `signal` aborts, whichever is first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.#pending || signal?.aborted) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.#resolveSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
      this.#resolveSleep = done;
    });
  }
}
