// After one of the store's own appends commits: wake this process's subscriptions at once, and tell
// other processes with a NOTIFY sent on its own, asynchronously committed (losing one costs a poll
// interval, never an event). Coalesced: at most one NOTIFY per NOTIFY_INTERVAL_MS, shared by every
// append in between, so a busy writer sends far fewer NOTIFYs than appends (each costs a query and
// a commit), and its appends never wait on the server-wide lock that notifying transactions take at
// commit. Other processes thus hear of an append within about NOTIFY_INTERVAL_MS plus a round trip.
import type { Queryable } from './append.js';
import { APPEND_CHANNEL, type LocalAppend } from './notifications.js';

export const NOTIFY_INTERVAL_MS = 5;
const NOTIFY_SQL = `select set_config('synchronous_commit', 'off', true), pg_notify('${APPEND_CHANNEL}', $1)`;

export class AppendAnnouncer {
  readonly #db: Queryable;
  readonly #wakeLocal: (appended: LocalAppend) => void;
  readonly #selfId: string;
  #inFlight: Promise<void> | undefined;
  #again = false;
  #closed = false;

  /** `selfId`: the payload this process's listener knows as its own (notifications.ts). */
  constructor(db: Queryable, selfId: string, wakeLocal: (appended: LocalAppend) => void) {
    this.#selfId = selfId;
    this.#db = db;
    this.#wakeLocal = wakeLocal;
  }

  announce(appended: LocalAppend): void {
    this.#wakeLocal(appended);
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
      const started = Date.now();
      // Best effort: listeners that miss it still poll.
      await this.#db.query({ name: 'event_store_notify', text: NOTIFY_SQL, values: [this.#selfId] }).catch(() => undefined);
      const rest = NOTIFY_INTERVAL_MS - (Date.now() - started);
      if (rest > 0 && !this.#closed) await new Promise((resolve) => setTimeout(resolve, rest));
    } while (this.#again && !this.#closed);
  }

  /** Stops announcing to other processes and waits for a NOTIFY in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#inFlight;
  }
}
