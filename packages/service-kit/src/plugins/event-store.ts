// The event store as a resource: made by the service's factory (PostgreSQL in production, another
// adapter in some tests), decorated as `app.eventStore`, closed when the app closes.
import type { EventStore } from '@bureau/event-store';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    eventStore: EventStore;
  }
}

export interface EventStorePluginOptions {
  readonly create: () => EventStore | Promise<EventStore>;
  /** Probe the store in /readyz (default true). */
  readonly readinessCheck?: boolean;
}

async function eventStore(app: FastifyInstance, options: EventStorePluginOptions) {
  const store = await options.create();
  app.decorate('eventStore', store);
  if (options.readinessCheck !== false) app.readiness.add('eventStore', () => store.headPosition());
  app.addHook('onClose', async () => store.close());
}

export const eventStorePlugin = fp(eventStore, { name: 'bureau-event-store', fastify: '5.x', dependencies: ['bureau-health'] });
