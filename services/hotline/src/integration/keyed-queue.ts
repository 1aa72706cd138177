// Runs tasks for one key one after another (different keys in parallel). The webhook uses it per work
// order: the platform may deliver the same message several times at once, and the event store takes a
// racing identical append as an idempotent retry (success, nothing written), which would answer more than
// one delivery `duplicate: false`. In turn, the first delivery writes and the others find it applied.
// Across instances the order is still one (same stream, same event ids); only that flag can differ.
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
