// Wakes subscriptions the moment an append commits: one dedicated connection per store LISTENs on the
// channel the append function notifies. Best effort by design: if it drops, subscriptions still poll,
// and it reconnects at their next wait.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const APPEND_CHANNEL = 'event_store_appended';

/** What this process appended, when it says: a listener that cannot want it need not wake. */
export interface LocalAppend {
  readonly streamName: string;
  readonly types: readonly string[];
}

/** Called on every append: `appended` is this process's own append, undefined for news from the server. */
export type AppendListener = (appended?: LocalAppend) => void;

const RECONNECT_PAUSE_MS = 1000;

export class AppendNotifications {
  readonly #connectionString: string;
  /**
   * The payload of this store's own NOTIFYs (announce.ts). They come back on its LISTEN connection too,
   * and say nothing its local wake-ups did not; ignored, so a filtered subscriber does not read a page
   * after every few of the service's appends. (The append function's own NOTIFY has an empty payload.)
   */
  readonly selfId = randomUUID();
  /** How many wake-ups (own appends, news from the server) this process has had: shared-pages.ts. */
  wakeCount = 0;
  readonly #listeners = new Set<AppendListener>();
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #lastAttempt = 0;

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  /** Calls `listener` on every notification until the returned function is called. */
  listen(listener: AppendListener): () => Promise<void> {
    this.#listeners.add(listener);
    void this.ensureConnected();
    return async () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) await this.#disconnect();
    };
  }

  /** Wakes this process's listeners without a round trip (the store's own appends). */
  wakeLocal(appended?: LocalAppend): void {
    this.wakeCount += 1;
    for (const listener of this.#listeners) listener(appended);
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
    client.on('notification', (message) => {
      if (message.payload !== this.selfId) this.wakeLocal();
    });
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
