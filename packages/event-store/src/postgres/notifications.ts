// Wakes subscriptions the moment an append commits: one dedicated connection per store LISTENs on the
// channel the append function notifies. Best effort by design: if it drops, subscriptions still poll,
// and it reconnects at their next wait.
import pg from 'pg';

export const APPEND_CHANNEL = 'event_store_appended';
const RECONNECT_PAUSE_MS = 1000;

export class AppendNotifications {
  readonly #connectionString: string;
  readonly #listeners = new Set<() => void>();
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #lastAttempt = 0;

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  /** Calls `listener` on every notification until the returned function is called. */
  listen(listener: () => void): () => Promise<void> {
    this.#listeners.add(listener);
    void this.ensureConnected();
    return async () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) await this.#disconnect();
    };
  }

  /** Wakes this process's listeners without a round trip (the store's own appends). */
  wakeLocal(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Connects (again) when someone listens and no connection is up; never throws. */
  async ensureConnected(): Promise<void> {
    if (this.#client !== undefined || this.#listeners.size === 0) return;
    if (this.#connecting === undefined && Date.now() - this.#lastAttempt >= RECONNECT_PAUSE_MS) {
      this.#lastAttempt = Date.now();
      this.#connecting = this.#connect().finally(() => {
        this.#connecting = undefined;
      });
    }
    await this.#connecting;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString });
    const drop = (): void => {
      if (this.#client === client) this.#client = undefined;
    };
    // A broken listening connection only costs latency: subscriptions fall back to polling.
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.wakeLocal());
    try {
      await client.connect();
      await client.query(`listen ${APPEND_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.#listeners.size === 0) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
  }

  async #disconnect(): Promise<void> {
    await this.#connecting;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#disconnect();
  }
}
