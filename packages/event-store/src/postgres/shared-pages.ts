// Subscribers of one process that ask for the same page at the same time share one query. A service
// runs several projections, each with its own subscription, often with the same filter: woken by the
// same append, each would read the same events after the same position. The first asks; the others
// take its answer, if nothing was appended since it asked (no wake-up since): a subscriber clears its
// wake-up just before reading, so an append announced before that must be in the page it reads, and
// a page asked for before such an append might not hold it.
import type { AllFilter, GlobalPosition } from '../types.js';
import type { Queryable } from './append.js';
import type { AppendNotifications } from './notifications.js';
import { readSubscriptionPage, type SubscriptionPage } from './read-all.js';

interface InFlight {
  readonly page: Promise<SubscriptionPage>;
  /** notifications.wakeCount when it was asked. */
  readonly askedAt: number;
}

export class SharedPageReads {
  readonly #db: Queryable;
  readonly #notifications: AppendNotifications;
  readonly #inFlight = new Map<string, InFlight>();

  constructor(db: Queryable, notifications: AppendNotifications) {
    this.#db = db;
    this.#notifications = notifications;
  }

  /** The page strictly after `after` (readSubscriptionPage), shared with an identical read still in flight. */
  read(after: GlobalPosition, limit: number, filter: AllFilter | undefined): Promise<SubscriptionPage> {
    const key = `${after.commit}:${after.prepare}:${limit}:${JSON.stringify(filter ?? null)}`;
    const wakeCount = this.#notifications.wakeCount;
    const shared = this.#inFlight.get(key);
    if (shared !== undefined && shared.askedAt === wakeCount) return shared.page;
    const page = readSubscriptionPage(this.#db, after, limit, filter);
    const entry = { page, askedAt: wakeCount };
    this.#inFlight.set(key, entry);
    const settled = () => {
      if (this.#inFlight.get(key) === entry) this.#inFlight.delete(key);
    };
    page.then(settled, settled);
    return page;
  }
}
