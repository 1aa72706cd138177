// The registry as a resource of a service: loaded before it takes requests, kept current from the
// registry's stream (a subscription brings other instances' changes), closed with the app.
import type { Subscription } from '@bureau/event-store';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { registryCategory } from './registry-decider.js';
import { registerDemoCity } from './demo-city.js';
import { RegistryBook } from './registry-book.js';
import { registryReachResolver } from './scope.js';

declare module 'fastify' {
  interface FastifyInstance {
    organisations: RegistryBook;
  }
}

export interface RegistryPluginOptions {
  /** The city whose registry this deployment serves (one deployment serves one city). */
  readonly cityId: string;
  /** `demo`: register the development city at start (config ORGANISATIONS_SEED; never in production). */
  readonly seed?: 'demo' | undefined;
}

async function registry(app: FastifyInstance, options: RegistryPluginOptions) {
  const book = new RegistryBook(app.eventStore, options.cityId);
  const head = await app.eventStore.headPosition();
  await book.refresh();
  if (options.seed === 'demo') await registerDemoCity({ eventStore: app.eventStore, organisations: book }, new Date());
  app.decorate('organisations', book);
  // Every role-guarded route's reach is computed from this registry (the kit's access plugin).
  app.useReachResolver(registryReachResolver(() => book.current(), options.cityId));
  let subscription: Subscription | undefined;
  let following: Promise<void> | undefined;
  app.addHook('onReady', async () => {
    const live = app.eventStore.subscribeToAll({ ...(head ? { after: head } : {}), filter: { streamCategories: [registryCategory] } });
    subscription = live;
    following = (async () => {
      for await (const message of live) {
        // A burst's later events are already folded by the read an earlier one started.
        if (message.kind === 'event' && message.event.revision > book.revision) await book.refresh().catch((err: unknown) => app.log.warn({ err }, 'organisation registry reload failed'));
      }
    })().catch((err: unknown) => app.log.warn({ err }, 'organisation registry subscription ended'));
  });
  app.addHook('onClose', async () => {
    await subscription?.close();
    await following;
  });
}

export const organisationRegistryPlugin = fp(registry, { name: 'bureau-organisations', fastify: '5.x', dependencies: ['bureau-event-store', 'bureau-access'] });
