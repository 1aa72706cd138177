// The notice board service as a plugin: its resources (pool, event store) and its routes.
// `buildNoticeBoard` puts it on the kit's app; server.ts and the tests both use it.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { organisationRegistryPlugin } from '@bureau/organisations';
import { authOptionsFrom, buildApp, eventStorePlugin, pgPoolPlugin, type App } from '@bureau/service-kit';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { ExampleConfig } from './config.js';
import { getNoticeRoute } from './routes/get-notice.js';
import { postNoticeRoute } from './routes/post-notice.js';
import { withdrawNoticeRoute } from './routes/withdraw-notice.js';

export interface NoticeBoardOptions {
  readonly databaseUrl: string;
  /** The city whose organisation registry tokens are checked against. */
  readonly cityId: string;
  readonly seed?: 'demo' | undefined;
}

const noticeBoardPlugin: FastifyPluginAsyncZod<NoticeBoardOptions> = async (app, options) => {
  await app.register(pgPoolPlugin, { connectionString: options.databaseUrl });
  await app.register(eventStorePlugin, {
    // Brings the event store's schema up to date before the service takes requests.
    create: () => createPostgresEventStore({ connectionString: options.databaseUrl }),
  });
  // Every route declares who may call it; reaches come from the city's organisation registry.
  await app.register(organisationRegistryPlugin, { cityId: options.cityId, seed: options.seed });
  await app.register(postNoticeRoute);
  await app.register(withdrawNoticeRoute);
  await app.register(getNoticeRoute);
};

/** Not encapsulated: the service is the whole app, and tests reach `app.eventStore`. */
export const noticeBoard = fp(noticeBoardPlugin, { name: 'notice-board', fastify: '5.x', dependencies: ['bureau-problem-handlers', 'bureau-health', 'bureau-auth'] });

export async function buildNoticeBoard(config: ExampleConfig, extra: { readonly logStream?: DestinationStream } = {}): Promise<App> {
  const app = await buildApp({
    name: 'example',
    version: '0.1.0',
    description: 'Notice board (公告栏): the example service built on @bureau/service-kit.',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(extra.logStream ? { logStream: extra.logStream } : {}),
  });
  await app.register(noticeBoard, { databaseUrl: config.DATABASE_URL, cityId: config.CITY_ID, seed: config.ORGANISATIONS_SEED });
  return app;
}
