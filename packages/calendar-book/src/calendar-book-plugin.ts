// The calendar as a resource: loaded before the service takes requests, kept current from the calendar
// stream (a subscription brings other instances' loads), closed with the app. The service names the
// decoration and the plugin (others declare a dependency on that name) and makes the book.
import type { EventStore, Subscription } from '@bureau/event-store';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CalendarBook } from './calendar-book.js';
import { officialCalendarCategory } from './official-calendar-decider.js';

export interface CalendarBookPluginSpec<Rules, Options> {
  /** The fastify-plugin name, e.g. 'hotline-calendar'. */
  readonly name: string;
  /** The instance decoration, e.g. 'hotlineCalendar'; the service declares its type on FastifyInstance. */
  readonly decoration: string;
  /** Makes the book from the app's event store and the options the plugin is registered with. */
  readonly createBook: (store: EventStore, options: Options) => CalendarBook<Rules>;
}

export function calendarBookPlugin<Rules, Options extends object = Record<never, never>>(spec: CalendarBookPluginSpec<Rules, Options>) {
  async function plugin(app: FastifyInstance, options: Options) {
    const book = spec.createBook(app.eventStore, options);
    const head = await app.eventStore.headPosition();
    await book.refresh();
    app.decorate(spec.decoration, book);

    // Loads by other instances: re-read when the calendar stream moves. Started from the head read before
    // the first refresh, so nothing in between is missed (a repeat only costs one more read).
    let subscription: Subscription | undefined;
    let following: Promise<void> | undefined;
    app.addHook('onReady', async () => {
      const live = app.eventStore.subscribeToAll({ ...(head ? { after: head } : {}), filter: { streamCategories: [officialCalendarCategory] } });
      subscription = live;
      following = (async () => {
        for await (const message of live) {
          if (message.kind !== 'event') continue;
          try {
            if (await book.refresh()) app.log.info({ calendarVersion: book.current().calendar.version }, 'working-day calendar reloaded');
          } catch (err) {
            app.log.warn({ err }, 'working-day calendar reload failed; the next command missing a year retries it');
          }
        }
      })().catch((err: unknown) => app.log.warn({ err }, 'calendar subscription ended; reloads now happen on demand only'));
    });
    app.addHook('onClose', async () => {
      await subscription?.close();
      await following;
    });
  }
  return fp(plugin, { name: spec.name, fastify: '5.x', dependencies: ['bureau-event-store'] });
}
