// Catch-up then live subscription to $all. Each round reads pages of visible events after the last
// delivered position; when a page comes back short it has reached the head and waits for a
// notification or the poll interval. Rows already committed but not yet visible (an older
// transaction is still open somewhere) make it re-poll soon instead of waiting a full interval; the
// page's own query says whether there are any (readSubscriptionPage), so each round is one query.
import type { AllFilter, GlobalPosition, Subscription, SubscriptionMessage } from '../types.js';
import type { AppendNotifications, LocalAppend } from './notifications.js';
import { comparePositions } from '../position.js';
import { checkFilter, type SubscriptionPage } from './read-all.js';
import { START_POSITION } from './rows.js';
import { Wakeup } from '@bureau/loop-kit';
import { isConnectionLoss } from './pool-errors.js';

const PAGE_SIZE = 1000;
const FIRST_REPOLL_MS = 5;
// Rows committed but held back by an older open transaction become readable when it ends, and
// transactions that do not notify (projection batches, say) send no wake-up: keep looking often.
const MAX_REPOLL_MS = 40;

export interface SubscriptionSettings {
  /** Reads one page (shared-pages.ts shares it with identical reads in flight). */
  readonly readPage: (after: GlobalPosition, limit: number, filter: AllFilter | undefined) => Promise<SubscriptionPage>;
  readonly notifications: AppendNotifications;
  readonly pollIntervalMs: number;
  readonly after?: GlobalPosition;
  readonly filter?: AllFilter;
  readonly onClosed: (subscription: PostgresSubscription) => void;
}

export class PostgresSubscription implements Subscription {
  readonly #settings: SubscriptionSettings;
  readonly #wakeup = new Wakeup();
  readonly #stopListening: () => Promise<void>;
  #closed = false;
  #iterated = false;

  constructor(settings: SubscriptionSettings) {
    checkFilter(settings.filter);
    this.#settings = settings;
    const filter = settings.filter;
    // This process's own appends say what they wrote: one the filter refuses is no news (a filtered
    // subscriber, such as the calendar's, would otherwise read a page after every append of the service).
    this.#stopListening = settings.notifications.listen((appended) => {
      if (appended === undefined || filter === undefined || matches(filter, appended)) this.#wakeup.wake();
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.#iterated) throw new Error('a subscription can be iterated once');
    this.#iterated = true;
    return this.#messages();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#wakeup.wake();
    this.#settings.onClosed(this);
    await this.#stopListening();
  }



  async *#messages(): AsyncGenerator<SubscriptionMessage> {
    const { readPage, filter, pollIntervalMs, notifications } = this.#settings;
    // `position`: the last event delivered (what caught-up reports). `searched`: where the next read
    // starts; it moves on to the page's horizon, past unmatched events too (readSubscriptionPage).
    let position = this.#settings.after;
    let searched = position ?? START_POSITION;
    let reportCaughtUp = true;
    let repollMs = FIRST_REPOLL_MS;
    try {
      while (!this.#closed) {
        this.#wakeup.clear();
        let read;
        try {
          read = await readPage(searched, PAGE_SIZE, filter);
        } catch (error) {
          // A lost connection (killed backend, server restart) loses nothing: read the page again,
          // from the same place, once the pool has a new connection. Other errors end the subscription.
          if (this.#closed || !isConnectionLoss(error)) throw error;
          await this.#wakeup.sleep(repollMs);
          repollMs = Math.min(repollMs * 2, pollIntervalMs);
          continue;
        }
        const { events: page, horizon, pending } = read;
        for (const event of page) {
          if (this.#closed) return;
          yield { kind: 'event', event };
          position = event.position;
          searched = event.position;
          reportCaughtUp = true;
        }
        if (page.length === PAGE_SIZE) continue;
        // A short page holds every matching event up to the horizon: none can appear there later.
        if (horizon !== undefined && comparePositions(horizon, searched) > 0) searched = horizon;
        if (reportCaughtUp) {
          if (this.#closed) return;
          yield { kind: 'caught-up', position };
          reportCaughtUp = false;
        }
        if (this.#closed) return;
        await notifications.ensureConnected();
        if (pending) {
          await this.#wakeup.sleep(repollMs);
          repollMs = Math.min(repollMs * 2, MAX_REPOLL_MS, pollIntervalMs);
        } else {
          repollMs = FIRST_REPOLL_MS;
          await this.#wakeup.sleep(pollIntervalMs);
        }
      }
    } finally {
      await this.close();
    }
  }
}

/** The filter's rule (read-all.ts's SQL) applied to an append: category is the name up to the first '-'. */
export function matches(filter: AllFilter, appended: LocalAppend): boolean {
  if ('streamCategories' in filter) return filter.streamCategories.includes(appended.streamName.split('-', 1)[0] ?? '');
  return appended.types.some((type) => filter.eventTypePrefixes.some((prefix) => type.startsWith(prefix)));
}
