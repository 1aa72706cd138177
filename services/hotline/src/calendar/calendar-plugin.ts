// The calendar as a resource: loaded before the service takes requests, kept current from the calendar
// stream (a subscription brings other instances' loads), closed with the app.
import type { Subscription } from '@bureau/event-store';
import { officialCalendarData } from '@bureau/working-calendar';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { HotlineLimitOverrides } from '../domain/index.js';
import { CalendarBook } from './calendar-book.js';

declare module 'fastify' {
  interface FastifyInstance {
    hotlineCalendar: CalendarBook;
  }
}

export interface CalendarPluginOptions {
  readonly limits: HotlineLimitOverrides;
}

async function calendarPlugin(app: FastifyInstance, options: CalendarPluginOptions) {
  const book = new CalendarBook(app.eventStore, officialCalendarData, options.limits);
  const head = await app.eventStore.headPosition();
  await book.refresh();
  app.decorate('hotlineCalendar', book);

  // Loads by other instances: re-read when the calendar stream moves. Started from the head read before
  // the first refresh, so nothing in between is missed (a repeat only costs one more read).
  let subscription: Subscription | undefined;
  let following: Promise<void> | undefined;
  app.addHook('onReady', async () => {
    const live = app.eventStore.subscribeToAll({ ...(head ? { after: head } : {}), filter: { streamCategories: ['calendar'] } });
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

export const hotlineCalendarPlugin = fp(calendarPlugin, {
  name: 'hotline-calendar',
  fastify: '5.x',
  dependencies: ['bureau-event-store'],
});
