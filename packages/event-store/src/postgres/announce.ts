// After one of the store's own appends commits: wake this process's subscriptions at once, and tell
// other processes with a NOTIFY sent on its own, asynchronously committed (losing one costs a poll
// interval, never an event). Coalesced: while one NOTIFY is in flight, later appends share the next,
// so a busy writer sends far fewer NOTIFYs than appends, and its appends never wait on the
// server-wide lock that notifying transactions take at commit.
import type { Queryable } from './append.js';
import { APPEND_CHANNEL } from './notifications.js';

const NOTIFY_SQL = `select set_config('synchronous_commit', 'off', true), pg_notify('${APPEND_CHANNEL}', '')`;

export class AppendAnnouncer {
  readonly #db: Queryable;
  readonly #wakeLocal: () => void;
  #inFlight: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(db: Queryable, wakeLocal: () => void) {
    this.#db = db;
    this.#wakeLocal = wakeLocal;
  }

  announce(): void {
    this.#wakeLocal();
    if (this.#closed) return;
    if (this.#inFlight !== undefined) {
      this.#again = true;
      return;
    }
    this.#inFlight = this.#send().finally(() => {
      this.#inFlight = undefined;
    });
  }

  async #send(): Promise<void> {
    do {
      this.#again = false;
      // Best effort: listeners that miss it still poll.
      await this.#db.query({ name: 'event_store_notify', text: NOTIFY_SQL }).catch(() => undefined);
    } while (this.#again && !this.#closed);
  }

  /** Stops announcing to other processes and waits for a NOTIFY in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#inFlight;
  }
}
