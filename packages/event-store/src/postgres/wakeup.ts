/** A resettable signal: wait() returns at once if signalled since the last clear(), else on signal or timeout. */
export class Wakeup {
  #signalled = false;
  #resolve: (() => void) | undefined;

  signal(): void {
    this.#signalled = true;
    this.#resolve?.();
  }

  clear(): void {
    this.#signalled = false;
  }

  wait(ms: number): Promise<void> {
    if (this.#signalled) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#resolve = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#resolve = done;
    });
  }
}
